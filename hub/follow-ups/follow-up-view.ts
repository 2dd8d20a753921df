import { eq, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { DbOrTx } from '../../db/client.ts';
import { appointments, contacts, followUpTasks, patients, servicePackages, staffUsers } from '../../db/schema/index.ts';

const assignee = alias(staffUsers, 'assignee');

/** Task rows as the console shows them, with the person, the visit and the assignee. */
export async function loadFollowUps(db: DbOrTx, where: SQL | undefined, opts: { limit?: number } = {}) {
  const q = db
    .select({
      t: followUpTasks,
      contactName: contacts.fullName,
      contactPhone: contacts.phone,
      patientName: patients.fullName,
      bookingCode: appointments.bookingCode,
      startsAt: appointments.startsAt,
      packageName: servicePackages.name,
      assigneeName: assignee.fullName,
    })
    .from(followUpTasks)
    .innerJoin(contacts, eq(contacts.id, followUpTasks.contactId))
    .leftJoin(patients, eq(patients.id, followUpTasks.patientId))
    .leftJoin(appointments, eq(appointments.id, followUpTasks.appointmentId))
    .leftJoin(servicePackages, eq(servicePackages.id, appointments.packageId))
    .leftJoin(assignee, eq(assignee.id, followUpTasks.assigneeStaffId))
    .where(where)
    .orderBy(followUpTasks.dueDate, followUpTasks.id);
  const rows = opts.limit ? await q.limit(opts.limit) : await q;
  return rows.map((r) => ({
    id: r.t.id,
    kind: r.t.kind,
    source: r.t.source,
    status: r.t.status,
    dueDate: r.t.dueDate,
    note: r.t.note,
    outcome: r.t.outcome,
    contact: { id: r.t.contactId, fullName: r.contactName, phone: r.contactPhone },
    patient: r.t.patientId && r.patientName ? { id: r.t.patientId, fullName: r.patientName } : null,
    appointment:
      r.t.appointmentId && r.bookingCode && r.startsAt
        ? {
            id: r.t.appointmentId,
            bookingCode: r.bookingCode,
            startsAt: r.startsAt.toISOString(),
            packageName: r.packageName,
          }
        : null,
    noteId: r.t.noteId,
    assignee: r.t.assigneeStaffId && r.assigneeName ? { id: r.t.assigneeStaffId, fullName: r.assigneeName } : null,
    closedAt: r.t.closedAt?.toISOString() ?? null,
    createdAt: r.t.createdAt.toISOString(),
  }));
}

export type FollowUpView = Awaited<ReturnType<typeof loadFollowUps>>[number];

export async function loadFollowUp(db: DbOrTx, id: string): Promise<FollowUpView | undefined> {
  return (await loadFollowUps(db, eq(followUpTasks.id, id)))[0];
}
