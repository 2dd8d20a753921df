import { sql } from 'drizzle-orm';
import { bigint, boolean, index, integer, jsonb, pgEnum, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { appointments } from './booking.ts';
import { createdAt, timestamptz, updatedAt } from './columns.ts';
import { contacts } from './contacts.ts';
import { channel, consentPurpose } from './enums.ts';
import { notifications } from './notify.ts';
import { staffUsers } from './staff.ts';

/**
 * A saved audience filter. The shape is owned by hub/campaigns (parsed by its zod schema before use); stored as jsonb
 * so a segment is re-evaluated at send time instead of freezing a contact list.
 */
export const segments = pgTable('segments', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull(),
  description: text('description'),
  filter: jsonb('filter').$type<Record<string, unknown>>().notNull(),
  /** Last evaluated size, for the list view; not a source of truth. */
  lastCount: integer('last_count'),
  lastCountedAt: timestamptz('last_counted_at'),
  createdByStaffId: uuid('created_by_staff_id').references(() => staffUsers.id, { onDelete: 'set null' }),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

export const campaignStatus = pgEnum('campaign_status', [
  'draft',
  'scheduled',
  'running',
  'paused',
  'completed',
  'cancelled',
]);
export type CampaignStatus = (typeof campaignStatus.enumValues)[number];

export const campaigns = pgTable(
  'campaigns',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    description: text('description'),
    // restrict: a segment that a campaign was sent to stays, so the campaign can be explained later
    segmentId: uuid('segment_id')
      .notNull()
      .references(() => segments.id, { onDelete: 'restrict' }),
    purpose: consentPurpose('purpose').notNull().default('marketing'),
    templateKey: text('template_key').notNull(),
    params: jsonb('params').$type<Record<string, string | number>>().notNull().default({}),
    channelPlan: channel('channel_plan').array().notNull(),
    /** The SMS sent when ZNS cannot reach the person; none: ZNS only. */
    smsFallbackText: text('sms_fallback_text'),
    /** Where the tracked link (/c/:token) of every message leads. */
    targetUrl: text('target_url').notNull(),
    /** A booking by a recipient within this many days after their send is counted for the campaign. */
    attributionDays: integer('attribution_days').notNull().default(7),
    status: campaignStatus('status').notNull().default('draft'),
    scheduledAt: timestamptz('scheduled_at'),
    /** Sends per minute across all workers; providers and the clinic's own hotline capacity both cap it. */
    throttlePerMinute: integer('throttle_per_minute').notNull().default(60),
    totalRecipients: integer('total_recipients'),
    /** Fan-out progress: the last contact id taken (keyset), the next page, and whether the audience is all taken. */
    fanoutCursor: uuid('fanout_cursor'),
    fanoutPage: integer('fanout_page').notNull().default(0),
    fanoutDone: boolean('fanout_done').notNull().default(false),
    /** Bumped on every resume: recipient jobs of an earlier run are told apart from the new ones. */
    round: integer('round').notNull().default(0),
    createdByStaffId: uuid('created_by_staff_id').references(() => staffUsers.id, { onDelete: 'set null' }),
    startedAt: timestamptz('started_at'),
    completedAt: timestamptz('completed_at'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('campaigns_status_scheduled_idx').on(t.status, t.scheduledAt)],
);

export const campaignRecipientState = pgEnum('campaign_recipient_state', [
  'pending',
  'queued',
  'sent',
  'delivered',
  'read',
  'failed',
  'skipped',
]);
export type CampaignRecipientState = (typeof campaignRecipientState.enumValues)[number];

/** The audience frozen when sending starts; unique per contact so a resumed fan-out never sends twice. */
export const campaignRecipients = pgTable(
  'campaign_recipients',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    campaignId: uuid('campaign_id')
      .notNull()
      .references(() => campaigns.id, { onDelete: 'cascade' }),
    contactId: uuid('contact_id')
      .notNull()
      .references(() => contacts.id, { onDelete: 'cascade' }),
    state: campaignRecipientState('state').notNull().default('pending'),
    notificationId: uuid('notification_id').references(() => notifications.id, { onDelete: 'set null' }),
    /** Why a recipient was skipped (no_consent, no_identity, opted_out…) or failed. */
    reason: text('reason'),
    /** The tracked link's token (/c/:token): unguessable, one per recipient. */
    clickToken: text('click_token').notNull(),
    channel: channel('channel'),
    providerCode: text('provider_code'),
    costVnd: bigint('cost_vnd', { mode: 'number' }),
    sentAt: timestamptz('sent_at'),
    deliveredAt: timestamptz('delivered_at'),
    readAt: timestamptz('read_at'),
    clickedAt: timestamptz('clicked_at'),
    /** The first appointment the contact created within the attribution window after their send. */
    bookedAt: timestamptz('booked_at'),
    bookedAppointmentId: uuid('booked_appointment_id').references(() => appointments.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('campaign_recipients_campaign_contact_uq').on(t.campaignId, t.contactId),
    uniqueIndex('campaign_recipients_click_token_uq').on(t.clickToken),
    index('campaign_recipients_notification_idx').on(t.notificationId).where(sql`${t.notificationId} is not null`),
    index('campaign_recipients_campaign_state_idx').on(t.campaignId, t.state),
    index('campaign_recipients_contact_idx').on(t.contactId),
  ],
);
