import type { z } from '@hono/zod-openapi';
import { and, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import { contacts, patients } from '../../db/schema/index.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { resolveContact } from '../contacts/index.ts';
import { addProfile } from '../patient/index.ts';
import type { Actor } from '../platform/actor.ts';
import type { AppDeps } from '../platform/context.ts';
import { NotFoundError } from '../platform/errors.ts';
import { loadAppointment } from './appointment-view.ts';
import type { StaffBookSchema } from './booking.schemas.ts';
import { profileNotFound } from './booking-errors.ts';
import { createAppointment } from './create-appointment.ts';
import { bookingPolicy } from './policy.ts';
import { precheckSeat } from './slot-ledger.ts';

type StaffBookInput = z.output<typeof StaffBookSchema>;

interface BookedFor {
  patientId: string;
  contactId: string;
  contactCreated: boolean;
  profileCreated: boolean;
}

const contactNotFound = () => new NotFoundError('Không tìm thấy khách hàng', 'contact_not_found');

/** A contact picked in the console; one merged away since stands for the contact it was merged into. */
async function liveContactId(tx: DbOrTx, id: string): Promise<string> {
  const [c] = await tx
    .select({ id: contacts.id, mergedIntoId: contacts.mergedIntoId })
    .from(contacts)
    .where(eq(contacts.id, id));
  if (!c) throw contactNotFound();
  return c.mergedIntoId ?? c.id;
}

/** Who the booking is for, in its transaction: an existing profile, or a new one on a found or new contact. */
async function bookedFor(tx: DbOrTx, input: StaffBookInput): Promise<BookedFor> {
  if (input.patientId) {
    const [profile] = await tx
      .select({ contactId: patients.contactId })
      .from(patients)
      .where(
        input.contactId
          ? and(eq(patients.id, input.patientId), eq(patients.contactId, await liveContactId(tx, input.contactId)))
          : eq(patients.id, input.patientId),
      );
    if (!profile) throw profileNotFound();
    return { patientId: input.patientId, contactId: profile.contactId, contactCreated: false, profileCreated: false };
  }
  // the schema guarantees a new profile with exactly one of contactId / callerPhone here
  const newProfile = input.newProfile!;
  let contactId: string;
  let contactCreated = false;
  if (input.contactId) {
    contactId = await liveContactId(tx, input.contactId);
  } else {
    const resolved = await resolveContact(tx, {
      channel: 'phone',
      externalId: input.callerPhone!,
      // a caller booking for a parent or child is not that person: only their own name names the contact
      fullName: input.callerName ?? (newProfile.relationship === 'self' ? newProfile.fullName : undefined),
      firstChannel: input.sourceChannel,
      source: 'agent_booking',
    });
    contactId = resolved.contactId;
    contactCreated = resolved.created;
  }
  const profile = await addProfile(tx, contactId, newProfile);
  return { patientId: profile.id, contactId, contactCreated, profileCreated: true };
}

/**
 * An agent books for a caller (hotline, chat): confirmed at once, since the caller agreed on the phone, under the same
 * rules as a patient's own booking (capacity, lead time, horizon, days off, package fit). A new caller's contact and
 * profile are made in the booking's transaction: when the booking is refused (slot taken, package of another
 * specialty…) neither is left behind.
 */
export async function bookForCaller(deps: AppDeps, input: StaffBookInput, actor: Actor) {
  const policy = bookingPolicy(deps.config);
  await precheckSeat(deps.db, input.slotId, policy);
  const id = await deps.db.transaction(async (tx) => {
    const who = await bookedFor(tx, input);
    const row = await createAppointment(
      tx,
      {
        slotId: input.slotId,
        patientId: who.patientId,
        ownerContactId: who.contactId,
        packageId: input.packageId,
        reason: input.reason,
        contractRef: input.contractRef,
        sourceChannel: input.sourceChannel,
        status: 'confirmed',
        bookedByContactId: who.contactId,
        createdByStaffId: actor.staffId,
      },
      { kind: 'staff', staffId: actor.staffId },
      policy,
    );
    await recordAudit(tx, {
      action: 'booking.book_for_caller',
      actorStaffId: actor.staffId,
      subjectType: 'appointment',
      subjectId: row.id,
      requestId: actor.requestId,
      ip: actor.ip,
      detail: {
        patientId: who.patientId,
        contactId: who.contactId,
        contactCreated: who.contactCreated,
        profileCreated: who.profileCreated,
        sourceChannel: input.sourceChannel,
      },
    });
    return row.id;
  });
  return (await loadAppointment(deps.db, policy, id))!;
}
