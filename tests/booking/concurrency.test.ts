import { and, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appointments, bookingSlots } from '../../db/schema/index.ts';
import { createTestApp, type TestApp } from '../support/hub.ts';
import { freeSlots, seedPatients } from './support.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ env: { DB_POOL_MAX: '20' } });
});
afterAll(async () => {
  await t?.close();
});

describe('one single-capacity slot, 200 patients at once', () => {
  it('books exactly one; the other 199 are told the slot is taken', async () => {
    const patients = await seedPatients(t, 200);
    const slot = (await freeSlots(t)).find((s) => s.seatsLeft === 1)!;
    const [row] = await t.db.select().from(bookingSlots).where(eq(bookingSlots.id, slot.slotId));
    expect(row!.capacity).toBe(1);

    const outcomes = await Promise.all(
      patients.map(async (p) => {
        const hold = await p.client.request('POST', '/appointments', { slotId: slot.slotId, profileId: p.profileId });
        if (hold.status !== 201)
          return { status: hold.status, body: (await hold.json()) as { error: { code: string; message: string } } };
        const { id } = (await hold.json()) as { id: string };
        const confirm = await p.client.request('POST', `/appointments/${id}/confirm`);
        return { status: confirm.status, body: await confirm.json() };
      }),
    );

    const statuses = Object.fromEntries(
      [...new Set(outcomes.map((o) => o.status))].map((s) => [s, outcomes.filter((o) => o.status === s).length]),
    );
    expect(statuses).toEqual({ 200: 1, 409: 199 });
    const confirmed = outcomes.filter((o) => o.status === 200);
    const refused = outcomes.filter((o) => o.status === 409);
    expect(confirmed).toHaveLength(1);
    expect(refused).toHaveLength(199);
    for (const r of refused) {
      const { error } = r.body as { error: { code: string; message: string } };
      expect(error.code).toBe('slot_taken');
      expect(error.message).toBe('Khung giờ này vừa có người đặt. Vui lòng chọn khung giờ khác.');
    }

    const active = await t.db
      .select()
      .from(appointments)
      .where(and(eq(appointments.slotId, slot.slotId), inArray(appointments.status, ['requested', 'confirmed'])));
    expect(active).toHaveLength(1);
    expect(active[0]!.status).toBe('confirmed');
    const [after] = await t.db.select().from(bookingSlots).where(eq(bookingSlots.id, slot.slotId));
    expect(after!.booked).toBe(1);
    expect((await freeSlots(t)).some((s) => s.slotId === slot.slotId)).toBe(false);
  });
});
