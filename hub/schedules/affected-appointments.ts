import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';

export interface AffectedAppointment {
  id: string;
  bookingCode: string;
  status: string;
  startsAt: string;
  doctorId: string;
  branchId: string;
}

/**
 * Live bookings (held or confirmed, still ahead) on slots matching `where` (over booking_slots s): a change never
 * cancels them by itself; staff get the list to call the patients and reschedule.
 */
export async function affectedAppointments(db: DbOrTx, where: ReturnType<typeof sql>): Promise<AffectedAppointment[]> {
  const r = await db.execute<{
    id: string;
    booking_code: string;
    status: string;
    starts_at: string;
    doctor_id: string;
    branch_id: string;
  }>(sql`
    select a.id, a.booking_code, a.status, to_char(a.starts_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as starts_at,
           a.doctor_id, a.branch_id
    from appointments a join booking_slots s on s.id = a.slot_id
    where a.status in ('requested', 'confirmed') and a.starts_at > now() and ${where}
    order by a.starts_at`);
  return r.rows.map((x) => ({
    id: x.id,
    bookingCode: x.booking_code,
    status: x.status,
    startsAt: x.starts_at,
    doctorId: x.doctor_id,
    branchId: x.branch_id,
  }));
}

/** Removes the slots matching `where` that nobody holds or booked, from now on; returns how many. */
export async function closeEmptySlots(db: DbOrTx, where: ReturnType<typeof sql>): Promise<number> {
  const r = await db.execute(sql`
    delete from booking_slots s
    where s.booked = 0 and s.starts_at > now() and ${where}
      and not exists (select 1 from appointments a where a.slot_id = s.id)`);
  return r.rowCount ?? 0;
}
