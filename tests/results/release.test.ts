import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, results } from '../../db/schema/index.ts';
import { createTestApp, type TestApp } from '../support/hub.ts';
import { announceResult, eventsOf, patientFetch, runResultsJob, seedFamily, seedLabResult } from './support.ts';

/** The release gate: nothing reaches the patient before a clinician (or an auto-release rule) releases it. */
let t: TestApp;

describe('release gate', () => {
  beforeAll(async () => {
    t = await createTestApp({ env: { RESULTS_AUTO_RELEASE_TESTS: 'GLU', RESULTS_AUTO_RELEASE_MODALITIES: 'CR' } });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('hides an unreleased result from the patient, lets a clinician release it once, and announces it once', async () => {
    const family = await seedFamily(t.db);
    const lab = await seedLabResult(t.db, { patientId: family.patientId });
    const asPatient = patientFetch(t, family.contactId);
    expect(((await (await asPatient('')).json()) as { items: unknown[] }).items).toEqual([]);
    expect((await asPatient(`/${lab.resultId}`)).status).toBe(404);

    const clinician = t.agent();
    await clinician.signIn('clinician@demo.medicrm.vn');
    const queue = (await (await clinician.request('GET', '/api/results/release-queue?limit=100')).json()) as {
      items: { id: string; abnormalCount: number; patient: { contactId: string } }[];
    };
    expect(queue.items.find((i) => i.id === lab.resultId)).toMatchObject({
      abnormalCount: 1,
      patient: { contactId: family.contactId },
    });

    const first = await clinician.request('POST', `/api/results/${lab.resultId}/release`);
    expect(first.status).toBe(200);
    expect(await first.json()).toMatchObject({ id: lab.resultId, alreadyReleased: false });
    const second = await clinician.request('POST', `/api/results/${lab.resultId}/release`);
    expect(await second.json()).toMatchObject({ alreadyReleased: true });

    const events = await eventsOf(t.db, 'result.released', lab.resultId);
    expect(events).toHaveLength(1);
    expect(events[0]!.payload).toEqual({
      resultId: lab.resultId,
      patientId: family.patientId,
      contactId: family.contactId,
    });
    const audit = await t.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'result.release'), eq(auditLog.subjectId, lab.resultId)));
    expect(audit).toHaveLength(1);
    expect(audit[0]!.actorStaffId).not.toBeNull();

    const list = (await (await asPatient('')).json()) as { items: { id: string; abnormalCount: number }[] };
    expect(list.items).toEqual([expect.objectContaining({ id: lab.resultId, abnormalCount: 1 })]);
    const queueAfter = (await (await clinician.request('GET', '/api/results/release-queue?limit=100')).json()) as {
      items: { id: string }[];
    };
    expect(queueAfter.items.some((i) => i.id === lab.resultId)).toBe(false);
  });

  it('lets only holders of results.release release, and audits every staff view of a result', async () => {
    const family = await seedFamily(t.db);
    const lab = await seedLabResult(t.db, { patientId: family.patientId });
    const agent = t.agent();
    await agent.signIn('agent1@demo.medicrm.vn');
    expect((await agent.request('POST', `/api/results/${lab.resultId}/release`)).status).toBe(403);
    expect((await agent.request('GET', `/api/results/${lab.resultId}`)).status).toBe(403);
    const supervisor = t.agent();
    await supervisor.signIn('supervisor@demo.medicrm.vn');
    expect((await supervisor.request('GET', `/api/results/${lab.resultId}`)).status).toBe(200);
    expect((await supervisor.request('POST', `/api/results/${lab.resultId}/release`)).status).toBe(403);
    const [row] = await t.db.select().from(results).where(eq(results.id, lab.resultId));
    expect(row!.releasedToPatientAt).toBeNull();
    const views = await t.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'result.view'), eq(auditLog.subjectId, lab.resultId)));
    expect(views).toHaveLength(1);
    expect(await eventsOf(t.db, 'result.released', lab.resultId)).toEqual([]);
  });

  it('auto-releases a final result of a listed test once, and leaves preliminary and unlisted ones to a clinician', async () => {
    const family = await seedFamily(t.db);
    const glucose = await seedLabResult(t.db, {
      patientId: family.patientId,
      serviceCode: 'GLU',
      serviceName: 'Glucose',
    });
    const out = await announceResult(t.deps, { ...glucose, patientId: family.patientId });
    expect(out).toEqual({ rule: 'test:GLU' });
    const [released] = await t.db.select().from(results).where(eq(results.id, glucose.resultId));
    expect(released!.releasedToPatientAt).not.toBeNull();
    expect(released!.releasedByRule).toBe('test:GLU');
    expect(released!.releasedByStaffId).toBeNull();
    // the same event delivered again (a retry) changes nothing and announces nothing more
    const [received] = await eventsOf(t.db, 'result.received', glucose.resultId);
    expect(await runResultsJob(t.deps, received!.id, received!.payload)).toEqual({ rule: null });
    expect(await eventsOf(t.db, 'result.released', glucose.resultId)).toHaveLength(1);

    const early = await seedLabResult(t.db, {
      patientId: family.patientId,
      serviceCode: 'GLU',
      serviceName: 'Glucose',
      status: 'preliminary',
    });
    expect(await announceResult(t.deps, { ...early, patientId: family.patientId })).toEqual({ rule: null });
    const other = await seedLabResult(t.db, { patientId: family.patientId, serviceCode: 'SHM' });
    expect(await announceResult(t.deps, { ...other, patientId: family.patientId })).toEqual({ rule: null });
    for (const id of [early.resultId, other.resultId]) {
      const [row] = await t.db.select().from(results).where(eq(results.id, id));
      expect(row!.releasedToPatientAt).toBeNull();
      expect(await eventsOf(t.db, 'result.released', id)).toEqual([]);
    }
    const list = (await (await patientFetch(t, family.contactId)('')).json()) as { items: { id: string }[] };
    expect(list.items.map((i) => i.id)).toEqual([glucose.resultId]);
  });
});
