import { and, desc, eq, ne, sql } from 'drizzle-orm';
import type { PgUpdateSetSource } from 'drizzle-orm/pg-core';
import type { DbOrTx } from '../../db/client.ts';
import {
  type Channel,
  type ConversationKind,
  type ConversationPriority,
  contacts,
  conversations,
  type DeliveryState,
  type MessageAttachment,
  type MessageMeta,
  messages,
} from '../../db/schema/index.ts';
import type { AppDeps } from '../platform/context.ts';
import { windowRules } from './conversation-dto.ts';
import type { Effects } from './effects.ts';
import { windowExpiry } from './messaging-window.ts';
import { slaDue, teamForChannel } from './team-policy.ts';

export interface RecordMessageInput {
  contactId: string;
  channel: Channel;
  inboxKey: string | null;
  direction: 'in' | 'out';
  authorKind: 'contact' | 'agent' | 'system';
  authorStaffId?: string | null;
  contentType: string;
  body: string | null;
  attachments?: MessageAttachment[];
  providerMessageId?: string;
  meta?: MessageMeta;
  deliveryState?: DeliveryState;
  /** when the person acted, as the provider says (window and SLA clocks start there) */
  at: Date;
  /** a person's message (opens the window, counts as unread); false for echoes and call records */
  fromPerson: boolean;
  /** thread into this conversation (email In-Reply-To), reopening it if resolved */
  conversationId?: string;
  /** always open a new ticket (hotline call, web form) */
  newConversation?: boolean;
  kind?: ConversationKind;
  priority?: ConversationPriority;
  subject?: string | null;
  /** the agent who takes a new ticket (the one recording a call) */
  assignTo?: string;
  /** ticket resolved on the spot (a call handled while on the line) */
  resolved?: boolean;
}

export interface RecordedMessage {
  conversationId: string;
  messageId: string;
  duplicate: boolean;
  createdConversation: boolean;
}

type ConversationRow = typeof conversations.$inferSelect;

/** The conversation a message belongs to: the email thread, or the contact's open one on the channel. */
async function findConversation(tx: DbOrTx, input: RecordMessageInput): Promise<ConversationRow | undefined> {
  if (input.conversationId) {
    const [c] = await tx.select().from(conversations).where(eq(conversations.id, input.conversationId)).for('update');
    if (c) return c;
  }
  if (input.newConversation) return undefined;
  const [c] = await tx
    .select()
    .from(conversations)
    .where(
      and(
        eq(conversations.contactId, input.contactId),
        eq(conversations.channel, input.channel),
        input.inboxKey ? eq(conversations.inboxKey, input.inboxKey) : sql`true`,
        ne(conversations.status, 'resolved'),
      ),
    )
    .orderBy(desc(conversations.createdAt))
    .limit(1)
    .for('update');
  return c;
}

/** The row of a new ticket: its team (by channel), assignee if given, and SLA due times. */
export function newConversationRow(
  input: RecordMessageInput,
  at: Date,
  policy: { teamId: string } | null | undefined,
  due: { firstResponseDueAt: Date | null; resolutionDueAt: Date | null },
) {
  const assigned = input.assignTo ?? null;
  return {
    contactId: input.contactId,
    channel: input.channel,
    inboxKey: input.inboxKey,
    kind: input.kind ?? 'inquiry',
    priority: input.priority ?? 'normal',
    subject: input.subject ?? null,
    teamId: policy?.teamId ?? null,
    assigneeStaffId: assigned,
    assignedAt: assigned ? at : null,
    waitingSince: assigned ? null : at,
    status: input.resolved ? ('resolved' as const) : ('open' as const),
    resolvedAt: input.resolved ? at : null,
    firstResponseDueAt: due.firstResponseDueAt,
    resolutionDueAt: due.resolutionDueAt,
  };
}

/** A new ticket with its team (by channel) and SLA due times. */
async function createConversation(
  tx: DbOrTx,
  deps: AppDeps,
  input: RecordMessageInput,
  at: Date,
): Promise<ConversationRow> {
  const policy = await teamForChannel(tx, input.channel);
  const due = await slaDue(tx, policy, at, deps.config.CLINIC_TIMEZONE);
  const [c] = await tx
    .insert(conversations)
    .values(newConversationRow(input, at, policy, due))
    .returning();
  return c!;
}

/**
 * Stores one message on the right conversation, inside the caller's transaction: finds the contact's open
 * conversation on the channel (or the email thread), or opens a ticket with its team and SLA due times. A provider
 * message id seen before is a duplicate and changes nothing. Live updates and assignment go into `effects`.
 */
export async function recordMessage(
  tx: DbOrTx,
  deps: AppDeps,
  input: RecordMessageInput,
  effects: Effects,
): Promise<RecordedMessage> {
  const now = new Date();
  const at = input.at > now ? now : input.at;
  // the conversation row's lock orders writers of an existing conversation; opening a new one is serialised per
  // person and channel, so two first messages arriving together make one ticket
  let conv = await findConversation(tx, input);
  if (!conv) {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`inbox:${input.contactId}:${input.channel}`}))`);
    conv = await findConversation(tx, input);
  }
  const duplicateOf = async () => {
    const [seen] = await tx
      .select({ id: messages.id, conversationId: messages.conversationId })
      .from(messages)
      .where(and(eq(messages.channel, input.channel), eq(messages.providerMessageId, input.providerMessageId!)));
    return seen;
  };
  // before opening a ticket, make sure the message is new (a retried event must not leave an empty ticket)
  if (!conv && input.providerMessageId) {
    const seen = await duplicateOf();
    if (seen)
      return { conversationId: seen.conversationId, messageId: seen.id, duplicate: true, createdConversation: false };
  }
  const created = !conv;
  conv ??= await createConversation(tx, deps, input, at);
  const [msg] = await tx
    .insert(messages)
    .values({
      conversationId: conv.id,
      direction: input.direction,
      authorKind: input.authorKind,
      authorStaffId: input.authorStaffId ?? null,
      channel: input.channel,
      contentType: input.contentType,
      body: input.body,
      attachments: input.attachments ?? [],
      providerMessageId: input.providerMessageId ?? null,
      deliveryState: input.deliveryState ?? null,
      sentAt: input.direction === 'out' ? at : null,
      meta: input.meta ?? {},
    })
    .onConflictDoNothing()
    .returning({ id: messages.id });
  if (!msg) {
    // the provider's message id is already stored: a re-delivery, nothing changes
    const seen = await duplicateOf();
    return { conversationId: seen!.conversationId, messageId: seen!.id, duplicate: true, createdConversation: false };
  }

  const reopened = !created && input.fromPerson && conv.status !== 'open';
  const set: PgUpdateSetSource<typeof conversations> = {
    lastMessageAt: sql`greatest(${conversations.lastMessageAt}, ${at.toISOString()}::timestamptz)`,
  };
  if (input.fromPerson) {
    set.lastInboundAt = at;
    set.unreadCount = sql`${conversations.unreadCount} + 1`;
    set.windowExpiresAt = windowExpiry(input.channel, at, windowRules(deps.config));
  }
  if (reopened) {
    set.status = 'open';
    set.snoozedUntil = null;
    set.resolvedAt = null;
    if (!conv.assigneeStaffId) set.waitingSince = at;
    if (conv.status === 'resolved') {
      const policy = await teamForChannel(tx, input.channel);
      const due = await slaDue(tx, conv.teamId === policy?.teamId ? policy : null, at, deps.config.CLINIC_TIMEZONE);
      set.resolutionDueAt = due.resolutionDueAt;
      set.resolutionBreachedAt = null;
    }
  }
  if (created && !input.fromPerson) set.lastMessageAt = at;
  const updateConversation = tx.update(conversations).set(set).where(eq(conversations.id, conv.id));
  if (input.fromPerson) {
    // one round trip for both rows
    await tx.execute(sql`with c as (${updateConversation.getSQL()} returning 1)
      update ${contacts} set last_interaction_at = greatest(last_interaction_at, ${at.toISOString()}::timestamptz)
      where id = ${input.contactId}`);
  } else {
    await updateConversation;
  }

  const status = reopened ? 'open' : conv.status;
  effects.events.push({
    type: created ? 'conversation.created' : 'conversation.updated',
    conversationId: conv.id,
    status,
    assigneeStaffId: conv.assigneeStaffId,
    teamId: conv.teamId,
  });
  effects.events.push({
    type: 'message.created',
    conversationId: conv.id,
    messageId: msg.id,
    direction: input.direction,
  });
  // a conversation that starts waiting now may be assigned; one already waiting is the sweep's (or an agent's) to take
  if (conv.teamId && !conv.assigneeStaffId && status === 'open' && (created || reopened)) {
    effects.assignTeams.add(conv.teamId);
  }
  return { conversationId: conv.id, messageId: msg.id, duplicate: false, createdConversation: created };
}
