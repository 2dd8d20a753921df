import { and, eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import {
  contactIdentities,
  contactMergeDismissals,
  contactNotes,
  contacts,
  staffUsers,
} from '../../db/schema/index.ts';
import { recordAudit } from '../audit/record-audit.ts';
import type { Actor } from '../platform/actor.ts';
import type { AppDeps } from '../platform/context.ts';
import { ConflictError, NotFoundError, ValidationError } from '../platform/errors.ts';
import { contactSummary } from './contact-dto.ts';
import type { CreateContactSchema, NoteInputSchema, UpdateContactSchema } from './contacts.schemas.ts';
import { getContact } from './query-contacts.ts';

/** An agent adds a contact by hand; an existing phone or email answers 409 with the contact that holds it. */
export async function createContact(deps: AppDeps, input: z.output<typeof CreateContactSchema>, actor: Actor) {
  return deps.db.transaction(async (tx) => {
    for (const [channel, value] of [
      ['phone', input.phone],
      ['email', input.email],
    ] as const) {
      if (!value) continue;
      const [held] = await tx
        .select({ contactId: contactIdentities.contactId })
        .from(contactIdentities)
        .where(and(eq(contactIdentities.channel, channel), eq(contactIdentities.externalId, value)));
      if (held) {
        throw new ConflictError(
          'contact_exists',
          channel === 'phone' ? 'Số điện thoại đã có trong danh bạ' : 'Email đã có trong danh bạ',
          { contactId: held.contactId },
        );
      }
    }
    const [c] = await tx
      .insert(contacts)
      .values({
        fullName: input.fullName,
        phone: input.phone ?? null,
        email: input.email ?? null,
        tags: input.tags ?? [],
        notes: input.notes ?? null,
        ownerStaffId: actor.staffId,
      })
      .returning();
    const ids = [
      input.phone ? { channel: 'phone' as const, externalId: input.phone } : undefined,
      input.email ? { channel: 'email' as const, externalId: input.email } : undefined,
    ].filter((x) => x !== undefined);
    if (ids.length) {
      await tx.insert(contactIdentities).values(ids.map((i) => ({ ...i, contactId: c!.id, source: 'staff' })));
    }
    await recordAudit(tx, {
      action: 'contact.create',
      actorStaffId: actor.staffId,
      subjectType: 'contact',
      subjectId: c!.id,
      requestId: actor.requestId,
      ip: actor.ip,
    });
    return contactSummary(c!);
  });
}

/**
 * Edits a contact. A new phone or email also becomes an identity when no other contact holds it (when one does,
 * the two surface as a merge suggestion instead).
 */
export async function updateContact(
  deps: AppDeps,
  id: string,
  input: z.output<typeof UpdateContactSchema>,
  actor: Actor,
) {
  await deps.db.transaction(async (tx) => {
    const [c] = await tx.select().from(contacts).where(eq(contacts.id, id)).for('update');
    if (!c) throw new NotFoundError('Không tìm thấy liên hệ', 'contact_not_found');
    if (c.mergedIntoId) {
      throw new ConflictError('contact_merged', 'Liên hệ này đã được gộp; hãy sửa liên hệ được gộp vào', {
        mergedIntoId: c.mergedIntoId,
      });
    }
    if (input.ownerStaffId) {
      const [s] = await tx.select({ id: staffUsers.id }).from(staffUsers).where(eq(staffUsers.id, input.ownerStaffId));
      if (!s) throw new ValidationError('Nhân viên phụ trách không tồn tại');
    }
    await tx.update(contacts).set(input).where(eq(contacts.id, id));
    for (const [channel, value] of [
      ['phone', input.phone],
      ['email', input.email],
    ] as const) {
      if (value) {
        await tx
          .insert(contactIdentities)
          .values({ contactId: id, channel, externalId: value, source: 'staff' })
          .onConflictDoNothing();
      }
    }
    await recordAudit(tx, {
      action: 'contact.update',
      actorStaffId: actor.staffId,
      subjectType: 'contact',
      subjectId: id,
      requestId: actor.requestId,
      ip: actor.ip,
      detail: { fields: Object.keys(input) },
    });
  });
  return getContact(deps, id);
}

async function liveContact(deps: AppDeps, id: string) {
  const [c] = await deps.db.select({ id: contacts.id }).from(contacts).where(eq(contacts.id, id));
  if (!c) throw new NotFoundError('Không tìm thấy liên hệ', 'contact_not_found');
}

export async function addNote(deps: AppDeps, contactId: string, input: z.output<typeof NoteInputSchema>, actor: Actor) {
  await liveContact(deps, contactId);
  return deps.db.transaction(async (tx) => {
    const [n] = await tx
      .insert(contactNotes)
      .values({ contactId, kind: input.kind, body: input.body, authorStaffId: actor.staffId })
      .returning();
    await recordAudit(tx, {
      action: 'contact.note_add',
      actorStaffId: actor.staffId,
      subjectType: 'contact',
      subjectId: contactId,
      requestId: actor.requestId,
      detail: { noteId: n!.id, kind: input.kind },
    });
    return n!.id;
  });
}

export async function updateNote(
  deps: AppDeps,
  contactId: string,
  noteId: string,
  input: Partial<z.output<typeof NoteInputSchema>>,
  actor: Actor,
) {
  await deps.db.transaction(async (tx) => {
    const r = await tx
      .update(contactNotes)
      .set(input)
      .where(and(eq(contactNotes.id, noteId), eq(contactNotes.contactId, contactId)))
      .returning({ id: contactNotes.id });
    if (r.length === 0) throw new NotFoundError('Không tìm thấy ghi chú');
    await recordAudit(tx, {
      action: 'contact.note_update',
      actorStaffId: actor.staffId,
      subjectType: 'contact',
      subjectId: contactId,
      requestId: actor.requestId,
      detail: { noteId },
    });
  });
}

export async function deleteNote(deps: AppDeps, contactId: string, noteId: string, actor: Actor) {
  await deps.db.transaction(async (tx) => {
    const r = await tx
      .delete(contactNotes)
      .where(and(eq(contactNotes.id, noteId), eq(contactNotes.contactId, contactId)))
      .returning({ id: contactNotes.id });
    if (r.length === 0) throw new NotFoundError('Không tìm thấy ghi chú');
    await recordAudit(tx, {
      action: 'contact.note_delete',
      actorStaffId: actor.staffId,
      subjectType: 'contact',
      subjectId: contactId,
      requestId: actor.requestId,
      detail: { noteId },
    });
  });
}

/** "Not the same person": the pair stops being suggested. */
export async function dismissSuggestion(deps: AppDeps, a: string, b: string, actor: Actor) {
  if (a === b) throw new ValidationError('Hai liên hệ phải khác nhau');
  const [x, y] = a < b ? [a, b] : [b, a];
  await deps.db.transaction(async (tx) => {
    const found = await tx.select({ id: contacts.id }).from(contacts).where(sql`${contacts.id} in (${x}, ${y})`);
    if (found.length !== 2) throw new NotFoundError('Không tìm thấy liên hệ', 'contact_not_found');
    await tx
      .insert(contactMergeDismissals)
      .values({ contactIdA: x, contactIdB: y, dismissedByStaffId: actor.staffId })
      .onConflictDoNothing();
    await recordAudit(tx, {
      action: 'contact.merge_dismiss',
      actorStaffId: actor.staffId,
      subjectType: 'contact',
      subjectId: x,
      requestId: actor.requestId,
      detail: { otherContactId: y },
    });
  });
}
