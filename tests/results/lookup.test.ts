import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, resultLookupLinks, results } from '../../db/schema/index.ts';
import { resultLookupUrl } from '../../hub/results/index.ts';
import { createTestApp, type TestApp } from '../support/hub.ts';
import { seedFamily, seedImaging, seedLabResult, tinyJpeg } from './support.ts';

/** The web lookup link of an SMS/ZNS/email: birth date check, attempt limit, expiry, audit of every view. */
let t: TestApp;

async function releasedLab(birthDate = '1975-09-02') {
  const family = await seedFamily(t.db, { name: 'Đỗ Thị Hạnh', birthDate });
  const lab = await seedLabResult(t.db, { patientId: family.patientId });
  await t.db.update(results).set({ releasedToPatientAt: sql`now()` }).where(eq(results.id, lab.resultId));
  const url = await resultLookupUrl(t.deps, lab.resultId);
  return { ...family, ...lab, url, path: new URL(url).pathname };
}

const post = (path: string, birthDate: string, cookie?: string) =>
  t.app.request(path, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...(cookie ? { cookie } : {}) },
    body: new URLSearchParams({ birthDate }).toString(),
  });
const audits = (resultId: string, action: string) =>
  t.db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.subjectId, resultId), eq(auditLog.action, action)));

describe('web result lookup link', () => {
  beforeAll(async () => {
    t = await createTestApp({
      seed: false,
      env: { PUBLIC_URL: 'https://crm.phongkham.example.vn', RESULT_LOOKUP_MAX_ATTEMPTS: '3' },
    });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('mints a short link on the hub only for a released result', async () => {
    const { url } = await releasedLab();
    expect(url).toMatch(/^https:\/\/crm\.phongkham\.example\.vn\/kq\/[A-Za-z0-9_-]{38}$/);
    const family = await seedFamily(t.db);
    const pending = await seedLabResult(t.db, { patientId: family.patientId });
    await expect(resultLookupUrl(t.deps, pending.resultId)).rejects.toMatchObject({ code: 'result_not_released' });
  });

  it('asks for the birth date, then shows the values with their flags and audits the view', async () => {
    const lab = await releasedLab();
    const form = await t.app.request(lab.path);
    expect(form.status).toBe(200);
    expect(form.headers.get('cache-control')).toBe('no-store');
    const html = await form.text();
    expect(html).toContain('Ngày sinh (ngày/tháng/năm)');
    expect(html).not.toContain('Glucose');

    const ok = await post(lab.path, '02/09/1975');
    expect(ok.status).toBe(303);
    expect(ok.headers.get('location')).toBe(lab.path);
    const cookie = ok.headers.get('set-cookie')!;
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain(`Path=${lab.path}`);

    const page = await t.app.request(lab.path, { headers: { cookie: cookie.split(';')[0]! } });
    expect(page.status).toBe(200);
    const shown = await page.text();
    expect(shown).toContain('Kết quả của Đỗ Thị Hạnh');
    expect(shown).toMatch(/<tr class="abn"><td>Glucose<\/td><td class="val">7\.8<span class="flag">Cao<\/span>/);
    expect(shown).toContain('3.9-6.4');
    expect(shown).toContain('µmol/L');

    expect(await audits(lab.resultId, 'result.view')).toHaveLength(1);
    expect(await audits(lab.resultId, 'result.lookup')).toEqual([expect.objectContaining({ outcome: 'success' })]);
    const [link] = await t.db.select().from(resultLookupLinks).where(eq(resultLookupLinks.resultId, lab.resultId));
    expect(link!.viewCount).toBe(1);
  });

  it('shows the patient’s imaging pictures to the verified viewer only', async () => {
    const lab = await releasedLab('1962-12-30');
    const img = await seedImaging(t.db, lab.patientId);
    await t.db.update(results).set({ releasedToPatientAt: sql`now()` }).where(eq(results.id, img.resultId));
    const imageUrl = `${lab.path}/anh/${img.previewId}`;
    expect((await t.app.request(imageUrl)).status).toBe(404);

    const ok = await post(lab.path, '30/12/1962');
    const cookie = ok.headers.get('set-cookie')!.split(';')[0]!;
    const page = await (await t.app.request(lab.path, { headers: { cookie } })).text();
    expect(page).toContain(`src="${imageUrl}"`);
    expect(page).toContain('Phim X-quang ngực bình thường.');
    const image = await t.app.request(imageUrl, { headers: { cookie } });
    expect(image.status).toBe(200);
    expect(image.headers.get('content-type')).toBe('image/jpeg');
    expect(Buffer.from(await image.arrayBuffer()).equals(tinyJpeg)).toBe(true);
    // both released results of the patient were shown, and each view is in the log
    expect(await audits(lab.resultId, 'result.view')).toHaveLength(1);
    expect(await audits(img.resultId, 'result.view')).toHaveLength(1);

    // another patient's picture is not reachable through this link, even with its cookie
    const other = await seedFamily(t.db);
    const theirs = await seedImaging(t.db, other.patientId);
    await t.db.update(results).set({ releasedToPatientAt: sql`now()` }).where(eq(results.id, theirs.resultId));
    expect((await t.app.request(`${lab.path}/anh/${theirs.previewId}`, { headers: { cookie } })).status).toBe(404);
  });

  it('counts wrong birth dates, locks the link after the limit even for the right date, and audits each try', async () => {
    const lab = await releasedLab();
    const first = await post(lab.path, '01/01/1990');
    expect(first.status).toBe(400);
    expect(await first.text()).toContain('Bạn còn 2 lần thử');
    expect((await post(lab.path, '1990-01-02')).status).toBe(400);
    const third = await post(lab.path, '03/01/1990');
    expect(third.status).toBe(429);
    expect(await third.text()).toContain('Bạn đã nhập sai quá nhiều lần');
    const right = await post(lab.path, '02/09/1975');
    expect(right.status).toBe(429);
    expect(Number(right.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(right.headers.get('set-cookie')).toBeNull();

    const tries = await audits(lab.resultId, 'result.lookup');
    expect(tries.map((a) => a.outcome).sort()).toEqual(['denied', 'failure', 'failure', 'failure']);
    expect(tries.every((a) => a.actorKind === 'patient')).toBe(true);
    expect(await audits(lab.resultId, 'result.view')).toEqual([]);
  });

  it('does not count a date typed in a wrong format as an attempt', async () => {
    const lab = await releasedLab();
    const res = await post(lab.path, '31/02/1975');
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('Ngày sinh chưa đúng dạng ngày/tháng/năm');
    expect(await audits(lab.resultId, 'result.lookup')).toEqual([]);
    expect((await post(lab.path, '2/9/1975')).status).toBe(303);
  });

  it('says plainly when a link has expired or is not one of ours', async () => {
    const lab = await releasedLab();
    await t.db
      .update(resultLookupLinks)
      .set({ expiresAt: sql`now() - interval '1 minute'` })
      .where(eq(resultLookupLinks.resultId, lab.resultId));
    const gone = await t.app.request(lab.path);
    expect(gone.status).toBe(410);
    expect(await gone.text()).toContain('Đường dẫn tra cứu đã hết hạn');
    expect((await post(lab.path, '02/09/1975')).status).toBe(410);

    const forged = `${lab.path.slice(0, -3)}${lab.path.endsWith('AAA') ? 'BBB' : 'AAA'}`;
    const bad = await t.app.request(forged);
    expect(bad.status).toBe(404);
    expect(await bad.text()).toContain('Đường dẫn tra cứu không hợp lệ');
    expect((await t.app.request('/kq/khong-co')).status).toBe(404);
  });
});
