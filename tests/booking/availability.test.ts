import { TZDate } from '@date-fns/tz';
import { addDays, format } from 'date-fns';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  bookingSlots,
  branches,
  daysOff,
  departments,
  doctors,
  schedules,
  servicePackages,
} from '../../db/schema/index.ts';
import { materialiseSlots } from '../../db/slots.ts';
import { createTestApp, type TestApp } from '../support/hub.ts';
import { freeSlots, seedPatients } from './support.ts';

let t: TestApp;
const tz = 'Asia/Ho_Chi_Minh';
const localDay = (n: number) => format(addDays(new TZDate(new Date(), tz), n), 'yyyy-MM-dd');

beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t?.close();
});

describe('availability', () => {
  it('answers by branch, specialty, doctor and package', async () => {
    const [hn] = await t.db.select().from(branches).where(eq(branches.code, 'HN01'));
    const [noi] = await t.db.select().from(departments).where(eq(departments.code, 'NOI'));
    const [doc] = await t.db.select().from(doctors).where(eq(doctors.code, 'BS0101'));
    const [pkg] = await t.db.select().from(servicePackages).where(eq(servicePackages.code, 'TS-TIMMACH'));
    const byBranch = await freeSlots(t, { branchId: hn!.id });
    expect(byBranch.length).toBeGreaterThan(0);
    expect(byBranch.every((s) => s.branchId === hn!.id)).toBe(true);
    const bySpecialty = await freeSlots(t, { branchId: hn!.id, departmentId: noi!.id });
    expect(bySpecialty.length).toBeGreaterThan(0);
    expect(bySpecialty.every((s) => s.departmentId === noi!.id)).toBe(true);
    const byDoctor = await freeSlots(t, { doctorId: doc!.id });
    expect(new Set(byDoctor.map((s) => s.doctorId))).toEqual(new Set([doc!.id]));
    const byPackage = await freeSlots(t, { packageId: pkg!.id });
    expect(byPackage.every((s) => s.departmentId === pkg!.departmentId)).toBe(true);
    expect(await freeSlots(t, { packageId: pkg!.id, departmentId: noi!.id })).toEqual([]);
    // sorted by time
    const times = byBranch.map((s) => s.startsAt);
    expect([...times].sort()).toEqual(times);
  });

  it('leaves out days off: a clinic closure, and Tết in the weekly rules', async () => {
    const [hcm] = await t.db.select().from(branches).where(eq(branches.code, 'HCM01'));
    const days = (await (
      await t.app.request(`/api/availability/days?branchId=${hcm!.id}&from=${localDay(1)}&to=${localDay(8)}`)
    ).json()) as { days: { date: string; freeSlots: number }[] };
    const date = days.days.find((d) => d.freeSlots > 0)!.date;
    const before = await freeSlots(t, { from: date, to: date, branchId: hcm!.id });
    expect(before.length).toBeGreaterThan(0);
    await t.db.insert(daysOff).values({ date, kind: 'clinic_closure', name: 'Bảo trì hệ thống', branchId: hcm!.id });
    expect(await freeSlots(t, { from: date, to: date, branchId: hcm!.id })).toEqual([]);
    const other = await freeSlots(t, { from: date, to: date });
    expect(other.length).toBeGreaterThan(0);
    const [p] = await seedPatients(t, 1);
    const refused = await p!.client.request('POST', '/appointments', {
      slotId: before[0]!.slotId,
      profileId: p!.profileId,
    });
    expect(refused.status).toBe(409);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('slot_unavailable');
    const closures = (await (
      await t.app.request(`/api/catalog/closures?from=${date}&to=${date}&branchId=${hcm!.id}`)
    ).json()) as { items: { name: string }[] };
    expect(closures.items.map((c) => c.name)).toContain('Bảo trì hệ thống');
  });

  it('never opens slots on Tết from weekly rules', async () => {
    const [doc] = await t.db.select().from(doctors).where(eq(doctors.code, 'BS0103'));
    const [hn] = await t.db.select().from(branches).where(eq(branches.code, 'HN01'));
    const [tmh] = await t.db.select().from(departments).where(eq(departments.code, 'TMH'));
    // a weekly Monday–Saturday rule across Tết 2027 (5–9 Feb are days off in the seed)
    for (const weekday of [1, 2, 3, 4, 5, 6]) {
      await t.db.insert(schedules).values({
        doctorId: doc!.id,
        branchId: hn!.id,
        departmentId: tmh!.id,
        weekday,
        startTime: '08:00',
        endTime: '09:00',
        slotMinutes: 30,
        capacityPerSlot: 1,
        validFrom: '2027-02-01',
        validTo: '2027-02-13',
      });
    }
    await materialiseSlots(t.db, { from: '2027-02-01', to: '2027-02-13' });
    const rows = await t.db
      .select({ date: bookingSlots.date })
      .from(bookingSlots)
      .where(and(eq(bookingSlots.doctorId, doc!.id), sql`${bookingSlots.date} between '2027-02-01' and '2027-02-13'`));
    const dates = [...new Set(rows.map((r) => r.date))].sort();
    expect(dates).toEqual([
      '2027-02-01',
      '2027-02-02',
      '2027-02-03',
      '2027-02-04',
      '2027-02-10',
      '2027-02-11',
      '2027-02-12',
      '2027-02-13',
    ]);
    expect(rows).toHaveLength(dates.length * 2);
  });

  it('leaves out past slots and those inside the lead time', async () => {
    const [doc] = await t.db.select().from(doctors).where(eq(doctors.code, 'BS0206'));
    const [hcm] = await t.db.select().from(branches).where(eq(branches.code, 'HCM01'));
    const [noi] = await t.db.select().from(departments).where(eq(departments.code, 'NOI'));
    const made = await t.db
      .insert(bookingSlots)
      .values(
        ['-2 hours', '10 minutes'].map((offset) => ({
          doctorId: doc!.id,
          branchId: hcm!.id,
          departmentId: noi!.id,
          date: sql`(now() + ${offset}::interval) at time zone 'Asia/Ho_Chi_Minh'`,
          startsAt: sql`date_trunc('minute', now() + ${offset}::interval) + interval '7 seconds'`,
          endsAt: sql`date_trunc('minute', now() + ${offset}::interval) + interval '15 minutes'`,
          capacity: 1,
        })),
      )
      .returning({ id: bookingSlots.id });
    const listed = await freeSlots(t, { from: localDay(-1), to: localDay(1), doctorId: doc!.id });
    for (const m of made) expect(listed.some((s) => s.slotId === m.id)).toBe(false);
    const [p] = await seedPatients(t, 1);
    for (const m of made) {
      const res = await p!.client.request('POST', '/appointments', { slotId: m.id, profileId: p!.profileId });
      expect(res.status).toBe(409);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('slot_unavailable');
    }
  });

  it('counts places: a two-place slot stays listed after one booking, and goes when full', async () => {
    const slot = (await freeSlots(t)).find((s) => s.seatsLeft === 2)!;
    const [a, b] = await seedPatients(t, 2);
    for (const [i, p] of [a!, b!].entries()) {
      const res = await p.client.request('POST', '/appointments', { slotId: slot.slotId, profileId: p.profileId });
      expect(res.status).toBe(201);
      const listed = (await freeSlots(t)).find((s) => s.slotId === slot.slotId);
      expect(listed?.seatsLeft).toBe(i === 0 ? 1 : undefined);
    }
  });

  it('refuses a range over 31 days', async () => {
    const res = await t.app.request(`/api/availability?from=${localDay(0)}&to=${localDay(40)}`);
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(/tối đa 31 ngày/);
  });
});

describe('lab packages booked into a service point', () => {
  it("offers the sampling room's slots for the lab package, never the room in the doctor list", async () => {
    const [pkg] = await t.db.select().from(servicePackages).where(eq(servicePackages.code, 'XN-MAU'));
    const [hn] = await t.db.select().from(branches).where(eq(branches.code, 'HN01'));
    const listed = (await (await t.app.request(`/api/catalog/doctors?departmentId=${pkg!.departmentId}`)).json()) as {
      items: unknown[];
    };
    expect(listed.items).toEqual([]);
    const rooms = (await (
      await t.app.request(`/api/catalog/doctors?departmentId=${pkg!.departmentId}&kind=service_point`)
    ).json()) as { items: { id: string; kind: string; fullName: string; practices: { branchId: string }[] }[] };
    expect(rooms.items.map((r) => r.kind)).toEqual(['service_point', 'service_point']);
    const room = rooms.items.find((r) => r.practices.some((p) => p.branchId === hn!.id))!;
    const slots = await freeSlots(t, { packageId: pkg!.id, branchId: hn!.id, from: localDay(1), to: localDay(7) });
    expect(slots.length).toBeGreaterThan(0);
    expect(new Set(slots.map((s) => s.doctorId))).toEqual(new Set([room.id]));
    // six patients share each quarter hour of the Hà Nội room, mornings only
    expect(slots.every((s) => s.seatsLeft === 6)).toBe(true);
    expect(slots.every((s) => Number(s.time.slice(0, 2)) < 12)).toBe(true);
  });
});

describe('catalog', () => {
  it('lists doctors with title, bio, languages and where they practise; packages with VND price and BHYT', async () => {
    const docs = (await (await t.app.request('/api/catalog/doctors')).json()) as {
      items: { code: string; title: string; languages: string[]; practices: unknown[]; bio: string }[];
    };
    expect(docs.items).toHaveLength(12);
    const hung = docs.items.find((d) => d.code === 'BS0101')!;
    expect(hung).toMatchObject({ title: 'PGS.TS.BS.', languages: ['vi', 'en'] });
    expect(hung.practices).toHaveLength(2);
    const pkgs = (await (await t.app.request('/api/catalog/packages')).json()) as {
      items: { code: string; priceVnd: number; bhytCovered: boolean; preparationNotes: string }[];
    };
    expect(pkgs.items.find((p) => p.code === 'KTQ-CB')).toMatchObject({ priceVnd: 450000, bhytCovered: true });
    const policy = (await (await t.app.request('/api/catalog/policy')).json()) as { holdMinutes: number };
    expect(policy.holdMinutes).toBe(5);
  });
});
