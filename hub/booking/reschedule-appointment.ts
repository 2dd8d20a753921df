import { eq, sql } from 'drizzle-orm';
import { appointments, servicePackages } from '../../db/schema/index.ts';
import type { AppDeps } from '../platform/context.ts';
import { loadAppointment } from './appointment-view.ts';
import { changeWindowClosed, invalidStatus, packageMismatch, profileBusy, slotNotFound } from './booking-errors.ts';
import { expireHolds } from './expire-holds.ts';
import { type AppointmentScope, lockAppointment } from './lock-appointment.ts';
import { bookingPolicy } from './policy.ts';
import { type BookingActor, recordChange } from './record-change.ts';
import { lockSlots, releaseSeat, takeSeat } from './slot-ledger.ts';

/**
 * Moves a confirmed appointment to another slot under the same rules as a new booking (capacity, lead time, days
 * off) and the change window. The new place is taken before the old is given back, in one transaction: a full slot
 * leaves the appointment where it was.
 */
export async function rescheduleAppointment(
  deps: AppDeps,
  appointmentId: string,
  newSlotId: string,
  scope: AppointmentScope,
  actor: BookingActor,
) {
  const policy = bookingPolicy(deps.config);
  await deps.db.transaction(async (tx) => {
    const appt = await lockAppointment(tx, appointmentId, scope, policy.changeCutoffHours);
    if (appt.status !== 'confirmed') throw invalidStatus('Chỉ đổi được lịch hẹn đã xác nhận');
    if (!appt.withinChangeWindow) throw changeWindowClosed(policy.changeCutoffHours);
    if (appt.slotId === newSlotId) return;

    const target = await tx.execute<{ department_id: string }>(
      sql`select department_id from booking_slots where id = ${newSlotId}`,
    );
    if (!target.rows[0]) throw slotNotFound();
    if (appt.packageId) {
      const [p] = await tx
        .select({ departmentId: servicePackages.departmentId })
        .from(servicePackages)
        .where(eq(servicePackages.id, appt.packageId));
      if (p?.departmentId && p.departmentId !== target.rows[0].department_id) throw packageMismatch();
    }

    const clash = await tx.execute(sql`
      select 1 from appointments a, booking_slots s
      where s.id = ${newSlotId} and a.patient_id = ${appt.patientId} and a.id <> ${appt.id}
        and a.status in ('requested', 'confirmed', 'checked_in')
        and (a.status <> 'requested' or a.hold_expires_at > now())
        and a.starts_at < s.ends_at and a.ends_at > s.starts_at
      limit 1`);
    if (clash.rows.length > 0) throw profileBusy();

    await lockSlots(tx, appt.slotId ? [appt.slotId, newSlotId] : [newSlotId]);
    const seat = await takeSeat(
      tx,
      newSlotId,
      policy,
      async () => (await expireHolds(tx, policy.timeZone, { slotId: newSlotId })) > 0,
    );
    if (appt.slotId) await releaseSeat(tx, appt.slotId);
    const [row] = await tx
      .update(appointments)
      .set({
        slotId: seat.slotId,
        slotSeq: seat.seq,
        doctorId: seat.doctorId,
        branchId: seat.branchId,
        departmentId: seat.departmentId,
        startsAt: seat.startsAt,
        endsAt: seat.endsAt,
        // the HIS must hear of the move
        hisSyncState: 'pending',
      })
      .where(eq(appointments.id, appointmentId))
      .returning();
    await recordChange(tx, row!, 'rescheduled', actor, {
      timeZone: policy.timeZone,
      detail: {
        previousStartsAt: appt.startsAt.toISOString(),
        previousDoctorId: appt.doctorId,
        previousBranchId: appt.branchId,
      },
    });
  });
  return (await loadAppointment(
    deps.db,
    policy,
    appointmentId,
    'ownerContactId' in scope ? scope.ownerContactId : undefined,
  ))!;
}
