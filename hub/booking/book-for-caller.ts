import type { z } from '@hono/zod-openapi';
import { eq } from 'drizzle-orm';
import { patients } from '../../db/schema/index.ts';
import type { AppDeps } from '../platform/context.ts';
import { loadAppointment } from './appointment-view.ts';
import type { StaffBookSchema } from './booking.schemas.ts';
import { profileNotFound } from './booking-errors.ts';
import { createAppointment } from './create-appointment.ts';
import { bookingPolicy } from './policy.ts';
import { precheckSeat } from './slot-ledger.ts';

/**
 * An agent books for a caller (hotline, chat): confirmed at once, since the caller agreed on the phone, under the same
 * rules as a patient's own booking (capacity, lead time, horizon, days off, package fit).
 */
export async function bookForCaller(deps: AppDeps, input: z.infer<typeof StaffBookSchema>, staffId: string) {
  const policy = bookingPolicy(deps.config);
  await precheckSeat(deps.db, input.slotId, policy);
  const id = await deps.db.transaction(async (tx) => {
    const [profile] = await tx
      .select({ contactId: patients.contactId })
      .from(patients)
      .where(eq(patients.id, input.patientId));
    if (!profile) throw profileNotFound();
    const row = await createAppointment(
      tx,
      {
        slotId: input.slotId,
        patientId: input.patientId,
        packageId: input.packageId,
        reason: input.reason,
        contractRef: input.contractRef,
        sourceChannel: input.sourceChannel,
        status: 'confirmed',
        bookedByContactId: profile.contactId,
        createdByStaffId: staffId,
      },
      { kind: 'staff', staffId },
      policy,
    );
    return row.id;
  });
  return (await loadAppointment(deps.db, policy, id))!;
}
