import { sql } from 'drizzle-orm';
import {
  type AnyPgColumn,
  bigserial,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { createdAt, timestamptz, updatedAt } from './columns.ts';
import { patients } from './contacts.ts';

export const integrationDirection = pgEnum('integration_direction', ['inbound', 'outbound']);
export type IntegrationDirection = (typeof integrationDirection.enumValues)[number];

/**
 * Outbound: pending → sent → acked (AA/CA) | nacked (AE/AR, or out of retries) — a nacked message is parked for a
 * human. Inbound: received (stored; in enhanced mode already answered CA) → processed | failed (refused at intake with
 * AE/AR/CE/CR, or failed when processed).
 */
export const integrationStatus = pgEnum('integration_status', [
  'pending',
  'sent',
  'acked',
  'nacked',
  'received',
  'processed',
  'failed',
]);
export type IntegrationStatus = (typeof integrationStatus.enumValues)[number];

/**
 * Every HL7 message in or out, stored before it is sent or processed. Outbound rows keep their MSH-10 for all retries
 * (the receiver de-duplicates on it); inbound rows are de-duplicated on (peer, direction, control_id), where peer is
 * the sender's "MSH-3|MSH-4", and a duplicate gets the stored ACK back instead of being processed again.
 */
export const integrationMessages = pgTable(
  'integration_messages',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    peer: text('peer').notNull(),
    direction: integrationDirection('direction').notNull(),
    /** e.g. SIU^S12, ORU^R01, ADT^A28 */
    messageType: text('message_type').notNull(),
    /** MSH-10 */
    controlId: text('control_id').notNull(),
    /** The ER7 text exactly as sent or received (UTF-8). */
    payload: text('payload').notNull(),
    /** MSA-1 of the ACK we received (outbound) or returned (inbound), and that ACK's full text. */
    ackCode: text('ack_code'),
    ackPayload: text('ack_payload'),
    /**
     * Inbound, enhanced mode: the application ACK (AA/AE/AR) built after processing when MSH-16 asks for one — the
     * commit ACK (CA) already answered on the connection stays in ack_code/ack_payload for replays.
     */
    appAckCode: text('app_ack_code'),
    appAckPayload: text('app_ack_payload'),
    status: integrationStatus('status').notNull(),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamptz('next_attempt_at'),
    lastError: text('last_error'),
    /** What the message is about (appointment, patient, order, result) so its history can be shown on that record. */
    correlationType: text('correlation_type'),
    correlationId: text('correlation_id'),
    /** The patient the message is about, for the integration monitor's filter and the patient's history. */
    patientId: uuid('patient_id').references(() => patients.id, { onDelete: 'set null' }),
    /**
     * Outbound: messages with the same key go out strictly one after another in `seq` order (message n+1 waits until n
     * is acknowledged). The HIS push uses one key per patient, so an ADT always precedes the patient's SIU messages.
     */
    orderingKey: text('ordering_key'),
    seq: bigserial('seq', { mode: 'number' }).notNull(),
    /** A replay of a parked message is a new row (fresh MSH-10) that takes the parked one's place in the order. */
    replayOfId: uuid('replay_of_id').references((): AnyPgColumn => integrationMessages.id, { onDelete: 'set null' }),
    replacedById: uuid('replaced_by_id').references((): AnyPgColumn => integrationMessages.id, {
      onDelete: 'set null',
    }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    sentAt: timestamptz('sent_at'),
    ackedAt: timestamptz('acked_at'),
    processedAt: timestamptz('processed_at'),
  },
  (t) => [
    uniqueIndex('integration_messages_peer_dir_control_uq').on(t.peer, t.direction, t.controlId),
    index('integration_messages_status_idx').on(t.status, t.createdAt),
    index('integration_messages_type_idx').on(t.messageType, t.createdAt),
    index('integration_messages_peer_idx').on(t.peer, t.createdAt),
    index('integration_messages_created_idx').on(t.createdAt),
    index('integration_messages_correlation_idx').on(t.correlationType, t.correlationId),
    index('integration_messages_retry_idx').on(t.nextAttemptAt).where(sql`${t.status} in ('pending', 'sent')`),
    index('integration_messages_ordering_idx').on(t.orderingKey, t.seq).where(sql`${t.orderingKey} is not null`),
    index('integration_messages_patient_idx').on(t.patientId, t.createdAt),
  ],
);

export const webhookState = pgEnum('webhook_state', ['received', 'processing', 'processed', 'failed', 'ignored']);
export type WebhookState = (typeof webhookState.enumValues)[number];

/**
 * Every provider event received, raw, written before the 200 is returned. The unique (source, dedupe_key) makes a
 * replayed or re-delivered event a no-op insert.
 */
export const webhookEvents = pgTable(
  'webhook_events',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** The provider or adapter it came in on: zalo_oa, zns, messenger, esms, speedsms, email… */
    source: text('source').notNull(),
    /** The provider's event id, or a hash of what identifies the event when it has none. */
    dedupeKey: text('dedupe_key').notNull(),
    eventType: text('event_type'),
    /** The body byte-for-byte as text: signatures are over the raw body, and re-parsing must see what arrived. */
    rawBody: text('raw_body').notNull(),
    /** Only the headers needed to re-verify or trace (signature, content type, delivery id). */
    headers: jsonb('headers').$type<Record<string, string>>().notNull().default({}),
    state: webhookState('state').notNull().default('received'),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
    receivedAt: timestamptz('received_at').notNull().defaultNow(),
    processedAt: timestamptz('processed_at'),
  },
  (t) => [
    uniqueIndex('webhook_events_source_dedupe_uq').on(t.source, t.dedupeKey),
    index('webhook_events_state_idx').on(t.state, t.receivedAt),
    index('webhook_events_received_idx').on(t.receivedAt),
  ],
);
