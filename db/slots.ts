import { sql } from 'drizzle-orm';
import type { DbOrTx } from './client.ts';

/**
 * Materialises booking_slots from schedules for the clinic-local dates from..to (inclusive, yyyy-MM-dd): dated
 * sessions, and weekly rules on dates without a dated session of that doctor; days off are skipped. Existing slots
 * are left alone (their booked counts are live), so this is safe to run again at any time and from several processes.
 * Wall-clock times become instants in each branch's own time zone. Returns the number of slots added.
 */
export async function materialiseSlots(db: DbOrTx, range: { from: string; to: string }): Promise<number> {
  const res = await db.execute(sql`
    insert into booking_slots (doctor_id, branch_id, department_id, schedule_id, date, starts_at, ends_at, capacity)
    select s.doctor_id, s.branch_id, s.department_id, s.id, d.day,
           (d.day + s.start_time + make_interval(mins => k * s.slot_minutes)) at time zone b.time_zone,
           (d.day + s.start_time + make_interval(mins => (k + 1) * s.slot_minutes)) at time zone b.time_zone,
           s.capacity_per_slot
    from schedules s
    join branches b on b.id = s.branch_id
    cross join lateral (
      select g::date as day from generate_series(${range.from}::date, ${range.to}::date, interval '1 day') g
    ) d
    cross join lateral generate_series(
      0, (extract(epoch from (s.end_time - s.start_time)) / 60 / s.slot_minutes)::int - 1
    ) k
    where s.active
      and (
        s.date = d.day
        or (
          s.weekday = extract(isodow from d.day)
          and (s.valid_from is null or s.valid_from <= d.day)
          and (s.valid_to is null or s.valid_to >= d.day)
          and not exists (select 1 from schedules x where x.doctor_id = s.doctor_id and x.date = d.day and x.active)
        )
      )
      and s.start_time + make_interval(mins => (k + 1) * s.slot_minutes) <= s.end_time
      and not exists (
        select 1 from days_off o
        where o.date = d.day
          and (o.branch_id is null or o.branch_id = s.branch_id)
          and (o.doctor_id is null or o.doctor_id = s.doctor_id)
      )
    on conflict (doctor_id, starts_at) do nothing
  `);
  return res.rowCount ?? 0;
}
