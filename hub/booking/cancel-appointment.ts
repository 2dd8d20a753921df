import { eq, sql } from 'drizzle-orm';
import { appointments } from '../../db/schema/index.ts';
import type { AppDeps } from '../platform/context.ts';
import { loadAppointment } from './appointment-view.ts';
import { changeWindowClosed, invalidStatus } from './booking-errors.ts';
import { type AppointmentScope, lockAppointment } from './lock-appointment.ts';
import { bookingPolicy } from './policy.ts';
import { type BookingActor, recordChange } from './record-change.ts';
import { releaseSeat } from './slot-ledger.ts';

/**
 * Cancels a held or confirmed appointment and gives its place back. A confirmed one only until
 * BOOKING_CHANGE_CUTOFF_HOURS before the visit, for patients and agents alike; cancelling twice is not an error.
 */
export async function cancelAppointment(
  deps: AppDeps,
  appointmentId: string,
  scope: AppointmentScope,
  actor: BookingActor,
  reason?: string | null,
) {
  const policy = bookingPolicy(deps.config);
  await deps.db.transaction(async (tx) => {
    const appt = await lockAppointment(tx, appointmentId, scope, policy.changeCutoffHours);
    if (appt.status === 'cancelled') return;
    if (appt.status !== 'requested' && appt.status !== 'confirmed') {
      throw invalidStatus('Lịch hẹn đã khám xong hoặc đã tiếp đón, không thể huỷ');
    }
    if (appt.status === 'confirmed' && !appt.withinChangeWindow) throw changeWindowClosed(policy.changeCutoffHours);
    const [row] = await tx
      .update(appointments)
      .set({
        status: 'cancelled',
        cancelledAt: sql`now()`,
        cancelledReason: reason?.trim() || (actor.kind === 'patient' ? 'patient_cancelled' : 'staff_cancelled'),
        holdExpiresAt: null,
      })
      .where(eq(appointments.id, appointmentId))
      .returning();
    if (row!.slotId) await releaseSeat(tx, row!.slotId);
    await recordChange(tx, row!, 'cancelled', actor, {
      timeZone: policy.timeZone,
      detail: { reason: actor.kind === 'patient' ? 'patient_cancelled' : 'staff_cancelled' },
    });
  });
  return (await loadAppointment(
    deps.db,
    policy,
    appointmentId,
    'ownerContactId' in scope ? scope.ownerContactId : undefined,
  ))!;
}
