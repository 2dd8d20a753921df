import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns';
import { eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { servicePackages } from '../../db/schema/index.ts';
import { ValidationError } from '../platform/errors.ts';
import { packageNotFound } from './booking-errors.ts';
import type { BookingPolicy } from './policy.ts';

export interface AvailabilityQuery {
  from?: string;
  to?: string;
  branchId?: string;
  departmentId?: string;
  doctorId?: string;
  packageId?: string;
}

export const MAX_RANGE_DAYS = 31;

export interface FreeSlot {
  slotId: string;
  doctorId: string;
  branchId: string;
  departmentId: string;
  date: string;
  time: string;
  startsAt: string;
  endsAt: string;
  seatsLeft: number;
}

/**
 * Today's date in the clinic's zone, worked out once a minute: every availability search needs it, and the zone
 * arithmetic costs more than the cached answer it keys.
 */
let today: { zone: string; minute: number; date: string } | undefined;
function clinicToday(timeZone: string, now: Date): string {
  const minute = Math.floor(now.getTime() / 60_000);
  if (today?.zone !== timeZone || today.minute !== minute) {
    today = { zone: timeZone, minute, date: format(new TZDate(now, timeZone), 'yyyy-MM-dd') };
  }
  return today.date;
}

const DAY_MS = 86_400_000;
/** Calendar arithmetic on yyyy-MM-dd strings (read as UTC midnights, so no zone or DST enters). */
const plusDays = (date: string, n: number) => new Date(Date.parse(date) + n * DAY_MS).toISOString().slice(0, 10);
const daysBetween = (from: string, to: string) => Math.round((Date.parse(to) - Date.parse(from)) / DAY_MS);

/** The clinic-local date range asked for, defaulting to the coming week; at most MAX_RANGE_DAYS. */
export function resolveRange(q: AvailabilityQuery, timeZone: string, now = new Date()) {
  const today = clinicToday(timeZone, now);
  const from = q.from && q.from > today ? q.from : today;
  const to = q.to ?? plusDays(from, 6);
  if (to < from) throw new ValidationError('Ngày kết thúc phải sau ngày bắt đầu');
  if (daysBetween(from, to) >= MAX_RANGE_DAYS) {
    throw new ValidationError(`Chỉ tra cứu tối đa ${MAX_RANGE_DAYS} ngày mỗi lần`);
  }
  return { from, to };
}

async function scope(db: Db, q: AvailabilityQuery) {
  let departmentId = q.departmentId;
  if (q.packageId) {
    const [p] = await db
      .select({ departmentId: servicePackages.departmentId })
      .from(servicePackages)
      .where(eq(servicePackages.id, q.packageId));
    if (!p) throw packageNotFound();
    if (p.departmentId) {
      // a package of another specialty than the one asked for has no slot to offer
      if (departmentId && departmentId !== p.departmentId) return undefined;
      departmentId = p.departmentId;
    }
  }
  return sql`
    ${q.branchId ? sql`and s.branch_id = ${q.branchId}` : sql``}
    ${departmentId ? sql`and s.department_id = ${departmentId}` : sql``}
    ${q.doctorId ? sql`and s.doctor_id = ${q.doctorId}` : sql``}`;
}

/**
 * Free slots as an indexed range read over booking_slots: in the future past the lead time, within the horizon, on no
 * day off, with places left. A hold that ran out counts as free even before its release job has run.
 */
const freeSlotsFrom = (policy: BookingPolicy, from: string, to: string, filters: ReturnType<typeof sql>) => sql`
  from booking_slots s
  join doctors d on d.id = s.doctor_id and d.active
  join branches b on b.id = s.branch_id and b.active
  left join lateral (
    select count(*)::int as n from appointments a
    where s.booked >= s.capacity and a.slot_id = s.id and a.status = 'requested' and a.hold_expires_at <= now()
  ) x on true
  where s.starts_at >= (${from}::date)::timestamp at time zone ${policy.timeZone}
    and s.starts_at < (${to}::date + 1)::timestamp at time zone ${policy.timeZone}
    and s.starts_at >= now() + make_interval(mins => ${policy.minLeadMinutes})
    and s.starts_at < now() + make_interval(days => ${policy.horizonDays})
    ${filters}
    and s.booked - x.n < s.capacity
    and not exists (
      select 1 from days_off o
      where o.date = s.date
        and (o.branch_id is null or o.branch_id = s.branch_id)
        and (o.doctor_id is null or o.doctor_id = s.doctor_id)
    )`;

export async function findAvailability(db: Db, policy: BookingPolicy, q: AvailabilityQuery) {
  const { from, to } = resolveRange(q, policy.timeZone);
  const filters = await scope(db, q);
  if (!filters) return { timeZone: policy.timeZone, from, to, slots: [] as FreeSlot[] };
  const res = await db.execute<{
    slot_id: string;
    doctor_id: string;
    branch_id: string;
    department_id: string;
    date: string;
    time: string;
    starts_at: string;
    ends_at: string;
    seats_left: number;
  }>(sql`
    select s.id as slot_id, s.doctor_id, s.branch_id, s.department_id, s.date::text as date,
           to_char(s.starts_at at time zone b.time_zone, 'HH24:MI') as time,
           to_char(s.starts_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as starts_at,
           to_char(s.ends_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as ends_at,
           (s.capacity - s.booked + x.n)::int as seats_left
    ${freeSlotsFrom(policy, from, to, filters)}
    order by s.starts_at, d.full_name`);
  const slots: FreeSlot[] = res.rows.map((r) => ({
    slotId: r.slot_id,
    doctorId: r.doctor_id,
    branchId: r.branch_id,
    departmentId: r.department_id,
    date: r.date,
    time: r.time,
    startsAt: r.starts_at,
    endsAt: r.ends_at,
    seatsLeft: r.seats_left,
  }));
  return { timeZone: policy.timeZone, from, to, slots };
}

/** Per date, how many slots are free: the date strip of the booking screen. */
export async function findAvailableDays(db: Db, policy: BookingPolicy, q: AvailabilityQuery) {
  const { from, to } = resolveRange(q, policy.timeZone);
  const filters = await scope(db, q);
  if (!filters) return { timeZone: policy.timeZone, from, to, days: [] as { date: string; freeSlots: number }[] };
  const res = await db.execute<{ date: string; free_slots: number }>(sql`
    select s.date::text as date, count(*)::int as free_slots
    ${freeSlotsFrom(policy, from, to, filters)}
    group by s.date order by s.date`);
  return {
    timeZone: policy.timeZone,
    from,
    to,
    days: res.rows.map((r) => ({ date: r.date, freeSlots: r.free_slots })),
  };
}
