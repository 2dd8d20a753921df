import { and, asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  appointments,
  auditLog,
  doctors,
  integrationMessages,
  orders,
  patients,
  resultObservations,
  results,
  resultVersions,
} from '../../db/schema/index.ts';
import { dueMessages } from '../../hub/clinical/outbound-delivery.ts';
import { freeSlots, seedPatients } from '../booking/support.ts';
import { type ClinicalHarness, startClinicalHarness } from './support.ts';

let h: ClinicalHarness;
beforeAll(async () => {
  h = await startClinicalHarness();
});
afterAll(async () => {
  await h?.close();
});

type Patient = Awaited<ReturnType<typeof seedPatients>>[number];
interface HisVisit {
  bookingCode: string;
  events: string[];
  status: string;
  mrn: string;
  displayName: string;
}
interface HisReceived {
  type: string;
  controlId: string;
  ack: string;
}

const usedSlots = new Set<string>();
/** A free slot not used yet by this file; `not` = another slot whose time (and doctor) it must not share. */
async function slot(not?: { startsAt: string; doctorId: string }) {
  const s = (await freeSlots(h.t)).find(
    (x) => !usedSlots.has(x.slotId) && (!not || (x.startsAt !== not.startsAt && x.doctorId !== not.doctorId)),
  )!;
  usedSlots.add(s.slotId);
  return s;
}

async function book(p: Patient) {
  const s = await slot();
  const hold = await p.client.request('POST', '/appointments', { slotId: s.slotId, profileId: p.profileId });
  expect(hold.status).toBe(201);
  const { id, bookingCode } = (await hold.json()) as { id: string; bookingCode: string };
  const confirmed = await p.client.request('POST', `/appointments/${id}/confirm`);
  expect(confirmed.status).toBe(200);
  return { id, bookingCode, doctorId: s.doctorId, startsAt: s.startsAt };
}

async function messagesOf(patientId: string) {
  return h.t.db
    .select()
    .from(integrationMessages)
    .where(and(eq(integrationMessages.patientId, patientId), eq(integrationMessages.direction, 'outbound')))
    .orderBy(asc(integrationMessages.seq), asc(integrationMessages.createdAt));
}

const allAcked = (patientId: string, n: number) => async () => {
  const rows = await messagesOf(patientId);
  return rows.length >= n && rows.every((r) => r.status === 'acked' || r.replacedById) ? rows : undefined;
};

const visit = async (code: string) =>
  (await h.his<{ items: HisVisit[] }>('GET', '/_sandbox/schedule')).items.find((v) => v.bookingCode === code);
const received = async () => (await h.his<{ items: HisReceived[] }>('GET', '/_sandbox/messages')).items;

describe('appointments pushed to the HIS (the @medplum/hl7 sandbox peer over real sockets)', () => {
  let first: Patient;
  let firstAppt: Awaited<ReturnType<typeof book>>;

  it('a confirmed booking reaches the HIS as ADT^A28 then SIU^S12, both ACKed; the MRN the HIS assigns is kept', async () => {
    [first] = (await seedPatients(h.t, 1, 'Nguyễn Văn')) as [Patient];
    firstAppt = await book(first);
    const rows = await h.waitFor(allAcked(first.profileId, 2), 'A28 + S12 acked');
    expect(rows.map((r) => [r.messageType, r.ackCode, r.attempts])).toEqual([
      ['ADT^A28', 'AA', 1],
      ['SIU^S12', 'AA', 1],
    ]);
    const v = await visit(firstAppt.bookingCode);
    expect(v).toMatchObject({ events: ['S12'], status: 'Booked', displayName: 'Nguyễn Văn 1' });
    const [appt] = await h.t.db.select().from(appointments).where(eq(appointments.id, firstAppt.id));
    expect(appt!.hisSyncState).toBe('synced');
    const mrn = await h.waitFor(async () => {
      const [p] = await h.t.db.select({ mrn: patients.hisMrn }).from(patients).where(eq(patients.id, first.profileId));
      return p?.mrn;
    }, 'the MRN from the HIS');
    expect(mrn).toBe(v!.mrn);
  });

  it('reschedule and cancel go out as S13 then S15, in order', async () => {
    const p = first;
    const s = await slot(firstAppt);
    const moved = await p.client.request('POST', `/appointments/${firstAppt.id}/reschedule`, { slotId: s.slotId });
    expect(moved.status).toBe(200);
    const cancelled = await p.client.request('POST', `/appointments/${firstAppt.id}/cancel`, { reason: 'Bận việc' });
    expect(cancelled.status).toBe(200);
    const rows = await h.waitFor(allAcked(p.profileId, 4), 'S13 + S15 acked');
    expect(rows.map((r) => r.messageType)).toEqual(['ADT^A28', 'SIU^S12', 'SIU^S13', 'SIU^S15']);
    expect(await visit(firstAppt.bookingCode)).toMatchObject({ events: ['S12', 'S13', 'S15'], status: 'Cancelled' });
  });

  it('while the HIS is down messages wait; when it returns each goes out once, in order', async () => {
    // down until brought back below, however slow the machine is
    await h.his('POST', '/_sandbox/down', { seconds: 300 });
    const [p] = (await seedPatients(h.t, 1, 'Trần Thị')) as [Patient];
    const appt = await book(p);
    const s = await slot(appt);
    expect((await p.client.request('POST', `/appointments/${appt.id}/reschedule`, { slotId: s.slotId })).status).toBe(
      200,
    );
    const waiting = await h.waitFor(async () => {
      const rows = await messagesOf(p.profileId);
      return rows.length === 3 && rows[0]!.lastError?.includes('Không kết nối') ? rows : undefined;
    }, 'messages waiting for the HIS');
    expect(waiting.every((r) => r.status === 'pending')).toBe(true);
    await h.his('POST', '/_sandbox/up');
    const rows = await h.waitFor(allAcked(p.profileId, 3), 'delivery after the HIS came back', 30_000);
    expect(rows.map((r) => r.messageType)).toEqual(['ADT^A28', 'SIU^S12', 'SIU^S13']);
    const got = (await received()).filter((m) => rows.some((r) => r.controlId === m.controlId));
    expect(got.map((m) => m.type)).toEqual(['ADT^A28', 'SIU^S12', 'SIU^S13']);
    expect(await visit(appt.bookingCode)).toMatchObject({ events: ['S12', 'S13'] });
  });

  it('resends with the same MSH-10 when the ACK does not come in time', async () => {
    await h.his('POST', '/_sandbox/settings', { ackDelayMs: 2_500 });
    const [p] = (await seedPatients(h.t, 1, 'Lê Văn')) as [Patient];
    await book(p);
    const timedOut = await h.waitFor(async () => {
      const [a28] = await messagesOf(p.profileId);
      return a28?.status === 'sent' && a28.attempts >= 1 ? a28 : undefined;
    }, 'an ACK timeout');
    await h.his('POST', '/_sandbox/settings', { ackDelayMs: 0 });
    const rows = await h.waitFor(allAcked(p.profileId, 2), 'delivery after the timeout');
    expect(rows[0]!.controlId).toBe(timedOut.controlId);
    expect(rows[0]!.attempts).toBeGreaterThanOrEqual(2);
    const sameId = (await received()).filter((m) => m.controlId === timedOut.controlId);
    expect(sameId.length).toBeGreaterThanOrEqual(2);
  });

  it('an AE parks the message and holds the ones after it; a replay (audited) sends it and the queue moves on', async () => {
    const [p] = (await seedPatients(h.t, 1, 'Phạm Thị')) as [Patient];
    const s = await slot();
    const [doctor] = await h.t.db.select({ code: doctors.code }).from(doctors).where(eq(doctors.id, s.doctorId));
    await h.his('POST', '/_sandbox/settings', { unknownDoctors: [doctor!.code] });
    const hold = await p.client.request('POST', '/appointments', { slotId: s.slotId, profileId: p.profileId });
    const { id } = (await hold.json()) as { id: string };
    expect((await p.client.request('POST', `/appointments/${id}/confirm`)).status).toBe(200);
    const parked = await h.waitFor(async () => {
      const rows = await messagesOf(p.profileId);
      return rows.find((r) => r.messageType === 'SIU^S12' && r.status === 'nacked');
    }, 'S12 refused');
    expect(parked.ackCode).toBe('AE');
    expect(parked.lastError).toContain(`Mã bác sĩ ${doctor!.code} không tồn tại`);
    const [appt] = await h.t.db.select().from(appointments).where(eq(appointments.id, id));
    expect(appt).toMatchObject({ hisSyncState: 'error' });

    // the reschedule is stored but waits behind the parked S12
    const s2 = await slot(s);
    expect((await p.client.request('POST', `/appointments/${id}/reschedule`, { slotId: s2.slotId })).status).toBe(200);
    const s13 = await h.waitFor(
      async () => (await messagesOf(p.profileId)).find((r) => r.messageType === 'SIU^S13'),
      'S13 stored',
    );
    expect((await dueMessages(h.t.db, 'HIS|BV_DEMO', 100)).some((r) => r.id === s13.id)).toBe(false);

    // a clinician may look but not replay; an admin replays once the HIS knows the doctor
    const clinician = h.t.agent();
    await clinician.signIn('clinician@demo.medicrm.vn');
    const list = await clinician.request('GET', `/api/integration/messages?parked=true&patientId=${p.profileId}`);
    expect(list.status).toBe(200);
    expect(((await list.json()) as { items: { id: string }[] }).items.map((i) => i.id)).toEqual([parked.id]);
    expect((await clinician.request('POST', `/api/integration/messages/${parked.id}/replay`)).status).toBe(403);
    await h.his('POST', '/_sandbox/settings', { unknownDoctors: [] });
    const admin = h.t.agent();
    await admin.signIn('admin@demo.medicrm.vn');
    const replay = await admin.request('POST', `/api/integration/messages/${parked.id}/replay`);
    expect(replay.status).toBe(200);
    const { replayId } = (await replay.json()) as { replayId: string };
    const rows = await h.waitFor(allAcked(p.profileId, 4), 'the replay and the S13 acked');
    expect(rows.filter((r) => !r.replacedById).map((r) => r.messageType)).toEqual(['ADT^A28', 'SIU^S12', 'SIU^S13']);
    const copy = rows.find((r) => r.id === replayId)!;
    expect(copy.controlId).not.toBe(parked.controlId);
    expect(copy.replayOfId).toBe(parked.id);
    const again = await admin.request('POST', `/api/integration/messages/${parked.id}/replay`);
    expect(again.status).toBe(409);
    const audit = await h.t.db.select().from(auditLog).where(eq(auditLog.action, 'integration.replay'));
    expect(audit.map((a) => a.subjectId)).toEqual([parked.id]);
  });

  it('"complete visit" on the HIS sends ORU^R01: stored as a lab result of that appointment, then corrected', async () => {
    const [p] = (await seedPatients(h.t, 1, 'Hoàng Minh')) as [Patient];
    const appt = await book(p);
    await h.waitFor(allAcked(p.profileId, 2), 'S12 acked');
    const done = await h.his<{ ackCode: string }>('POST', `/_sandbox/appointments/${appt.bookingCode}/complete`);
    expect(done.ackCode).toBe('AA');
    const [order] = await h.t.db.select().from(orders).where(eq(orders.appointmentId, appt.id));
    expect(order).toMatchObject({ kind: 'lab', patientId: p.profileId, serviceName: 'Xét nghiệm máu tổng quát' });
    const [result] = await h.t.db.select().from(results).where(eq(results.orderId, order!.id));
    expect(result).toMatchObject({ status: 'final', version: 1, releasedToPatientAt: null });
    const obs = await h.t.db
      .select()
      .from(resultObservations)
      .where(eq(resultObservations.resultId, result!.id))
      .orderBy(asc(resultObservations.seq));
    expect(obs.map((o) => [o.name, o.value, o.unit, o.referenceRange, o.flag])).toEqual([
      ['Đường huyết (Glucose)', '6.8', 'mmol/L', '3.9-6.4', 'H'],
      ['Creatinin', '85', 'µmol/L', '62-106', 'N'],
      ['Men gan ALT', '32', 'U/L', '0-40', 'N'],
      ['Huyết sắc tố (Hb)', '118', 'g/L', '120-160', 'L'],
      ['Kháng nguyên HBsAg', 'Âm tính', null, 'Âm tính', 'N'],
      ['Nhận xét', 'Đường huyết hơi cao & Hb hơi thấp; tái khám sau 1 tháng.', null, null, null],
    ]);
    const [a] = await h.t.db.select().from(appointments).where(eq(appointments.id, appt.id));
    expect(a!.hisVisitNumber).toMatch(/^VIS-/);

    const fix = await h.his<{ ackCode: string }>('POST', `/_sandbox/appointments/${appt.bookingCode}/correct`, {
      values: { GLU: '5.9' },
      flags: { GLU: 'N' },
    });
    expect(fix.ackCode).toBe('AA');
    const [after] = await h.t.db.select().from(results).where(eq(results.id, result!.id));
    expect(after).toMatchObject({ status: 'corrected', version: 2 });
    const [glu] = await h.t.db
      .select()
      .from(resultObservations)
      .where(and(eq(resultObservations.resultId, result!.id), eq(resultObservations.code, '2345-7')));
    expect(glu).toMatchObject({ value: '5.9', flag: 'N', observationStatus: 'C' });
    const [v1] = await h.t.db.select().from(resultVersions).where(eq(resultVersions.resultId, result!.id));
    const before = (v1!.snapshot as { observations: { code: string; value: string }[] }).observations;
    expect(before.find((o) => o.code === '2345-7')?.value).toBe('6.8');
  });
});
