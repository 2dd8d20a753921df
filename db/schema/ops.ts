import { sql } from 'drizzle-orm';
import { bigint, bigserial, index, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { staffUsers } from './staff.ts';

/** Who saw or changed what. Never holds clear-text personal data in `detail`: ids and codes only. */
export const auditLog = pgTable(
  'audit_log',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    actorStaffId: uuid('actor_staff_id').references(() => staffUsers.id, { onDelete: 'set null' }),
    actorKind: text('actor_kind').notNull().default('staff'), // staff | patient | system
    action: text('action').notNull(), // e.g. auth.sign_in, auth.sign_in_failed, access.denied, result.view
    outcome: text('outcome').notNull().default('success'), // success | failure | denied
    subjectType: text('subject_type'),
    subjectId: text('subject_id'),
    ip: text('ip'),
    requestId: text('request_id'),
    detail: jsonb('detail').$type<Record<string, unknown>>().notNull().default({}),
  },
  (t) => [
    index('audit_log_at_idx').on(t.at),
    index('audit_log_actor_idx').on(t.actorStaffId, t.at),
    index('audit_log_action_idx').on(t.action, t.at),
    index('audit_log_subject_idx').on(t.subjectType, t.subjectId),
  ],
);

/**
 * Transactional outbox: written in the same transaction as the state change it announces.
 * The relay (hub/platform/outbox-relay.ts) moves unpublished rows to BullMQ with job id `evt-<id>`.
 */
export const outboxEvents = pgTable(
  'outbox_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    topic: text('topic').notNull(), // e.g. appointment.confirmed
    aggregateType: text('aggregate_type').notNull(),
    aggregateId: text('aggregate_id').notNull(),
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    publishedAt: timestamp('published_at', { withTimezone: true }),
  },
  (t) => [
    index('outbox_unpublished_idx').on(t.id).where(sql`${t.publishedAt} is null`),
    index('outbox_aggregate_idx').on(t.aggregateType, t.aggregateId),
  ],
);

/** One row per (consumer, event) handled: makes every outbox consumer idempotent. */
export const consumedEvents = pgTable(
  'consumed_events',
  {
    consumer: text('consumer').notNull(),
    eventId: bigint('event_id', { mode: 'number' }).notNull(),
    consumedAt: timestamp('consumed_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.consumer, t.eventId] })],
);
