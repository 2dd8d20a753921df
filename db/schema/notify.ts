import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  smallint,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { appointments } from './booking.ts';
import { results } from './clinical.ts';
import { createdAt, timestamptz, updatedAt } from './columns.ts';
import { contacts, patients } from './contacts.ts';
import { channel, consentPurpose, deliveryState } from './enums.ts';

/**
 * pending (waiting for send_after / a worker) → sending → sent (a provider accepted it) → delivered → read.
 * failed: every channel of the plan was tried and gave up. suppressed: not sent at all (no consent, opted out, no
 * reachable identity). cancelled: the event stopped mattering first (a reminder of a cancelled visit).
 */
export const notificationState = pgEnum('notification_state', [
  'pending',
  'sending',
  'sent',
  'delivered',
  'read',
  'failed',
  'suppressed',
  'cancelled',
]);
export type NotificationState = (typeof notificationState.enumValues)[number];

/** One intent to tell a contact something, whatever channels it takes to get there. */
export const notifications = pgTable(
  'notifications',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    contactId: uuid('contact_id')
      .notNull()
      .references(() => contacts.id, { onDelete: 'cascade' }),
    patientId: uuid('patient_id').references(() => patients.id, { onDelete: 'set null' }),
    appointmentId: uuid('appointment_id').references(() => appointments.id, { onDelete: 'set null' }),
    resultId: uuid('result_id').references(() => results.id, { onDelete: 'set null' }),
    /** Which consent it needs: marketing is never sent without a grant, care/transactional follow their own rules. */
    purpose: consentPurpose('purpose').notNull(),
    /** Template key in templates/ (e.g. appointment_reminder); the per-channel variant is picked at send time. */
    templateKey: text('template_key').notNull(),
    params: jsonb('params').$type<Record<string, string | number>>().notNull().default({}),
    /** Channels in the order to try them, e.g. {zns,sms}: the next one is tried when one fails permanently. */
    channelPlan: channel('channel_plan').array().notNull(),
    state: notificationState('state').notNull().default('pending'),
    /** The channel that finally carried it. */
    deliveredVia: channel('delivered_via'),
    /**
     * Derived from the causing event (e.g. "appointment:<id>:reminder:24h"), so a replayed event or a retried job
     * cannot notify twice.
     */
    idempotencyKey: text('idempotency_key').notNull().unique('notifications_idempotency_key_uq'),
    sendAfter: timestamptz('send_after').notNull().defaultNow(),
    /** Sent in quiet hours too (care and marketing otherwise wait for the morning). */
    urgent: boolean('urgent').notNull().default(false),
    /** Index into channel_plan of the channel being tried. */
    planIndex: smallint('plan_index').notNull().default(0),
    /** Failed tries on the current channel (transient errors); reset when the plan moves on or on replay. */
    channelTries: smallint('channel_tries').notNull().default(0),
    /**
     * Bumped on every (re)schedule: a send job carries the version it was queued for, so a job for a moved reminder
     * or a superseded retry finds a newer version and does nothing.
     */
    version: integer('version').notNull().default(0),
    /** While `sending`: until when the claiming worker owns the row; after that a sweep reconciles it. */
    leaseUntil: timestamptz('lease_until'),
    lastError: text('last_error'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    completedAt: timestamptz('completed_at'),
  },
  (t) => [
    index('notifications_state_send_after_idx').on(t.state, t.sendAfter),
    index('notifications_contact_idx').on(t.contactId, t.createdAt),
    index('notifications_appointment_idx').on(t.appointmentId),
    index('notifications_lease_idx').on(t.leaseUntil).where(sql`${t.state} = 'sending'`),
    index('notifications_template_created_idx').on(t.templateKey, t.createdAt),
    index('notifications_created_idx').on(t.createdAt),
  ],
);

/** How a provider error steers the worker: next channel, wait, or retry the same one. */
export type SendErrorClass = 'permanent' | 'rate_limited' | 'transient';

/** One try on one channel; delivery webhooks find their attempt by (channel, provider_message_id). */
export const notificationAttempts = pgTable(
  'notification_attempts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    notificationId: uuid('notification_id')
      .notNull()
      .references(() => notifications.id, { onDelete: 'cascade' }),
    channel: channel('channel').notNull(),
    /** The provider and account that carried it (esms / speedsms and the brandname, the OA id…). */
    provider: text('provider'),
    account: text('account'),
    /** 1-based count of tries on this channel for this notification. */
    attemptNo: smallint('attempt_no').notNull().default(1),
    /**
     * `queued` is written and committed before the provider is called: a row still `queued` after its worker died is
     * in doubt (the provider may have taken it), and is settled by the provider's delivery report or a grace period.
     */
    state: deliveryState('state').notNull().default('queued'),
    providerMessageId: text('provider_message_id'),
    errorClass: text('error_class').$type<SendErrorClass>(),
    errorCode: text('error_code'),
    errorMessage: text('error_message'),
    /** What the provider charged, where it says (ZNS and SMS do), in whole VND. */
    costVnd: bigint('cost_vnd', { mode: 'number' }),
    createdAt: createdAt(),
    sentAt: timestamptz('sent_at'),
    deliveredAt: timestamptz('delivered_at'),
    readAt: timestamptz('read_at'),
    failedAt: timestamptz('failed_at'),
  },
  (t) => [
    uniqueIndex('notification_attempts_try_uq').on(t.notificationId, t.channel, t.attemptNo),
    uniqueIndex('notification_attempts_provider_id_uq')
      .on(t.channel, t.providerMessageId)
      .where(sql`${t.providerMessageId} is not null`),
    index('notification_attempts_state_idx').on(t.state, t.createdAt),
  ],
);
