import { sql } from 'drizzle-orm';
import { boolean, index, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
import { appointments } from './booking.ts';
import { createdAt, timestamptz } from './columns.ts';
import { contacts, patients } from './contacts.ts';

/**
 * The Mini App's notification inbox: what the patient reads inside the app, with read state. Delivery over
 * ZNS / OA / Mini App push is the notifications table's business; this is the in-app copy.
 */
export const patientNotifications = pgTable(
  'patient_notifications',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    contactId: uuid('contact_id')
      .notNull()
      .references(() => contacts.id, { onDelete: 'cascade' }),
    patientId: uuid('patient_id').references(() => patients.id, { onDelete: 'set null' }),
    appointmentId: uuid('appointment_id').references(() => appointments.id, { onDelete: 'set null' }),
    /** e.g. appointment.confirmed, result.ready */
    kind: text('kind').notNull(),
    title: text('title').notNull(),
    body: text('body').notNull(),
    /** In-app path to open, e.g. /appointments/<id> */
    link: text('link'),
    /** Lets an outbox consumer write the same notice twice without duplicating it. */
    dedupeKey: text('dedupe_key').unique('patient_notifications_dedupe_uq'),
    readAt: timestamptz('read_at'),
    createdAt: createdAt(),
  },
  (t) => [
    index('patient_notifications_contact_idx').on(t.contactId, t.createdAt),
    index('patient_notifications_unread_idx').on(t.contactId).where(sql`${t.readAt} is null`),
  ],
);

export const miniappPermissionScopes = ['user_info', 'phone', 'notifications'] as const;
export type MiniappPermissionScope = (typeof miniappPermissionScopes)[number];

/**
 * What the patient allowed inside the Mini App (Zalo's scope.userInfo, scope.userPhonenumber, notifications), the
 * reason they were shown and when: the proof Decree 13 asks for. The history is in audit_log.
 */
export const miniappPermissions = pgTable(
  'miniapp_permissions',
  {
    contactId: uuid('contact_id')
      .notNull()
      .references(() => contacts.id, { onDelete: 'cascade' }),
    scope: text('scope').$type<MiniappPermissionScope>().notNull(),
    granted: boolean('granted').notNull(),
    /** The purpose text shown to the patient when asking. */
    reasonShown: text('reason_shown'),
    decidedAt: timestamptz('decided_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.contactId, t.scope] })],
);
