import { TZDate } from '@date-fns/tz';
import { addDays, format, getISODay } from 'date-fns';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, bookingSlots, doctorDepartments, doctors, patients, schedules } from '../../db/schema/index.ts';
import { createTestApp, type TestApp } from '../support/hub.ts';
import { freeSlots } from './support.ts';

/**
 * Supervisors keep doctors' hours and days off: a new rule opens bookable slots at once, a day off closes the empty
 * ones and lists the bookings to call, ending a rule closes its empty slots; bad input changes nothing.
 */
let t: TestApp;
let supervisor: ReturnType<TestApp['agent']>;
let doctor: { id: string; branchId: string; departmentId: string };
const tz = 'Asia/Ho_Chi_Minh';
const base = '/api/admin/booking';

/** The next Sunday at least two days ahead (clinic calendar): no seeded session falls on a Sunday. */
function nextSunday(): string {
  let d = addDays(new TZDate(new Date(), tz), 2);
  while (getISODay(d) !== 7) d = addDays(d, 1);
  return format(d, 'yyyy-MM-dd');
}

beforeAll(async () => {
  t = await createTestApp();
  supervisor = t.agent();
  await supervisor.signIn('supervisor@demo.medicrm.vn');
  const [row] = await t.db
    .select({ id: doctors.id, branchId: doctorDepartments.branchId, departmentId: doctorDepartments.departmentId })
    .from(doctors)
    .innerJoin(doctorDepartments, eq(doctorDepartments.doctorId, doctors.id))
    .where(eq(doctors.code, 'BS0102'));
  doctor = row!;
});
afterAll(async () => {
  await t?.close();
});

const sundayRule = (extra: Record<string, unknown> = {}) => ({
  doctorId: doctor.id,
  branchId: doctor.branchId,
  departmentId: doctor.departmentId,
  weekday: 7,
  startTime: '08:00',
  endTime: '10:00',
  slotMinutes: 30,
  capacityPerSlot: 2,
  ...extra,
});

describe('schedules and days off', () => {
  it('is for supervisors and admins only', async () => {
    const agent = t.agent();
    await agent.signIn('agent1@demo.medicrm.vn');
    expect((await agent.request('GET', `${base}/schedules`)).status).toBe(403);
    expect((await agent.request('POST', `${base}/schedules`, sundayRule())).status).toBe(403);
    expect((await supervisor.request('GET', `${base}/schedules?doctorId=${doctor.id}`)).status).toBe(200);
  });

  it('refuses bad input and changes nothing', async () => {
    const before = await t.db.$count(schedules);
    const cases = [
      sundayRule({ date: nextSunday() }),
      sundayRule({ startTime: '10:00', endTime: '08:00' }),
      sundayRule({ slotMinutes: 0 }),
      sundayRule({ startTime: '8h' }),
      sundayRule({ departmentId: '00000000-0000-4000-8000-000000000000' }),
    ];
    for (const body of cases) {
      const res = await supervisor.request('POST', `${base}/schedules`, body);
      expect(res.status).toBe(400);
      expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(/\p{L}/u);
    }
    expect(await t.db.$count(schedules)).toBe(before);
  });

  it('opens a Sunday clinic at once, and ending it closes its empty slots', async () => {
    const sunday = nextSunday();
    expect(await freeSlots(t, { doctorId: doctor.id, from: sunday, to: sunday })).toEqual([]);
    const res = await supervisor.request('POST', `${base}/schedules`, sundayRule());
    expect(res.status).toBe(201);
    const made = (await res.json()) as { schedule: { id: string }; slotsOpened: number };
    expect(made.slotsOpened).toBeGreaterThan(0);
    const open = await freeSlots(t, { doctorId: doctor.id, from: sunday, to: sunday });
    expect(open.map((s) => s.time)).toEqual(['08:00', '08:30', '09:00', '09:30']);
    expect(open.every((s) => s.seatsLeft === 2)).toBe(true);

    const ended = await supervisor.request('POST', `${base}/schedules/${made.schedule.id}/end`);
    expect(ended.status).toBe(200);
    expect(((await ended.json()) as { slotsClosed: number }).slotsClosed).toBeGreaterThanOrEqual(4);
    expect(await freeSlots(t, { doctorId: doctor.id, from: sunday, to: sunday })).toEqual([]);
    const audit = await t.db
      .select({ action: auditLog.action })
      .from(auditLog)
      .where(eq(auditLog.subjectId, made.schedule.id));
    expect(audit.map((a) => a.action).sort()).toEqual(['schedule.created', 'schedule.ended']);
  });

  it('a doctor’s day off closes the empty slots, lists the booked visits, and lifting it reopens the day', async () => {
    const [slot] = await freeSlots(t, { doctorId: doctor.id });
    const date = slot!.date;
    const [profile] = await t.db.select({ id: patients.id }).from(patients).limit(1);
    const agent = t.agent();
    await agent.signIn('agent1@demo.medicrm.vn');
    const booked = await agent.request('POST', '/api/appointments', { slotId: slot!.slotId, patientId: profile!.id });
    expect(booked.status).toBe(201);
    const { bookingCode } = (await booked.json()) as { bookingCode: string };
    const openBefore = await t.db.$count(
      bookingSlots,
      and(eq(bookingSlots.doctorId, doctor.id), eq(bookingSlots.date, date)),
    );

    const res = await supervisor.request('POST', `${base}/days-off`, {
      date,
      kind: 'doctor_leave',
      name: 'Bác sĩ đi hội thảo',
      doctorId: doctor.id,
    });
    expect(res.status).toBe(201);
    const off = (await res.json()) as { dayOff: { id: string }; affected: { bookingCode: string }[] };
    expect(off.affected.map((a) => a.bookingCode)).toEqual([bookingCode]);
    expect(await freeSlots(t, { doctorId: doctor.id, from: date, to: date })).toEqual([]);
    // only the booked slot is kept, so the booking stays intact
    expect(
      await t.db.$count(bookingSlots, and(eq(bookingSlots.doctorId, doctor.id), eq(bookingSlots.date, date))),
    ).toBe(1);
    const again = await supervisor.request('POST', `${base}/days-off`, {
      date,
      kind: 'doctor_leave',
      name: 'Trùng',
      doctorId: doctor.id,
    });
    expect(again.status).toBe(409);

    const lifted = await supervisor.request('DELETE', `${base}/days-off/${off.dayOff.id}`);
    expect(lifted.status).toBe(200);
    expect(
      await t.db.$count(bookingSlots, and(eq(bookingSlots.doctorId, doctor.id), eq(bookingSlots.date, date))),
    ).toBe(openBefore);
    const list = await supervisor.request('GET', `${base}/days-off?from=${date}&to=${date}`);
    const items = ((await list.json()) as { items: { id: string }[] }).items;
    expect(items.some((d) => d.id === off.dayOff.id)).toBe(false);
    const [{ n }] = (
      await t.db.execute<{ n: number }>(
        sql`select count(*)::int as n from audit_log where action in ('day_off.created', 'day_off.removed')`,
      )
    ).rows as [{ n: number }];
    expect(n).toBe(2);
  });
});
