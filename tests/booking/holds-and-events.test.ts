import type { Job } from 'bullmq';
import { asc, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appointments, bookingSlots, outboxEvents } from '../../db/schema/index.ts';
import { bookingProcessor } from '../../hub/booking/booking.jobs.ts';
import { jobId } from '../../hub/platform/queues.ts';
import { createTestApp, type TestApp } from '../support/hub.ts';
import { freeSlots, seedPatients } from './support.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t?.close();
});

const runJob = (name: string, data: Record<string, unknown> = {}) =>
  bookingProcessor(t.deps)({ name, data } as Job, 'test-token');

/** What a clock moving past the hold's end would do. */
const letHoldLapse = (id: string) =>
  t.db.update(appointments).set({ holdExpiresAt: sql`now() - interval '1 second'` }).where(eq(appointments.id, id));

async function topicsOf(appointmentId: string) {
  const rows = await t.db
    .select({ topic: outboxEvents.topic })
    .from(outboxEvents)
    .where(eq(outboxEvents.aggregateId, appointmentId))
    .orderBy(asc(outboxEvents.id));
  return rows.map((r) => r.topic);
}

describe('holds', () => {
  it('hold a place for the configured minutes and schedule their own release', async () => {
    const [p] = await seedPatients(t, 1);
    const slot = (await freeSlots(t)).find((s) => s.seatsLeft === 1)!;
    const res = await p!.client.request('POST', '/appointments', { slotId: slot.slotId, profileId: p!.profileId });
    expect(res.status).toBe(201);
    const hold = (await res.json()) as { id: string; status: string; holdExpiresAt: string; bookingCode: string };
    expect(hold.status).toBe('requested');
    expect(hold.bookingCode).toMatch(/^MC-[2-9A-HJKMNP-Z]{6}$/);
    const minutes = (Date.parse(hold.holdExpiresAt) - Date.now()) / 60_000;
    expect(minutes).toBeGreaterThan(4);
    expect(minutes).toBeLessThanOrEqual(5);
    const job = await t.deps.queues.booking.getJob(jobId.holdExpiry(hold.id));
    expect(job?.name).toBe('expire-hold');
    expect(job?.opts.delay).toBeGreaterThanOrEqual(5 * 60_000);
    // while held, nobody else sees the slot
    expect((await freeSlots(t)).some((s) => s.slotId === slot.slotId)).toBe(false);
  });

  it('that lapse free the slot at once, and their job releases them exactly once', async () => {
    const [first, second] = await seedPatients(t, 2);
    const slot = (await freeSlots(t)).find((s) => s.seatsLeft === 1)!;
    const hold = (await (
      await first!.client.request('POST', '/appointments', { slotId: slot.slotId, profileId: first!.profileId })
    ).json()) as { id: string };
    await letHoldLapse(hold.id);

    // availability already counts the lapsed hold as free, before any job ran
    expect((await freeSlots(t)).find((s) => s.slotId === slot.slotId)?.seatsLeft).toBe(1);
    // confirming too late is refused, and says why
    const late = await first!.client.request('POST', `/appointments/${hold.id}/confirm`);
    expect(late.status).toBe(409);
    expect(((await late.json()) as { error: { code: string } }).error.code).toBe('hold_expired');
    const [released] = await t.db.select().from(appointments).where(eq(appointments.id, hold.id));
    expect(released).toMatchObject({ status: 'cancelled', cancelledReason: 'hold_expired' });

    // the delayed job finds nothing left to do; the slot was given back once
    expect(await runJob('expire-hold', { appointmentId: hold.id })).toBe(0);
    const [s] = await t.db.select().from(bookingSlots).where(eq(bookingSlots.id, slot.slotId));
    expect(s!.booked).toBe(0);
    expect(await topicsOf(hold.id)).toEqual(['appointment.requested', 'appointment.cancelled']);

    // someone else can take it
    const next = await second!.client.request('POST', '/appointments', {
      slotId: slot.slotId,
      profileId: second!.profileId,
    });
    expect(next.status).toBe(201);
  });

  it('that lapse unnoticed are released by the expiry job or the sweep, once', async () => {
    const ps = await seedPatients(t, 3);
    const slots = (await freeSlots(t)).filter((s) => s.seatsLeft === 1).slice(10, 13);
    const ids: string[] = [];
    for (const [i, p] of ps.entries()) {
      const res = await p.client.request('POST', '/appointments', { slotId: slots[i]!.slotId, profileId: p.profileId });
      ids.push(((await res.json()) as { id: string }).id);
    }
    for (const id of ids) await letHoldLapse(id);
    expect(await runJob('expire-hold', { appointmentId: ids[0] })).toBe(1);
    expect(await runJob('sweep-holds')).toBe(2);
    expect(await runJob('sweep-holds')).toBe(0);
    for (const [i, id] of ids.entries()) {
      expect(await topicsOf(id)).toEqual(['appointment.requested', 'appointment.cancelled']);
      const [s] = await t.db.select().from(bookingSlots).where(eq(bookingSlots.id, slots[i]!.slotId));
      expect(s!.booked).toBe(0);
    }
    // an expired hold is no booking: it does not show in the patient's list nor inbox
    const list = (await (await ps[0]!.client.request('GET', '/appointments?view=all')).json()) as { total: number };
    expect(list.total).toBe(0);
    const inbox = (await (await ps[0]!.client.request('GET', '/notifications')).json()) as { total: number };
    expect(inbox.total).toBe(0);
  });

  it('of one person are one at a time: a new hold lets the previous go', async () => {
    const [p] = await seedPatients(t, 1);
    const [a, b] = (await freeSlots(t)).filter((s) => s.seatsLeft === 1).slice(20, 22);
    const first = (await (
      await p!.client.request('POST', '/appointments', { slotId: a!.slotId, profileId: p!.profileId })
    ).json()) as { id: string };
    const again = (await (
      await p!.client.request('POST', '/appointments', { slotId: a!.slotId, profileId: p!.profileId })
    ).json()) as { id: string };
    expect(again.id).toBe(first.id);
    const second = await p!.client.request('POST', '/appointments', { slotId: b!.slotId, profileId: p!.profileId });
    expect(second.status).toBe(201);
    const [old] = await t.db.select().from(appointments).where(eq(appointments.id, first.id));
    expect(old).toMatchObject({ status: 'cancelled', cancelledReason: 'hold_replaced' });
    expect((await freeSlots(t)).some((s) => s.slotId === a!.slotId)).toBe(true);
  });
});

describe('appointment events', () => {
  it('reach the outbox exactly once per change, and never for a refused or repeated request', async () => {
    const [p, other] = await seedPatients(t, 2);
    const singles = (await freeSlots(t)).filter((s) => s.seatsLeft === 1);
    const [slotA, slotB, full] = [singles[30]!, singles[31]!, singles[32]!];
    // someone else fills `full`
    const taken = (await (
      await other!.client.request('POST', '/appointments', { slotId: full.slotId, profileId: other!.profileId })
    ).json()) as { id: string };
    await other!.client.request('POST', `/appointments/${taken.id}/confirm`);

    const hold = (await (
      await p!.client.request('POST', '/appointments', { slotId: slotA.slotId, profileId: p!.profileId })
    ).json()) as { id: string };
    expect((await p!.client.request('POST', `/appointments/${hold.id}/confirm`)).status).toBe(200);
    expect((await p!.client.request('POST', `/appointments/${hold.id}/confirm`)).status).toBe(200);
    const refused = await p!.client.request('POST', `/appointments/${hold.id}/reschedule`, { slotId: full.slotId });
    expect(refused.status).toBe(409);
    const moved = await p!.client.request('POST', `/appointments/${hold.id}/reschedule`, { slotId: slotB.slotId });
    expect(moved.status).toBe(200);
    expect(((await moved.json()) as { startsAt: string }).startsAt).toBe(new Date(slotB.startsAt).toISOString());
    expect((await p!.client.request('POST', `/appointments/${hold.id}/cancel`, { reason: 'Bận việc' })).status).toBe(
      200,
    );
    expect((await p!.client.request('POST', `/appointments/${hold.id}/cancel`)).status).toBe(200);

    expect(await topicsOf(hold.id)).toEqual([
      'appointment.requested',
      'appointment.confirmed',
      'appointment.rescheduled',
      'appointment.cancelled',
    ]);
    const detail = (await (await p!.client.request('GET', `/appointments/${hold.id}`)).json()) as {
      timeline: { kind: string; actor: string }[];
      qrSvg: string;
      bookingCode: string;
    };
    expect(detail.timeline.map((e) => e.kind)).toEqual(['requested', 'confirmed', 'rescheduled', 'cancelled']);
    expect(detail.timeline.every((e) => e.actor === 'patient')).toBe(true);
    expect(detail.qrSvg).toMatch(/^<svg/);

    // the slot counters follow: A and B both free again, `full` still full
    const counts = await t.db.select().from(bookingSlots);
    const byId = new Map(counts.map((s) => [s.id, s.booked]));
    expect([byId.get(slotA.slotId), byId.get(slotB.slotId), byId.get(full.slotId)]).toEqual([0, 0, 1]);

    const inbox = (await (await p!.client.request('GET', '/notifications')).json()) as {
      items: { kind: string; id: string }[];
      unread: number;
    };
    expect(inbox.items.map((n) => n.kind)).toEqual([
      'appointment.cancelled',
      'appointment.rescheduled',
      'appointment.confirmed',
    ]);
    expect(inbox.unread).toBe(3);
    await p!.client.request('POST', `/notifications/${inbox.items[0]!.id}/read`);
    const after = (await (await p!.client.request('GET', '/notifications?unread=true')).json()) as {
      items: unknown[];
      unread: number;
    };
    expect(after).toMatchObject({ unread: 2 });
    expect(after.items).toHaveLength(2);
    expect(
      ((await (await p!.client.request('POST', '/notifications/read-all')).json()) as { marked: number }).marked,
    ).toBe(2);
  });
});
