import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import { appointments } from '../../db/schema/index.ts';
import { appointmentNotFound } from './booking-errors.ts';

export type AppointmentScope = { ownerContactId: string } | { staff: true };

type AppointmentRow = typeof appointments.$inferSelect;

/**
 * Locks an appointment for a change (serialising every change of it) and reads it with the database clock's view of
 * the policy. A patient's scope hides appointments of other contacts' profiles: those answer 404, as missing ones do.
 */
export async function lockAppointment(
  tx: DbOrTx,
  id: string,
  scope: AppointmentScope,
  cutoffHours: number,
): Promise<AppointmentRow & { withinChangeWindow: boolean; started: boolean; today: boolean }> {
  const owner =
    'ownerContactId' in scope
      ? sql`and patient_id in (select id from patients where contact_id = ${scope.ownerContactId})`
      : sql``;
  const r = await tx.execute<{ id: string; within: boolean; started: boolean; today: boolean }>(sql`
    select a.id,
           a.starts_at - make_interval(secs => ${cutoffHours * 3600}) > now() as within,
           a.starts_at <= now() as started,
           (a.starts_at at time zone b.time_zone)::date = (now() at time zone b.time_zone)::date as today
    from appointments a join branches b on b.id = a.branch_id
    where a.id = ${id} ${owner}
    for update of a`);
  const head = r.rows[0];
  if (!head) throw appointmentNotFound();
  const [row] = await tx.select().from(appointments).where(sql`${appointments.id} = ${id}`);
  return { ...row!, withinChangeWindow: head.within, started: head.started, today: head.today };
}
