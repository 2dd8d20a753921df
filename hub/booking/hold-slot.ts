import { and, eq, sql } from 'drizzle-orm';
import { appointments, patients } from '../../db/schema/index.ts';
import type { AppDeps } from '../platform/context.ts';
import { jobId } from '../platform/queues.ts';
import { loadAppointment } from './appointment-view.ts';
import { createAppointment } from './create-appointment.ts';
import { releaseHold } from './expire-holds.ts';
import { bookingPolicy } from './policy.ts';
import { precheckSeat } from './slot-ledger.ts';

export interface HoldInput {
  slotId: string;
  profileId: string;
  packageId?: string | null;
  reason?: string | null;
  contractRef?: string | null;
}

/**
 * A patient picks a slot: it is held for BOOKING_HOLD_MINUTES while they confirm. Holding again the same slot for
 * the same profile returns the existing hold (a double tap); any other unconfirmed hold of the same contact is let go,
 * so one person cannot sit on many slots.
 */
export async function holdSlot(deps: AppDeps, contactId: string, input: HoldInput) {
  const policy = bookingPolicy(deps.config);
  const actor = { kind: 'patient', contactId } as const;
  try {
    await precheckSeat(deps.db, input.slotId, policy);
  } catch (err) {
    // a double tap finds the slot full of its own hold: that hold is the answer
    const own = await ownHold(deps, contactId, input);
    if (!own) throw err;
    return (await loadAppointment(deps.db, policy, own, contactId))!;
  }
  const id = await deps.db.transaction(async (tx) => {
    const open = await tx
      .select({ id: appointments.id, slotId: appointments.slotId, patientId: appointments.patientId })
      .from(appointments)
      .innerJoin(patients, eq(patients.id, appointments.patientId))
      .where(
        and(
          eq(patients.contactId, contactId),
          eq(appointments.status, 'requested'),
          sql`${appointments.holdExpiresAt} > now()`,
        ),
      )
      .for('update', { of: appointments });
    const same = open.find((h) => h.slotId === input.slotId && h.patientId === input.profileId);
    if (same) return same.id;
    for (const h of open) await releaseHold(tx, h.id, 'hold_replaced', actor, policy.timeZone);

    const row = await createAppointment(
      tx,
      {
        slotId: input.slotId,
        patientId: input.profileId,
        ownerContactId: contactId,
        packageId: input.packageId,
        reason: input.reason,
        contractRef: input.contractRef,
        sourceChannel: 'miniapp',
        status: 'requested',
        bookedByContactId: contactId,
      },
      actor,
      policy,
    );
    return row.id;
  });
  await scheduleHoldExpiry(deps, id, policy.holdMinutes);
  return (await loadAppointment(deps.db, policy, id, contactId))!;
}

async function ownHold(deps: AppDeps, contactId: string, input: HoldInput): Promise<string | undefined> {
  const [row] = await deps.db
    .select({ id: appointments.id })
    .from(appointments)
    .innerJoin(patients, eq(patients.id, appointments.patientId))
    .where(
      and(
        eq(patients.contactId, contactId),
        eq(appointments.patientId, input.profileId),
        eq(appointments.slotId, input.slotId),
        eq(appointments.status, 'requested'),
        sql`${appointments.holdExpiresAt} > now()`,
      ),
    );
  return row?.id;
}

/**
 * The hold ends by itself: a delayed job releases it at expiry. Queries never count an expired hold as taken either,
 * and a periodic sweep catches any job Redis lost, so a failure to schedule here only delays the bookkeeping.
 */
async function scheduleHoldExpiry(deps: AppDeps, appointmentId: string, holdMinutes: number) {
  try {
    await deps.queues.booking.add(
      'expire-hold',
      { appointmentId },
      { jobId: jobId.holdExpiry(appointmentId), delay: holdMinutes * 60_000 + 1_000 },
    );
  } catch (err) {
    deps.logger.warn({ err: (err as Error).message, appointmentId }, 'hold expiry job not scheduled');
  }
}
