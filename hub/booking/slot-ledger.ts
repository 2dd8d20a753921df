import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import { slotNotFound, slotTaken, slotUnavailable } from './booking-errors.ts';
import type { BookingPolicy } from './policy.ts';

/** A slot row as the booking use cases need it. */
export interface SlotSeat {
  slotId: string;
  doctorId: string;
  branchId: string;
  departmentId: string;
  startsAt: Date;
  endsAt: Date;
  /** the place in the slot this booking takes (appointments.slot_seq) */
  seq: number;
}

/** A slot is bookable when it starts after the lead time, within the horizon, on no day off, with an active doctor. */
const bookable = (policy: BookingPolicy) => sql`
  s.starts_at >= now() + make_interval(mins => ${policy.minLeadMinutes})
  and s.starts_at < now() + make_interval(days => ${policy.horizonDays})
  and not exists (
    select 1 from days_off o
    where o.date = s.date
      and (o.branch_id is null or o.branch_id = s.branch_id)
      and (o.doctor_id is null or o.doctor_id = s.doctor_id)
  )
  and exists (select 1 from doctors d where d.id = s.doctor_id and d.active)
  and exists (select 1 from branches b where b.id = s.branch_id and b.active)`;

interface TakeRow extends Record<string, unknown> {
  taken_id: string | null;
  doctor_id: string | null;
  branch_id: string | null;
  department_id: string | null;
  starts_at: string | null;
  ends_at: string | null;
  capacity: number | null;
  found: boolean;
  ok: boolean;
  past: boolean;
}

/**
 * One round trip: the conditional UPDATE, and (for a refusal) why, so that a burst of bookers of one slot spends as
 * little as possible holding connections. The diagnosis reads the statement's snapshot; it only matters for the
 * "closed" reasons, which a concurrent booking cannot change.
 */
async function tryTake(tx: DbOrTx, slotId: string, policy: BookingPolicy): Promise<TakeRow> {
  const r = await tx.execute<TakeRow>(sql`
    with taken as (
      update booking_slots s set booked = s.booked + 1
      where s.id = ${slotId} and s.booked < s.capacity and ${bookable(policy)}
      returning s.id, s.doctor_id, s.branch_id, s.department_id, s.starts_at, s.ends_at, s.capacity
    )
    select taken.id as taken_id, taken.doctor_id, taken.branch_id, taken.department_id, taken.starts_at,
           taken.ends_at, taken.capacity, probe.found, probe.ok, probe.past
    from (
      select count(s.id) > 0 as found, coalesce(bool_and(${bookable(policy)}), false) as ok,
             coalesce(bool_and(s.starts_at < now()), false) as past
      from booking_slots s where s.id = ${slotId}
    ) probe left join taken on true`);
  return r.rows[0]!;
}

/**
 * Takes one place in a slot, or throws slot_taken / slot_unavailable / slot_not_found. The conditional UPDATE is the
 * whole guard: it row-locks the slot, and concurrent bookers queue on that lock and re-check `booked < capacity`
 * after it, so a slot can never go over capacity whatever the interleaving (and the table's check constraint backs it
 * up). The lock is held to commit, so the seat number picked next cannot race either. When the slot is full,
 * `releaseLapsed` may give back holds that ran out; if it did, the seat is tried once more.
 */
export async function takeSeat(
  tx: DbOrTx,
  slotId: string,
  policy: BookingPolicy,
  releaseLapsed?: () => Promise<boolean>,
): Promise<SlotSeat> {
  let r = await tryTake(tx, slotId, policy);
  if (!r.taken_id && r.found && r.ok && releaseLapsed && (await releaseLapsed())) r = await tryTake(tx, slotId, policy);
  if (!r.taken_id) {
    if (!r.found) throw slotNotFound();
    if (!r.ok) throw unavailable(r.past);
    throw slotTaken();
  }
  const row = {
    id: r.taken_id,
    doctor_id: r.doctor_id!,
    branch_id: r.branch_id!,
    department_id: r.department_id!,
    starts_at: r.starts_at!,
    ends_at: r.ends_at!,
    capacity: r.capacity!,
  };
  const seq = await tx.execute<{ seq: number }>(sql`
    select g::int as seq from generate_series(1, ${row.capacity}::int) g
    where g not in (
      select a.slot_seq from appointments a
      where a.doctor_id = ${row.doctor_id} and a.starts_at = ${row.starts_at}::timestamptz
        and a.status in ('requested', 'confirmed', 'checked_in')
    )
    order by g limit 1`);
  // booked < capacity held under the row lock, so a free place exists unless the counter had drifted
  if (!seq.rows[0]) throw slotTaken();
  return {
    slotId: row.id,
    doctorId: row.doctor_id,
    branchId: row.branch_id,
    departmentId: row.department_id,
    startsAt: new Date(row.starts_at),
    endsAt: new Date(row.ends_at),
    seq: seq.rows[0].seq,
  };
}

/** Gives a place back (cancellation, expired hold, the old slot of a reschedule). */
export async function releaseSeat(tx: DbOrTx, slotId: string): Promise<void> {
  await tx.execute(sql`update booking_slots set booked = booked - 1 where id = ${slotId} and booked > 0`);
}

/** Locks slots in id order, so that two reschedules swapping slots cannot deadlock. */
export async function lockSlots(tx: DbOrTx, slotIds: string[]): Promise<void> {
  const ids = [...new Set(slotIds)].sort();
  if (ids.length === 0) return;
  await tx.execute(
    sql`select id from booking_slots where id in (${sql.join(
      ids.map((id) => sql`${id}::uuid`),
      sql`, `,
    )}) order by id for update`,
  );
}

/**
 * An early, lock-free look at the slot: when it is plainly full or closed the request is refused in one round trip,
 * without a transaction or a wait on the slot's lock (a burst of bookers of one slot mostly ends here). Only an
 * optimisation: takeSeat's conditional UPDATE is what guarantees the capacity.
 */
export async function precheckSeat(db: DbOrTx, slotId: string, policy: BookingPolicy): Promise<void> {
  const r = await db.execute<{ free: boolean; ok: boolean; past: boolean }>(sql`
    select s.booked < s.capacity or exists (
             select 1 from appointments a
             where a.slot_id = s.id and a.status = 'requested' and a.hold_expires_at <= now()
           ) as free,
           (${bookable(policy)}) as ok, s.starts_at < now() as past
    from booking_slots s where s.id = ${slotId}`);
  const s = r.rows[0];
  if (!s) throw slotNotFound();
  if (!s.ok) throw unavailable(s.past);
  if (!s.free) throw slotTaken();
}

const unavailable = (past: boolean) =>
  slotUnavailable(
    past
      ? 'Khung giờ này đã qua. Vui lòng chọn khung giờ khác.'
      : 'Khung giờ này không còn nhận đặt lịch (quá gần giờ khám, ngoài thời gian mở đặt lịch hoặc ngày nghỉ).',
  );
