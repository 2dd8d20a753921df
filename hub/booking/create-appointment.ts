import { and, eq, gt, inArray, lt, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import {
  type AppointmentStatus,
  appointments,
  type Channel,
  patients,
  servicePackages,
} from '../../db/schema/index.ts';
import { newBookingCode } from './booking-code.ts';
import {
  packageMismatch,
  packageNotForSex,
  packageNotFound,
  profileBusy,
  profileNotFound,
  slotTaken,
} from './booking-errors.ts';
import { expireHolds } from './expire-holds.ts';
import type { BookingPolicy } from './policy.ts';
import { type BookingActor, recordChange } from './record-change.ts';
import { takeSeat } from './slot-ledger.ts';

export interface NewAppointment {
  slotId: string;
  patientId: string;
  /** restricts the profile to this contact's (patients book only for their own family) */
  ownerContactId?: string;
  packageId?: string | null;
  reason?: string | null;
  contractRef?: string | null;
  sourceChannel: Channel;
  status: Extract<AppointmentStatus, 'requested' | 'confirmed'>;
  bookedByContactId: string | null;
  createdByStaffId?: string | null;
}

/**
 * Takes a place in the slot and writes the appointment with its first timeline entries and outbox events, in the
 * caller's transaction. Validation that reads (profile, package) happens before the seat is taken so that a refused
 * booking holds the slot's row lock as briefly as possible.
 */
export async function createAppointment(tx: DbOrTx, input: NewAppointment, actor: BookingActor, policy: BookingPolicy) {
  // The seat first: a burst of bookers of one slot is turned away in this one statement. Every check below that
  // fails rolls the seat back with the transaction.
  const seat = await takeSeat(
    tx,
    input.slotId,
    policy,
    async () =>
      // holds that ran out on this slot give their place back, whether or not their expiry job has run yet
      (await expireHolds(tx, policy.timeZone, { slotId: input.slotId })) > 0,
  );

  const [profile] = await tx
    .select({ id: patients.id, sex: patients.sex, contactId: patients.contactId })
    .from(patients)
    .where(
      input.ownerContactId
        ? and(eq(patients.id, input.patientId), eq(patients.contactId, input.ownerContactId))
        : eq(patients.id, input.patientId),
    );
  if (!profile) throw profileNotFound();

  let price: number | null = null;
  if (input.packageId) {
    const [p] = await tx
      .select()
      .from(servicePackages)
      .where(and(eq(servicePackages.id, input.packageId), eq(servicePackages.active, true)));
    if (!p) throw packageNotFound();
    if (p.departmentId && p.departmentId !== seat.departmentId) throw packageMismatch();
    if (p.forSex && profile.sex !== 'unknown' && p.forSex !== profile.sex) throw packageNotForSex();
    price = p.priceVnd;
  }

  const busy = await tx
    .select({ id: appointments.id })
    .from(appointments)
    .where(
      and(
        eq(appointments.patientId, profile.id),
        inArray(appointments.status, ['requested', 'confirmed', 'checked_in']),
        lt(appointments.startsAt, seat.endsAt),
        gt(appointments.endsAt, seat.startsAt),
        sql`(${appointments.status} <> 'requested' or ${appointments.holdExpiresAt} > now())`,
      ),
    )
    .limit(1);
  if (busy.length > 0) throw profileBusy();

  for (let attempt = 0; ; attempt++) {
    const [row] = await tx
      .insert(appointments)
      .values({
        bookingCode: newBookingCode(),
        patientId: profile.id,
        bookedByContactId: input.bookedByContactId,
        createdByStaffId: input.createdByStaffId ?? null,
        branchId: seat.branchId,
        departmentId: seat.departmentId,
        doctorId: seat.doctorId,
        packageId: input.packageId ?? null,
        startsAt: seat.startsAt,
        endsAt: seat.endsAt,
        slotSeq: seat.seq,
        slotId: seat.slotId,
        status: input.status,
        sourceChannel: input.sourceChannel,
        contractRef: input.contractRef ?? null,
        reason: input.reason ?? null,
        priceVnd: price,
        holdExpiresAt: input.status === 'requested' ? sql`now() + make_interval(mins => ${policy.holdMinutes})` : null,
        confirmedAt: input.status === 'confirmed' ? sql`now()` : null,
      })
      .onConflictDoNothing({ target: appointments.bookingCode })
      .returning();
    if (row) {
      const changed = { ...row, startsAt: row.startsAt, endsAt: row.endsAt };
      await recordChange(tx, changed, 'requested', actor, { timeZone: policy.timeZone });
      if (input.status === 'confirmed') {
        await recordChange(tx, changed, 'confirmed', actor, { timeZone: policy.timeZone });
      }
      return row;
    }
    // a booking code collision (one in hundreds of millions): draw another
    if (attempt >= 5) throw slotTaken();
  }
}
