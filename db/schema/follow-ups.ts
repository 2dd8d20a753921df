import { sql } from 'drizzle-orm';
import { boolean, check, date, index, pgEnum, pgTable, smallint, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { appointments } from './booking.ts';
import { departments, servicePackages } from './catalog.ts';
import { createdAt, timestamptz, updatedAt } from './columns.ts';
import { contactNotes, contacts, patients } from './contacts.ts';
import { staffUsers } from './staff.ts';

/** What the care team is asked to do; labels live with the console. */
export const followUpKinds = ['call_after_procedure', 'call_after_visit', 'remarketing', 'other'] as const;
export type FollowUpKind = (typeof followUpKinds)[number];

export const followUpStatus = pgEnum('follow_up_status', ['open', 'done', 'cancelled']);
export type FollowUpStatus = (typeof followUpStatus.enumValues)[number];

export const followUpSource = pgEnum('follow_up_source', ['visit_rule', 'remarketing_note']);
export type FollowUpSource = (typeof followUpSource.enumValues)[number];

/**
 * After-visit care rules: when a visit of this package (or, without a package rule, of this department) is
 * completed, a task of `kind` falls due `days_after` clinic days later. A package rule wins over its department's.
 */
export const followUpRules = pgTable(
  'follow_up_rules',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    packageId: uuid('package_id').references(() => servicePackages.id, { onDelete: 'cascade' }),
    departmentId: uuid('department_id').references(() => departments.id, { onDelete: 'cascade' }),
    kind: text('kind').$type<FollowUpKind>().notNull(),
    daysAfter: smallint('days_after').notNull(),
    /** What to ask or check on the call, shown on the task. */
    instructions: text('instructions'),
    active: boolean('active').notNull().default(true),
    createdByStaffId: uuid('created_by_staff_id').references(() => staffUsers.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('follow_up_rules_package_idx').on(t.packageId),
    index('follow_up_rules_department_idx').on(t.departmentId),
    check('follow_up_rules_scope', sql`(${t.packageId} is null) <> (${t.departmentId} is null)`),
    check('follow_up_rules_days', sql`${t.daysAfter} between 0 and 365`),
  ],
);

/** One thing to do for one person by a date: call after a procedure, follow up a re-marketing note. */
export const followUpTasks = pgTable(
  'follow_up_tasks',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    contactId: uuid('contact_id')
      .notNull()
      .references(() => contacts.id, { onDelete: 'cascade' }),
    patientId: uuid('patient_id').references(() => patients.id, { onDelete: 'set null' }),
    appointmentId: uuid('appointment_id').references(() => appointments.id, { onDelete: 'set null' }),
    noteId: uuid('note_id').references(() => contactNotes.id, { onDelete: 'set null' }),
    ruleId: uuid('rule_id').references(() => followUpRules.id, { onDelete: 'set null' }),
    kind: text('kind').$type<FollowUpKind>().notNull(),
    source: followUpSource('source').notNull(),
    /** Clinic-local date the task is due. */
    dueDate: date('due_date', { mode: 'string' }).notNull(),
    note: text('note'),
    assigneeStaffId: uuid('assignee_staff_id').references(() => staffUsers.id, { onDelete: 'set null' }),
    status: followUpStatus('status').notNull().default('open'),
    /** What came of it ("đã gọi, bệnh nhân ổn"), written when done or cancelled. */
    outcome: text('outcome'),
    closedAt: timestamptz('closed_at'),
    closedByStaffId: uuid('closed_by_staff_id').references(() => staffUsers.id, { onDelete: 'set null' }),
    createdByStaffId: uuid('created_by_staff_id').references(() => staffUsers.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    // a completed visit makes each kind of task once, however often its event is delivered
    uniqueIndex('follow_up_tasks_visit_kind_uq').on(t.appointmentId, t.kind).where(sql`${t.source} = 'visit_rule'`),
    index('follow_up_tasks_open_due_idx').on(t.dueDate, t.id).where(sql`${t.status} = 'open'`),
    index('follow_up_tasks_assignee_idx').on(t.assigneeStaffId, t.status, t.dueDate),
    index('follow_up_tasks_contact_idx').on(t.contactId),
  ],
);
