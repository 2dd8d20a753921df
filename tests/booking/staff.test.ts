import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appointments, contacts, patients } from '../../db/schema/index.ts';
import { createTestApp, type TestApp } from '../support/hub.ts';
import { apartFrom, clinicDate, freeSlots, type Slot } from './support.ts';

/** Times already handed out in this file: the same patient is booked on each, and cannot be in two places at once. */
const handedOut: Slot[] = [];

/** Single-place slots overlapping nothing handed out before, so one patient can hold them all. */
const singles = async (skip: number, n: number, query: Record<string, string> = {}): Promise<Slot[]> => {
  const picked = apartFrom(await freeSlots(t, query), [...handedOut]).slice(skip, skip + n);
  handedOut.push(...picked);
  return picked;
};

let t: TestApp;
let agent: ReturnType<TestApp['agent']>;
let patient: { id: string; contactId: string; phone: string | null; fullName: string };

interface Appt {
  id: string;
  bookingCode: string;
  status: string;
  sourceChannel: string;
  contractRef: string | null;
  startsAt: string;
}

beforeAll(async () => {
  t = await createTestApp();
  agent = t.agent();
  await agent.signIn('agent1@demo.medicrm.vn');
  const [row] = await t.db
    .select({ id: patients.id, contactId: patients.contactId, phone: contacts.phone, fullName: patients.fullName })
    .from(patients)
    .innerJoin(contacts, eq(contacts.id, patients.contactId))
    .limit(1);
  patient = row!;
});
afterAll(async () => {
  await t?.close();
});

async function bookForCaller(slotId: string, extra: Record<string, unknown> = {}) {
  const res = await agent.request('POST', '/api/appointments', { slotId, patientId: patient.id, ...extra });
  if (res.status === 409) throw new Error(`booking refused: ${await res.clone().text()}`);
  return { res, body: (await res.json()) as Appt & { error?: { code: string } } };
}

describe('agents booking for hotline callers', () => {
  it('book confirmed at once, with an optional corporate contract, and the slot is taken', async () => {
    const [slot] = (await singles(0, 1)) as [Slot];
    const { res, body } = await bookForCaller(slot.slotId, { contractRef: 'HD-2026/VNPT-01', reason: 'Đau ngực' });
    expect(res.status).toBe(201);
    expect(body).toMatchObject({ status: 'confirmed', sourceChannel: 'hotline', contractRef: 'HD-2026/VNPT-01' });
    expect((await freeSlots(t)).some((s) => s.slotId === slot.slotId)).toBe(false);
    const [other] = await t.db
      .select({ id: patients.id })
      .from(patients)
      .where(sql`${patients.id} <> ${patient.id}`)
      .limit(1);
    const again = await agent.request('POST', '/api/appointments', { slotId: slot.slotId, patientId: other!.id });
    expect(again.status).toBe(409);
    expect(((await again.json()) as { error: { code: string } }).error.code).toBe('slot_taken');
    const [row] = await t.db.select().from(appointments).where(eq(appointments.id, body.id));
    expect(row!.createdByStaffId).toBeTruthy();
  });

  it('refuse bad input with a Vietnamese message and book nothing', async () => {
    const slot = (await freeSlots(t))[0]!;
    const res = await agent.request('POST', '/api/appointments', {
      slotId: slot.slotId,
      patientId: patient.id,
      contractRef: 'hợp đồng ##',
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(/Mã hợp đồng/);
    const missing = await agent.request('POST', '/api/appointments', {
      slotId: slot.slotId,
      patientId: '00000000-0000-4000-8000-000000000000',
    });
    expect(missing.status).toBe(404);
    expect((await freeSlots(t)).find((s) => s.slotId === slot.slotId)?.seatsLeft).toBe(slot.seatsLeft);
  });

  it('needs booking.write to book and booking.read to look', async () => {
    const slot = (await freeSlots(t))[1]!;
    const marketer = t.agent();
    await marketer.signIn('marketer@demo.medicrm.vn');
    expect((await marketer.request('GET', '/api/appointments')).status).toBe(403);
    const clinician = t.agent();
    await clinician.signIn('clinician@demo.medicrm.vn');
    expect((await clinician.request('GET', '/api/appointments')).status).toBe(200);
    expect(
      (await clinician.request('POST', '/api/appointments', { slotId: slot.slotId, patientId: patient.id })).status,
    ).toBe(403);
    expect((await t.agent().request('GET', '/api/appointments')).status).toBe(401);
    // without the CSRF token a signed-in agent's change is refused
    expect(
      (
        await agent.request(
          'POST',
          '/api/appointments',
          { slotId: slot.slotId, patientId: patient.id },
          { 'x-csrf-token': 'wrong' },
        )
      ).status,
    ).toBe(403);
  });
});

describe('the front desk', () => {
  it('finds a booking by code (as scanned), phone or name, with filters and pages', async () => {
    const slots = await singles(5, 3);
    const booked: Appt[] = [];
    for (const s of slots) booked.push((await bookForCaller(s.slotId)).body);
    const scanned = await agent.request('GET', `/api/appointments/by-code/${booked[0]!.bookingCode.toLowerCase()}`);
    expect(scanned.status).toBe(200);
    const detail = (await scanned.json()) as Appt & { timeline: { kind: string }[]; qrSvg: string };
    expect(detail.id).toBe(booked[0]!.id);
    expect(detail.timeline.map((e) => e.kind)).toEqual(['requested', 'confirmed']);
    expect((await agent.request('GET', '/api/appointments/by-code/MC-ZZZZZZ')).status).toBe(404);

    const byPhone = (await (
      await agent.request('GET', `/api/appointments?q=${encodeURIComponent(`0${patient.phone!.slice(2)}`)}`)
    ).json()) as { items: Appt[]; total: number };
    expect(byPhone.total).toBeGreaterThanOrEqual(3);
    const page = (await (
      await agent.request('GET', `/api/appointments?patientId=${patient.id}&status=confirmed&pageSize=2&page=2`)
    ).json()) as { items: Appt[]; total: number; page: number };
    expect(page.items).toHaveLength(Math.min(2, page.total - 2));
    const byName = (await (
      await agent.request('GET', `/api/appointments?q=${encodeURIComponent(patient.fullName.split(' ').pop()!)}`)
    ).json()) as { total: number };
    expect(byName.total).toBeGreaterThanOrEqual(3);
    const svg = await agent.request('GET', `/api/appointments/${booked[0]!.id}/qr.svg`);
    expect(svg.headers.get('content-type')).toMatch(/image\/svg\+xml/);
  });

  it('checks in and completes a visit on its day, or marks a no-show once its time has come', async () => {
    // from tomorrow on, so that "not on its day yet" holds whatever the hour the test runs
    const tomorrow = clinicDate(1);
    const [s1, s2] = await singles(12, 2, { from: tomorrow });
    const visit = (await bookForCaller(s1!.slotId)).body;
    const absent = (await bookForCaller(s2!.slotId)).body;

    // not today yet
    const early = await agent.request('POST', `/api/appointments/${visit.id}/check-in`);
    expect(early.status).toBe(409);
    expect((await agent.request('POST', `/api/appointments/${absent.id}/no-show`)).status).toBe(409);

    // the day comes (fixture: the visit time moves to now)
    await t.db
      .update(appointments)
      .set({ startsAt: sql`now()`, endsAt: sql`now() + interval '15 minutes'` })
      .where(eq(appointments.id, visit.id));
    await t.db
      .update(appointments)
      .set({ startsAt: sql`now() - interval '1 minute'`, endsAt: sql`now() + interval '14 minutes'` })
      .where(eq(appointments.id, absent.id));

    expect((await agent.request('POST', `/api/appointments/${visit.id}/complete`)).status).toBe(409);
    const checked = await agent.request('POST', `/api/appointments/${visit.id}/check-in`);
    expect(((await checked.json()) as Appt).status).toBe('checked_in');
    expect((await agent.request('POST', `/api/appointments/${visit.id}/cancel`)).status).toBe(409);
    const done = await agent.request('POST', `/api/appointments/${visit.id}/complete`);
    expect(((await done.json()) as Appt).status).toBe('completed');
    const noShow = await agent.request('POST', `/api/appointments/${absent.id}/no-show`);
    expect(((await noShow.json()) as Appt).status).toBe('no_show');

    const timeline = (await (await agent.request('GET', `/api/appointments/${visit.id}`)).json()) as {
      timeline: { kind: string; actor: string }[];
    };
    expect(timeline.timeline.map((e) => e.kind)).toEqual(['requested', 'confirmed', 'checked_in', 'completed']);
  });

  it('moves a booking to another slot for the caller', async () => {
    const [a, b] = await singles(20, 2);
    const appt = (await bookForCaller(a!.slotId)).body;
    const res = await agent.request('POST', `/api/appointments/${appt.id}/reschedule`, { slotId: b!.slotId });
    expect(res.status).toBe(200);
    expect(((await res.json()) as Appt).startsAt).toBe(new Date(b!.startsAt).toISOString());
    const free = await freeSlots(t);
    expect(free.some((s) => s.slotId === a!.slotId)).toBe(true);
    expect(free.some((s) => s.slotId === b!.slotId)).toBe(false);
  });
});
