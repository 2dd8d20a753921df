import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/hub.ts';
import { clinicDate, freeSlots, type Slot, seedPatients } from './support.ts';

// Patients may change a booking until 14 days (336 h) before it here, so the seeded four weeks hold slots on both
// sides of the line without waiting for any clock.
const CUTOFF_HOURS = 336;
let t: TestApp;
let near: Slot[];
let far: Slot[];

beforeAll(async () => {
  t = await createTestApp({ env: { BOOKING_CHANGE_CUTOFF_HOURS: String(CUTOFF_HOURS) } });
  const day = clinicDate;
  near = await freeSlots(t, { from: day(1), to: day(7) });
  far = await freeSlots(t, { from: day(16), to: day(26) });
});
afterAll(async () => {
  await t?.close();
});

async function book(slot: Slot) {
  const [p] = await seedPatients(t, 1);
  const hold = (await (
    await p!.client.request('POST', '/appointments', { slotId: slot.slotId, profileId: p!.profileId })
  ).json()) as { id: string };
  const res = await p!.client.request('POST', `/appointments/${hold.id}/confirm`);
  const body = (await res.json()) as { canChange: boolean; changeDeadline: string };
  return { p: p!, id: hold.id, ...body };
}

describe('cancel and reschedule policy', () => {
  it('lets a patient cancel or move a booking until the cutoff', async () => {
    const a = await book(far[0]!);
    expect(a.canChange).toBe(true);
    expect(Date.parse(a.changeDeadline)).toBe(Date.parse(far[0]!.startsAt) - CUTOFF_HOURS * 3600_000);
    const moved = await a.p.client.request('POST', `/appointments/${a.id}/reschedule`, { slotId: far[5]!.slotId });
    expect(moved.status).toBe(200);
    const cancelled = await a.p.client.request('POST', `/appointments/${a.id}/cancel`);
    expect(cancelled.status).toBe(200);
    expect(((await cancelled.json()) as { status: string }).status).toBe('cancelled');
  });

  it('refuses both after the cutoff, with the rule in Vietnamese, and changes nothing', async () => {
    const a = await book(near[0]!);
    expect(a.canChange).toBe(false);
    for (const [path, body] of [
      [`/appointments/${a.id}/cancel`, undefined],
      [`/appointments/${a.id}/reschedule`, { slotId: near[4]!.slotId }],
    ] as const) {
      const res = await a.p.client.request('POST', path, body);
      expect(res.status).toBe(409);
      const { error } = (await res.json()) as { error: { code: string; message: string } };
      expect(error.code).toBe('change_window_closed');
      expect(error.message).toContain(`${CUTOFF_HOURS} giờ`);
    }
    const after = (await (await a.p.client.request('GET', `/appointments/${a.id}`)).json()) as {
      status: string;
      startsAt: string;
    };
    expect(after).toMatchObject({ status: 'confirmed', startsAt: new Date(near[0]!.startsAt).toISOString() });
  });

  it('holds the same rules for an agent booking on the phone', async () => {
    const a = await book(near[1]!);
    const agent = t.agent();
    await agent.signIn('agent1@demo.medicrm.vn');
    const res = await agent.request('POST', `/api/appointments/${a.id}/cancel`, { reason: 'Khách gọi huỷ' });
    expect(res.status).toBe(409);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('change_window_closed');
  });

  it('lets an unconfirmed hold go at any time', async () => {
    const [p] = await seedPatients(t, 1);
    const hold = (await (
      await p!.client.request('POST', '/appointments', { slotId: near[2]!.slotId, profileId: p!.profileId })
    ).json()) as { id: string };
    expect((await p!.client.request('POST', `/appointments/${hold.id}/cancel`)).status).toBe(200);
  });
});
