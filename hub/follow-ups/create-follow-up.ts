import { and, eq } from 'drizzle-orm';
import { contactNotes, contacts, followUpTasks, patients, staffUsers } from '../../db/schema/index.ts';
import { recordAudit } from '../audit/record-audit.ts';
import type { AppDeps } from '../platform/context.ts';
import { NotFoundError, ValidationError } from '../platform/errors.ts';
import type { StaffActor } from './follow-up-actor.ts';
import { type FollowUpView, loadFollowUp } from './follow-up-view.ts';
import type { CreateFollowUpInput } from './follow-ups.schemas.ts';

/**
 * A task an agent makes by hand, usually from a contact's re-marketing note ("gọi lại tư vấn gói tầm soát tháng 6"):
 * the note's text becomes the task's note unless one is given, and the contact's owner takes it unless told otherwise.
 */
export async function createFollowUp(
  deps: AppDeps,
  input: CreateFollowUpInput,
  actor: StaffActor,
): Promise<FollowUpView> {
  const id = await deps.db.transaction(async (tx) => {
    const [contact] = await tx
      .select({ id: contacts.id, mergedIntoId: contacts.mergedIntoId, ownerStaffId: contacts.ownerStaffId })
      .from(contacts)
      .where(eq(contacts.id, input.contactId));
    if (!contact) throw new NotFoundError('Không tìm thấy khách hàng', 'contact_not_found');
    if (contact.mergedIntoId) throw new ValidationError('Khách hàng này đã được gộp vào hồ sơ khác');
    let note = input.note ?? null;
    if (input.noteId) {
      const [n] = await tx
        .select({ body: contactNotes.body, kind: contactNotes.kind })
        .from(contactNotes)
        .where(and(eq(contactNotes.id, input.noteId), eq(contactNotes.contactId, input.contactId)));
      if (!n) throw new NotFoundError('Không tìm thấy ghi chú của khách hàng này', 'note_not_found');
      if (n.kind !== 'remarketing') throw new ValidationError('Chỉ tạo việc chăm sóc từ ghi chú tái tiếp thị');
      note ??= n.body;
    }
    if (input.patientId) {
      const [p] = await tx
        .select({ id: patients.id })
        .from(patients)
        .where(and(eq(patients.id, input.patientId), eq(patients.contactId, input.contactId)));
      if (!p) throw new ValidationError('Hồ sơ bệnh nhân không thuộc khách hàng này');
    }
    // no assignee given: the contact's owner, as for tasks from visits; an explicit null leaves it for anyone
    const assigneeStaffId = input.assigneeStaffId === undefined ? contact.ownerStaffId : input.assigneeStaffId;
    if (input.assigneeStaffId) await activeStaff(tx, input.assigneeStaffId);
    const [row] = await tx
      .insert(followUpTasks)
      .values({
        contactId: input.contactId,
        patientId: input.patientId ?? null,
        noteId: input.noteId ?? null,
        kind: input.kind,
        source: 'remarketing_note',
        dueDate: input.dueDate,
        note,
        assigneeStaffId,
        createdByStaffId: actor.staffId,
      })
      .returning({ id: followUpTasks.id });
    await recordAudit(tx, {
      action: 'follow_up.create',
      actorStaffId: actor.staffId,
      subjectType: 'follow_up_task',
      subjectId: row!.id,
      ip: actor.ip,
      requestId: actor.requestId,
      detail: { contactId: input.contactId, noteId: input.noteId ?? null, kind: input.kind },
    });
    return row!.id;
  });
  return (await loadFollowUp(deps.db, id))!;
}

export async function activeStaff(tx: Parameters<typeof recordAudit>[0], staffId: string): Promise<void> {
  const [s] = await tx.select({ active: staffUsers.active }).from(staffUsers).where(eq(staffUsers.id, staffId));
  if (!s?.active) throw new ValidationError('Nhân viên được giao không tồn tại hoặc đã bị khoá');
}
