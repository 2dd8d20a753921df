import { sql } from 'drizzle-orm';
import { appointments } from '../../db/schema/index.ts';
import type { AppDeps } from '../platform/context.ts';
import { loadAppointment } from './appointment-view.ts';
import { holdExpired, invalidStatus } from './booking-errors.ts';
import { releaseHold } from './expire-holds.ts';
import { lockAppointment } from './lock-appointment.ts';
import { bookingPolicy } from './policy.ts';
import { recordChange } from './record-change.ts';

/** The patient confirms their hold. Confirming twice answers the confirmed booking; a lapsed hold answers hold_expired. */
export async function confirmHold(deps: AppDeps, contactId: string, appointmentId: string) {
  const policy = bookingPolicy(deps.config);
  const actor = { kind: 'patient', contactId } as const;
  const outcome = await deps.db.transaction(async (tx) => {
    const appt = await lockAppointment(tx, appointmentId, { ownerContactId: contactId }, policy.changeCutoffHours);
    if (appt.status === 'confirmed') return 'ok' as const;
    if (appt.status === 'cancelled' && appt.cancelledReason?.startsWith('hold_')) return 'expired' as const;
    if (appt.status !== 'requested') throw invalidStatus();
    const [row] = await tx
      .update(appointments)
      .set({ status: 'confirmed', confirmedAt: sql`now()`, holdExpiresAt: null })
      .where(sql`${appointments.id} = ${appointmentId} and ${appointments.holdExpiresAt} > now()`)
      .returning();
    if (!row) {
      await releaseHold(tx, appointmentId, 'hold_expired', { kind: 'system' }, policy.timeZone);
      return 'expired' as const;
    }
    await recordChange(tx, row, 'confirmed', actor, { timeZone: policy.timeZone });
    return 'ok' as const;
  });
  // the lapsed hold's release is committed before the patient is told
  if (outcome === 'expired') throw holdExpired();
  return (await loadAppointment(deps.db, policy, appointmentId, contactId))!;
}
