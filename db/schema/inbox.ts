import { sql } from 'drizzle-orm';
import { index, integer, jsonb, pgEnum, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { appointments } from './booking.ts';
import { createdAt, timestamptz, updatedAt } from './columns.ts';
import { contacts } from './contacts.ts';
import { channel, deliveryState } from './enums.ts';
import { staffUsers, teams } from './staff.ts';

export const conversationKind = pgEnum('conversation_kind', [
  'inquiry',
  'booking_request',
  'complaint',
  'feedback',
  'follow_up',
]);
export type ConversationKind = (typeof conversationKind.enumValues)[number];

export const conversationStatus = pgEnum('conversation_status', ['open', 'pending', 'snoozed', 'resolved']);
export type ConversationStatus = (typeof conversationStatus.enumValues)[number];

export const conversationPriority = pgEnum('conversation_priority', ['low', 'normal', 'high', 'urgent']);
export type ConversationPriority = (typeof conversationPriority.enumValues)[number];

/** The ticket: one thread with one contact on one channel inbox. */
export const conversations = pgTable(
  'conversations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    contactId: uuid('contact_id')
      .notNull()
      .references(() => contacts.id, { onDelete: 'cascade' }),
    channel: channel('channel').notNull(),
    /** Which inbox of that channel (OA id, Facebook page id, mailbox, hotline number); null when there is only one. */
    inboxKey: text('inbox_key'),
    kind: conversationKind('kind').notNull().default('inquiry'),
    status: conversationStatus('status').notNull().default('open'),
    priority: conversationPriority('priority').notNull().default('normal'),
    subject: text('subject'),
    assigneeStaffId: uuid('assignee_staff_id').references(() => staffUsers.id, { onDelete: 'set null' }),
    teamId: uuid('team_id').references(() => teams.id, { onDelete: 'set null' }),
    labels: text('labels').array().notNull().default(sql`'{}'::text[]`),
    /** The booking a booking_request turned into, or the visit a follow-up or complaint is about. */
    appointmentId: uuid('appointment_id').references(() => appointments.id, { onDelete: 'set null' }),
    firstResponseDueAt: timestamptz('first_response_due_at'),
    firstRespondedAt: timestamptz('first_responded_at'),
    resolutionDueAt: timestamptz('resolution_due_at'),
    /** After this the channel refuses free-form replies (Zalo OA 7 days, Messenger 24 h); only templates remain. */
    windowExpiresAt: timestamptz('window_expires_at'),
    snoozedUntil: timestamptz('snoozed_until'),
    lastMessageAt: timestamptz('last_message_at'),
    lastInboundAt: timestamptz('last_inbound_at'),
    /** Inbound messages since an agent last looked; the inbox list shows it without counting messages. */
    unreadCount: integer('unread_count').notNull().default(0),
    resolvedAt: timestamptz('resolved_at'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('conversations_status_last_msg_idx').on(t.status, t.lastMessageAt.desc()),
    index('conversations_assignee_status_idx').on(t.assigneeStaffId, t.status, t.lastMessageAt.desc()),
    index('conversations_team_status_idx').on(t.teamId, t.status, t.lastMessageAt.desc()),
    index('conversations_last_msg_idx').on(t.lastMessageAt.desc()),
    index('conversations_contact_idx').on(t.contactId, t.channel, t.status),
    index('conversations_snoozed_idx').on(t.snoozedUntil).where(sql`${t.status} = 'snoozed'`),
    index('conversations_labels_idx').using('gin', t.labels),
  ],
);

export const messageDirection = pgEnum('message_direction', ['in', 'out', 'note']);
export type MessageDirection = (typeof messageDirection.enumValues)[number];

export const messageAuthorKind = pgEnum('message_author_kind', ['contact', 'agent', 'system', 'bot']);
export type MessageAuthorKind = (typeof messageAuthorKind.enumValues)[number];

export interface MessageAttachment {
  kind: 'image' | 'file' | 'audio' | 'video' | 'sticker' | 'location' | 'link';
  url: string;
  name?: string;
  mimeType?: string;
  sizeBytes?: number;
}

export const messages = pgTable(
  'messages',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    conversationId: uuid('conversation_id')
      .notNull()
      .references(() => conversations.id, { onDelete: 'cascade' }),
    direction: messageDirection('direction').notNull(),
    authorKind: messageAuthorKind('author_kind').notNull(),
    authorStaffId: uuid('author_staff_id').references(() => staffUsers.id, { onDelete: 'set null' }),
    /** Usually the conversation's channel; kept per message because a reply may go out on another (e.g. ZNS). */
    channel: channel('channel').notNull(),
    /** text, image, file, template, event… as the provider labels it. */
    contentType: text('content_type').notNull().default('text'),
    body: text('body'),
    attachments: jsonb('attachments').$type<MessageAttachment[]>().notNull().default([]),
    /** The provider's message id: how retries and webhook replays are recognised as the same message. */
    providerMessageId: text('provider_message_id'),
    /** Outbound only; null for inbound messages and notes. */
    deliveryState: deliveryState('delivery_state'),
    failureCode: text('failure_code'),
    failureReason: text('failure_reason'),
    sentAt: timestamptz('sent_at'),
    deliveredAt: timestamptz('delivered_at'),
    readAt: timestamptz('read_at'),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('messages_channel_provider_id_uq')
      .on(t.channel, t.providerMessageId)
      .where(sql`${t.providerMessageId} is not null`),
    index('messages_conversation_created_idx').on(t.conversationId, t.createdAt),
    index('messages_outbound_pending_idx')
      .on(t.deliveryState, t.createdAt)
      .where(sql`${t.deliveryState} in ('queued', 'sent')`),
  ],
);
