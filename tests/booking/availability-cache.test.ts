import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { branches, daysOff } from '../../db/schema/index.ts';
import { createApp } from '../../hub/app.ts';
import { createLogger } from '../../hub/platform/logger.ts';
import { createRuntime, type Runtime } from '../../hub/runtime.ts';
import { createTestApp, type TestApp } from '../support/hub.ts';

/**
 * Availability answers are served from memory for up to AVAILABILITY_CACHE_SECONDS (300 here, so an expiry can never
 * be what makes these pass): any committed change to what is bookable must drop them in every process.
 */
let t: TestApp;
let other: Runtime;
let otherApp: ReturnType<typeof createApp>;

beforeAll(async () => {
  t = await createTestApp({ env: { AVAILABILITY_CACHE_SECONDS: '300' } });
  // a second hub process on the same database: its cache must hear the first one's changes
  other = await createRuntime(t.deps.config, createLogger({ level: 'silent' }));
  other.setAccepting(true);
  otherApp = createApp(other.deps);
});
afterAll(async () => {
  await other?.close();
  await t?.close();
});

interface Slot {
  slotId: string;
  departmentId: string;
  seatsLeft: number;
  date: string;
}
const search = async (app: ReturnType<typeof createApp>, query: string) => {
  const res = await app.request(`/api/availability?${query}`);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toContain('application/json');
  return ((await res.json()) as { slots: Slot[] }).slots;
};

/** Polls until `check` holds (a bound, not a speed requirement: the NOTIFY normally lands within milliseconds). */
async function eventually(check: () => Promise<boolean>, what: string) {
  for (let i = 0; i < 200; i++) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`never happened: ${what}`);
}

describe('availability cache', () => {
  it('drops a cached answer in every process when a seat is taken or a day closed', async () => {
    const [hn] = await t.db.select().from(branches).where(eq(branches.code, 'HN01'));
    const query = `branchId=${hn!.id}`;
    const first = await search(t.app, query);
    const slot = first[0]!;
    expect(await search(otherApp, query)).toEqual(first);

    // a seat taken behind the API's back (an operator, another service): both processes stop offering it
    await t.db.execute(sql`update booking_slots set booked = capacity where id = ${slot.slotId}`);
    for (const app of [t.app, otherApp]) {
      await eventually(
        async () => !(await search(app, query)).some((s) => s.slotId === slot.slotId),
        'the full slot left the cached answer',
      );
    }

    // a clinic closure on that date: every slot of the day goes
    const sameDay = first.filter((s) => s.date === slot.date && s.slotId !== slot.slotId);
    expect(sameDay.length).toBeGreaterThan(0);
    await t.db.insert(daysOff).values({ date: slot.date, kind: 'clinic_closure', name: 'Bảo trì', branchId: hn!.id });
    await eventually(
      async () => !(await search(otherApp, query)).some((s) => s.date === slot.date),
      'the closed day left the cached answer',
    );
  });

  it('answers the same search spelled differently from one entry, and the days strip alike', async () => {
    const [hcm] = await t.db.select().from(branches).where(eq(branches.code, 'HCM01'));
    const [any] = await search(t.app, `branchId=${hcm!.id}`);
    const a = await search(t.app, `branchId=${hcm!.id}&departmentId=${any!.departmentId}`);
    const b = await search(t.app, `departmentId=${any!.departmentId}&branchId=${hcm!.id}`);
    expect(b).toEqual(a);
    const days = await t.app.request(`/api/availability/days?branchId=${hcm!.id}&departmentId=${any!.departmentId}`);
    const body = (await days.json()) as { days: { date: string; freeSlots: number }[] };
    expect(body.days.reduce((n, d) => n + d.freeSlots, 0)).toBe(a.length);
  });
});
