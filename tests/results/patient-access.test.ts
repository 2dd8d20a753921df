import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { patients, results } from '../../db/schema/index.ts';
import { createTestApp, type TestApp } from '../support/hub.ts';
import { patientFetch, seedFamily, seedImaging, seedLabResult, tinyJpeg } from './support.ts';

/** What a Mini App patient reads: released results of their own contact's profiles, and nothing else. */
let t: TestApp;

async function release(resultId: string) {
  await t.db.update(results).set({ releasedToPatientAt: sql`now()` }).where(sql`${results.id} = ${resultId}`);
}

describe('patient results API', () => {
  beforeAll(async () => {
    t = await createTestApp({ seed: false });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('lists released results per profile and shows lab values with units, ranges and flags', async () => {
    const family = await seedFamily(t.db, { name: 'Trần Thị Thu' });
    const [child] = await t.db
      .insert(patients)
      .values({ contactId: family.contactId, fullName: 'Lê Minh Khang', relationship: 'child', sex: 'male' })
      .returning();
    const mine = await seedLabResult(t.db, { patientId: family.patientId });
    const childs = await seedLabResult(t.db, { patientId: child!.id, serviceName: 'Công thức máu' });
    await release(mine.resultId);
    await release(childs.resultId);
    const get = patientFetch(t, family.contactId);

    const all = (await (await get('')).json()) as { items: { id: string; profile: { fullName: string } }[] };
    expect(all.items.map((i) => i.id).sort()).toEqual([mine.resultId, childs.resultId].sort());
    const forChild = (await (await get(`?profileId=${child!.id}`)).json()) as { items: { id: string }[] };
    expect(forChild.items.map((i) => i.id)).toEqual([childs.resultId]);

    const detail = await get(`/${mine.resultId}`);
    expect(detail.status).toBe(200);
    const body = (await detail.json()) as { kind: string; observations: unknown[]; profile: { fullName: string } };
    expect(body.kind).toBe('lab');
    expect(body.profile.fullName).toBe('Trần Thị Thu');
    expect(body.observations).toEqual([
      expect.objectContaining({
        name: 'Glucose',
        value: '7.8',
        unit: 'mmol/L',
        referenceRange: '3.9-6.4',
        flag: 'H',
        abnormal: true,
      }),
      expect.objectContaining({ name: 'Creatinin', unit: 'µmol/L', flag: 'N', abnormal: false }),
    ]);
  });

  it('pages through results newest first with a cursor', async () => {
    const family = await seedFamily(t.db);
    const made: string[] = [];
    for (let i = 0; i < 5; i++) {
      const r = await seedLabResult(t.db, { patientId: family.patientId });
      await t.db
        .update(results)
        .set({ reportedAt: new Date(Date.UTC(2026, 0, 1 + i)), releasedToPatientAt: new Date() })
        .where(sql`${results.id} = ${r.resultId}`);
      made.push(r.resultId);
    }
    const get = patientFetch(t, family.contactId);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const qs: string = cursor ? `?limit=2&cursor=${cursor}` : '?limit=2';
      const res = (await (await get(qs)).json()) as { items: { id: string }[]; nextCursor: string | null };
      seen.push(...res.items.map((i) => i.id));
      cursor = res.nextCursor;
    } while (cursor);
    expect(seen).toEqual([...made].reverse());
  });

  it('serves an imaging result’s report and preview image to its patient', async () => {
    const family = await seedFamily(t.db);
    const img = await seedImaging(t.db, family.patientId);
    await release(img.resultId);
    const get = patientFetch(t, family.contactId);
    const detail = (await (await get(`/${img.resultId}`)).json()) as {
      reportText: string;
      previews: { id: string; url: string }[];
    };
    expect(detail.reportText).toContain('Phim X-quang ngực bình thường');
    expect(detail.previews).toEqual([
      expect.objectContaining({
        id: img.previewId,
        url: `/api/patient/results/${img.resultId}/previews/${img.previewId}`,
      }),
    ]);
    const image = await get(`/${img.resultId}/previews/${img.previewId}`);
    expect(image.status).toBe(200);
    expect(image.headers.get('content-type')).toBe('image/jpeg');
    expect(Buffer.from(await image.arrayBuffer()).equals(tinyJpeg)).toBe(true);
    // without a token: 401
    expect((await t.app.request(`/api/patient/results/${img.resultId}`)).status).toBe(401);
  });

  it('answers 404 for another family’s results, profiles and images, released or not', async () => {
    const me = await seedFamily(t.db);
    const other = await seedFamily(t.db, { name: 'Phạm Thị Lan' });
    const theirs = await seedLabResult(t.db, { patientId: other.patientId });
    const theirImage = await seedImaging(t.db, other.patientId);
    await release(theirs.resultId);
    await release(theirImage.resultId);
    const mine = await seedImaging(t.db, me.patientId);
    await release(mine.resultId);
    const get = patientFetch(t, me.contactId);

    expect(((await (await get('')).json()) as { items: { id: string }[] }).items.map((i) => i.id)).toEqual([
      mine.resultId,
    ]);
    for (const path of [
      `/${theirs.resultId}`,
      `/${theirImage.resultId}`,
      `/${theirImage.resultId}/previews/${theirImage.previewId}`,
      // my result, their image: the preview must belong to the result asked for
      `/${mine.resultId}/previews/${theirImage.previewId}`,
      `?profileId=${other.patientId}`,
    ]) {
      const res = await get(path);
      expect(res.status, path).toBe(404);
    }
  });
});
