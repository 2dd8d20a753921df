import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { imagingPreviews, imagingStudies, orders, pacsCursors, results } from '../../db/schema/index.ts';
import { pacsSource } from '../../hub/results/pacs/pacs-source.ts';
import { type PollOutcome, pollPacs } from '../../hub/results/pacs/poll-pacs.ts';
import { createTestApp, type TestApp } from '../support/hub.ts';
import { startTestOrthanc, type TestOrthanc } from '../support/orthanc.ts';
import { eventsOf, seedFamily, seedOrder } from './support.ts';

/**
 * The PACS poller against a real Orthanc (Debian's, run by the project's helper) fed by dcmtk: studies with a
 * Vietnamese patient name (ISO_IR 192) linked to their orders by AccessionNumber + PatientID, their previews, the SR
 * report, the stored /changes cursor, and studies that match no order.
 */
let orthanc: TestOrthanc;
let t: TestApp;
const poll = () => pollPacs(t.deps, pacsSource(t.deps.config)!);

/** Polls until the study with this UID is stored (StableStudy comes StableAge = 1 s after the last instance). */
async function pollUntilStored(studyInstanceUid: string): Promise<PollOutcome[]> {
  const runs: PollOutcome[] = [];
  await expect
    .poll(
      async () => {
        runs.push(await poll());
        const [row] = await t.db
          .select({ id: imagingStudies.id })
          .from(imagingStudies)
          .where(eq(imagingStudies.studyInstanceUid, studyInstanceUid));
        return row !== undefined;
      },
      { timeout: 30_000, interval: 300 },
    )
    .toBe(true);
  return runs;
}

describe('PACS polling (Orthanc)', () => {
  beforeAll(async () => {
    orthanc = await startTestOrthanc();
    t = await createTestApp({ seed: true, env: { ...orthanc.env, PACS_PREVIEWS_PER_STUDY: '3' } });
  });
  afterAll(async () => {
    await t?.close();
    await orthanc?.close();
  });

  it('starts its cursor at the PACS’s newest change, so history is not replayed by default', async () => {
    const first = await poll();
    expect(first).toMatchObject({ skipped: false, studies: 0 });
    const [cursor] = await t.db.select().from(pacsCursors);
    expect(cursor).toMatchObject({ pacsPeer: orthanc.pacs.url, lastSeq: 0 });
  });

  it('links a study with a Vietnamese name to its order and makes the imaging result with previews and the SR report', async () => {
    const family = await seedFamily(t.db, { name: 'Nguyễn Văn An' });
    const order = await seedOrder(t.db, {
      patientId: family.patientId,
      kind: 'imaging',
      serviceCode: 'XQ-NGUC',
      serviceName: 'X-quang ngực thẳng',
      accessionNumber: 'ACC20260115001',
      modality: 'CR',
    });
    const study = orthanc.store({
      accessionNumber: 'ACC20260115001',
      patientId: family.hisMrn!,
      patientName: 'Nguyễn^Văn An',
      description: 'X-quang ngực thẳng',
      images: 2,
      report: {
        finding: 'Bóng tim không to. Hai phế trường sáng, không thấy tổn thương khu trú.',
        impression: 'Phim X-quang ngực bình thường.',
      },
    });
    const runs = await pollUntilStored(study.studyInstanceUid);
    expect(runs.reduce((n, r) => n + r.studies, 0)).toBe(1);

    const [stored] = await t.db
      .select()
      .from(imagingStudies)
      .where(eq(imagingStudies.studyInstanceUid, study.studyInstanceUid));
    expect(stored).toMatchObject({
      linkState: 'linked',
      accessionNumber: 'ACC20260115001',
      dicomPatientId: family.hisMrn,
      dicomPatientName: 'Nguyễn Văn An',
      description: 'X-quang ngực thẳng',
      studyDate: '2026-01-15',
      orderId: order.id,
      patientId: family.patientId,
      instanceCount: 3,
    });
    expect(stored!.modalities.sort()).toEqual(['CR', 'SR']);
    expect(stored!.dicomPatientName).toBe('Nguyễn Văn An'.normalize('NFC'));

    const [result] = await t.db.select().from(results).where(eq(results.orderId, order.id));
    expect(result).toMatchObject({
      id: stored!.resultId,
      kind: 'imaging',
      status: 'final',
      title: 'X-quang ngực thẳng',
      modality: 'CR',
      studyInstanceUid: study.studyInstanceUid,
      pacsStudyId: stored!.pacsStudyId,
      releasedToPatientAt: null,
    });
    expect(result!.reportText).toContain('Mô tả: Bóng tim không to. Hai phế trường sáng');
    expect(result!.reportText).toContain('Kết luận: Phim X-quang ngực bình thường.');
    expect(result!.previews).toHaveLength(2);

    const previews = await t.db.select().from(imagingPreviews).where(eq(imagingPreviews.studyId, stored!.id));
    expect(previews).toHaveLength(2);
    for (const p of previews) {
      expect(p.mimeType).toBe('image/jpeg');
      expect(p.bytes.subarray(0, 2).toString('hex')).toBe('ffd8');
    }
    const [linkedOrder] = await t.db.select().from(orders).where(eq(orders.id, order.id));
    expect(linkedOrder!.status).toBe('completed');
    expect(await eventsOf(t.db, 'result.received', result!.id)).toHaveLength(1);

    // a clinician sees the preview through the staff route
    const clinician = t.agent();
    await clinician.signIn('clinician@demo.medicrm.vn');
    const image = await clinician.request('GET', result!.previews[0]!.url);
    expect(image.status).toBe(200);
    expect(image.headers.get('content-type')).toBe('image/jpeg');
    const agent = t.agent();
    await agent.signIn('agent1@demo.medicrm.vn');
    expect((await agent.request('GET', result!.previews[0]!.url)).status).toBe(403);
  });

  it('answers QIDO-RS (its DICOMweb plugin is on) with the Vietnamese name and description intact', async () => {
    const studies = await pacsSource(t.deps.config)!.client.qidoStudies({
      AccessionNumber: 'ACC20260115001',
      includefield: '00081030',
    });
    expect(studies).toHaveLength(1);
    expect(studies[0]!['00100010']?.Value).toEqual([{ Alphabetic: 'Nguyễn^Văn An' }]);
    expect(studies[0]!['00081030']?.Value).toEqual(['X-quang ngực thẳng']);
    // the plugin was told the port, so retrieve URLs work as given
    expect(String(studies[0]!['00081190']?.Value?.[0])).toContain(`${orthanc.pacs.url}/dicom-web/studies/`);
  });

  it('keeps its cursor: later polls, and a poller started afresh, process nothing again', async () => {
    const [before] = await t.db.select().from(pacsCursors);
    expect(before!.lastSeq).toBeGreaterThan(0);
    const again = await poll();
    expect(again.studies).toBe(0);
    // a new source object stands for a restarted hub: it reads the cursor from the database
    const restarted = await pollPacs(t.deps, pacsSource(t.deps.config)!);
    expect(restarted.studies).toBe(0);
    const [after] = await t.db.select().from(pacsCursors);
    expect(after!.lastSeq).toBe(before!.lastSeq);
    expect(await t.db.select().from(imagingStudies)).toHaveLength(1);
  });

  it('keeps a study that matches no order unlinked and visible, and links it once the order arrives', async () => {
    const family = await seedFamily(t.db, { name: 'Trần Thị Bích Ngọc' });
    const study = orthanc.store({
      accessionNumber: 'ACC20260115777',
      patientId: family.hisMrn!,
      patientName: 'Trần^Thị Bích Ngọc',
      description: 'Siêu âm ổ bụng tổng quát',
      modality: 'US',
    });
    await pollUntilStored(study.studyInstanceUid);
    const [unlinked] = await t.db
      .select()
      .from(imagingStudies)
      .where(eq(imagingStudies.studyInstanceUid, study.studyInstanceUid));
    expect(unlinked).toMatchObject({ linkState: 'unlinked', unlinkedReason: 'no_order', resultId: null });

    const clinician = t.agent();
    await clinician.signIn('clinician@demo.medicrm.vn');
    const list = (await (await clinician.request('GET', '/api/results/unlinked-studies')).json()) as {
      items: { id: string; dicomPatientName: string; description: string; previews: { url: string }[] }[];
    };
    const shown = list.items.find((s) => s.id === unlinked!.id);
    expect(shown).toMatchObject({ dicomPatientName: 'Trần Thị Bích Ngọc', description: 'Siêu âm ổ bụng tổng quát' });
    expect(shown!.previews).toHaveLength(1);

    const order = await seedOrder(t.db, {
      patientId: family.patientId,
      kind: 'imaging',
      serviceCode: 'SA-BUNG',
      serviceName: 'Siêu âm ổ bụng',
      accessionNumber: 'ACC20260115777',
      modality: 'US',
    });
    const run = await poll();
    expect(run.linked).toBe(1);
    const [linked] = await t.db.select().from(imagingStudies).where(eq(imagingStudies.id, unlinked!.id));
    expect(linked).toMatchObject({ linkState: 'linked', orderId: order.id, unlinkedReason: null });
    const [result] = await t.db.select().from(results).where(eq(results.orderId, order.id));
    // images without a report yet: preliminary, never auto-released
    expect(result).toMatchObject({ kind: 'imaging', status: 'preliminary', modality: 'US' });
    expect(result!.previews).toHaveLength(1);
  });

  it('never links a study whose PatientID is not the order’s patient, even with the right accession number', async () => {
    const owner = await seedFamily(t.db, { name: 'Lê Văn Hùng' });
    const stranger = await seedFamily(t.db, { name: 'Phạm Thị Lan' });
    const order = await seedOrder(t.db, {
      patientId: owner.patientId,
      kind: 'imaging',
      serviceCode: 'CT-SO',
      serviceName: 'CT sọ não',
      accessionNumber: 'ACC20260115888',
      modality: 'CT',
    });
    const study = orthanc.store({
      accessionNumber: 'ACC20260115888',
      patientId: stranger.hisMrn!,
      patientName: 'Phạm^Thị Lan',
      description: 'CT sọ não không tiêm thuốc',
      modality: 'CT',
    });
    await pollUntilStored(study.studyInstanceUid);
    const [row] = await t.db
      .select()
      .from(imagingStudies)
      .where(eq(imagingStudies.studyInstanceUid, study.studyInstanceUid));
    expect(row).toMatchObject({ linkState: 'unlinked', unlinkedReason: 'patient_mismatch', orderId: null });
    expect(
      await t.db
        .select()
        .from(results)
        .where(and(eq(results.orderId, order.id))),
    ).toEqual([]);
  });
});
