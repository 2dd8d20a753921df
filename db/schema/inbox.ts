import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  customType,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
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
    /** When it started waiting for an agent (unassigned and open); round-robin serves the oldest first. */
    waitingSince: timestamptz('waiting_since'),
    assignedAt: timestamptz('assigned_at'),
    /** Set by the SLA scan when the due time passed without a first reply / without resolution. */
    firstResponseBreachedAt: timestamptz('first_response_breached_at'),
    resolutionBreachedAt: timestamptz('resolution_breached_at'),
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
    index('conversations_waiting_idx')
      .on(t.teamId, t.waitingSince)
      .where(sql`${t.assigneeStaffId} is null and ${t.status} = 'open'`),
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
  /** attachment_blobs id when the hub keeps the bytes (email); the url then points at the hub's own route */
  blobId?: string;
  thumbnailUrl?: string;
  /** location attachments */
  latitude?: number;
  longitude?: number;
}

/** Channel details of one message that do not deserve columns. */
export interface MessageMeta {
  /** email threading: our or their Message-ID, In-Reply-To and References */
  email?: { subject?: string; messageId?: string; inReplyTo?: string; references?: string[]; from?: string };
  /** Messenger tag the reply went out with (outside the 24-hour window) */
  messagingTag?: string;
  /** Zalo quota report of a consultation message */
  quota?: Record<string, string>;
  /** a message the business sent outside the hub (Zalo OA admin page, Meta Business Suite) */
  echo?: boolean;
  /** postback payload, sticker id, quick reply payload */
  payload?: string;
  /** the staff mentioned in a private note */
  mentions?: string[];
  /** the person's id on the channel (Zalo user_id, PSID) the message came from or goes to */
  externalId?: string;
  /** delivery attempts of an outbound message */
  attempts?: number;
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
    meta: jsonb('meta').$type<MessageMeta>().notNull().default({}),
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

/** Staff mentioned in a private note; unread ones are the person's mention inbox. */
export const messageMentions = pgTable(
  'message_mentions',
  {
    messageId: uuid('message_id')
      .notNull()
      .references(() => messages.id, { onDelete: 'cascade' }),
    staffId: uuid('staff_id')
      .notNull()
      .references(() => staffUsers.id, { onDelete: 'cascade' }),
    conversationId: uuid('conversation_id')
      .notNull()
      .references(() => conversations.id, { onDelete: 'cascade' }),
    createdAt: createdAt(),
    readAt: timestamptz('read_at'),
  },
  (t) => [
    primaryKey({ columns: [t.messageId, t.staffId] }),
    index('message_mentions_staff_idx').on(t.staffId, t.createdAt),
  ],
);

/** Saved replies with {{variables}}; a null team makes one visible to every team. */
export const cannedResponses = pgTable(
  'canned_responses',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** typed after "/" in the composer */
    shortcut: text('shortcut').notNull(),
    title: text('title').notNull(),
    body: text('body').notNull(),
    teamId: uuid('team_id').references(() => teams.id, { onDelete: 'cascade' }),
    createdByStaffId: uuid('created_by_staff_id').references(() => staffUsers.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('canned_responses_shortcut_uq').on(sql`lower(${t.shortcut})`)],
);

/** The labels agents may put on conversations. */
export const inboxLabels = pgTable(
  'inbox_labels',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    /** a CSS colour for the console, e.g. #e8590c */
    color: text('color').notNull().default('#868e96'),
    description: text('description'),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('inbox_labels_name_uq').on(sql`lower(${t.name})`)],
);

/** Opening hours an SLA clock runs in, per ISO weekday (1 = Monday … 7 = Sunday), clinic time zone. */
export interface BusinessHours {
  weekly: Partial<Record<'1' | '2' | '3' | '4' | '5' | '6' | '7', [string, string][]>>;
  /** skip the clinic-wide days_off (public holidays, closures) */
  skipDaysOff: boolean;
}

/** How a team works its inbox: which channels land there, automatic assignment, and its SLA. */
export const teamInboxPolicies = pgTable(
  'team_inbox_policies',
  {
    teamId: uuid('team_id')
      .primaryKey()
      .references(() => teams.id, { onDelete: 'cascade' }),
    /** new conversations on these channels go to this team */
    channels: channel('channels').array().notNull().default(sql`'{}'::channel[]`),
    autoAssign: boolean('auto_assign').notNull().default(true),
    firstResponseMinutes: integer('first_response_minutes').notNull().default(30),
    resolutionMinutes: integer('resolution_minutes').notNull().default(1440),
    businessHours: jsonb('business_hours').$type<BusinessHours>().notNull(),
    updatedAt: updatedAt(),
  },
  (t) => [check('team_inbox_policies_minutes', sql`${t.firstResponseMinutes} > 0 and ${t.resolutionMinutes} > 0`)],
);

/** Round-robin bookkeeping per agent: who got a conversation least recently goes next. */
export const agentInboxState = pgTable('agent_inbox_state', {
  staffId: uuid('staff_id')
    .primaryKey()
    .references(() => staffUsers.id, { onDelete: 'cascade' }),
  lastAssignedAt: timestamptz('last_assigned_at'),
});

const bytea = customType<{ data: Buffer; driverData: Buffer }>({ dataType: () => 'bytea' });

/** Attachment bytes the hub keeps itself (email attachments), served to staff by an authorised route. */
export const attachmentBlobs = pgTable(
  'attachment_blobs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    sha256: text('sha256').notNull(),
    fileName: text('file_name').notNull(),
    mimeType: text('mime_type').notNull(),
    sizeBytes: integer('size_bytes').notNull(),
    bytes: bytea('bytes').notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('attachment_blobs_sha256_idx').on(t.sha256)],
);
