import { and, count, eq, gt, inArray, ne, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import { contacts, conversations, messages, staffUsers } from '../../db/schema/index.ts';
import type { Config } from '../config.ts';
import { type MessagingWindow, messagingWindow, type WindowRules } from './messaging-window.ts';

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);

export function windowRules(config: Config): WindowRules {
  return {
    zaloFreeRepliesPer48h: config.ZALO_OA_FREE_REPLIES_PER_48H,
    zaloPaidReplies: config.ZALO_OA_PAID_REPLIES,
    messengerHumanAgent: config.MESSENGER_HUMAN_AGENT,
  };
}

type ConversationRow = typeof conversations.$inferSelect;

/** The composer's window for a conversation, from its last inbound time and the replies sent since. */
export async function windowOf(
  db: DbOrTx,
  conv: Pick<ConversationRow, 'id' | 'channel' | 'lastInboundAt'>,
  config: Config,
  now = new Date(),
): Promise<MessagingWindow> {
  let replies = 0;
  if (conv.channel === 'zalo_oa' && conv.lastInboundAt) {
    const [r] = await db
      .select({ n: count() })
      .from(messages)
      .where(
        and(
          eq(messages.conversationId, conv.id),
          eq(messages.direction, 'out'),
          gt(messages.createdAt, conv.lastInboundAt),
          ne(messages.deliveryState, 'failed'),
        ),
      );
    replies = r?.n ?? 0;
  }
  return messagingWindow(conv.channel, conv.lastInboundAt, replies, now, windowRules(config));
}

export function windowDto(w: MessagingWindow) {
  return { ...w, until: iso(w.until) };
}

/** Conversations as the API shows them, with contact, assignee name and the last message's first words. */
export async function conversationDtos(db: DbOrTx, ids: string[]) {
  if (ids.length === 0) return [];
  const rows = await db
    .select({
      c: conversations,
      contact: {
        id: contacts.id,
        fullName: contacts.fullName,
        displayName: contacts.displayName,
        phone: contacts.phone,
        avatarUrl: contacts.avatarUrl,
      },
      assigneeName: staffUsers.fullName,
      preview: sql<string | null>`(select left(coalesce(m.body, '[' || m.content_type || ']'), 140) from messages m
        where m.conversation_id = ${conversations.id} and m.direction <> 'note'
        order by m.created_at desc limit 1)`,
    })
    .from(conversations)
    .innerJoin(contacts, eq(contacts.id, conversations.contactId))
    .leftJoin(staffUsers, eq(staffUsers.id, conversations.assigneeStaffId))
    .where(inArray(conversations.id, ids));
  const byId = new Map(rows.map((r) => [r.c.id, r]));
  return ids.flatMap((id) => {
    const r = byId.get(id);
    if (!r) return [];
    const c = r.c;
    return [
      {
        id: c.id,
        contact: r.contact,
        channel: c.channel,
        inboxKey: c.inboxKey,
        kind: c.kind,
        status: c.status,
        priority: c.priority,
        subject: c.subject,
        assigneeStaffId: c.assigneeStaffId,
        assigneeName: r.assigneeName,
        teamId: c.teamId,
        labels: c.labels,
        snoozedUntil: iso(c.snoozedUntil),
        lastMessageAt: iso(c.lastMessageAt),
        lastInboundAt: iso(c.lastInboundAt),
        lastMessagePreview: r.preview,
        unreadCount: c.unreadCount,
        waitingSince: iso(c.waitingSince),
        firstResponseDueAt: iso(c.firstResponseDueAt),
        firstRespondedAt: iso(c.firstRespondedAt),
        resolutionDueAt: iso(c.resolutionDueAt),
        firstResponseBreachedAt: iso(c.firstResponseBreachedAt),
        resolutionBreachedAt: iso(c.resolutionBreachedAt),
        windowExpiresAt: iso(c.windowExpiresAt),
        resolvedAt: iso(c.resolvedAt),
        createdAt: c.createdAt.toISOString(),
      },
    ];
  });
}

type MessageRow = typeof messages.$inferSelect;

export function messageDto(m: MessageRow, authorName: string | null) {
  return {
    id: m.id,
    conversationId: m.conversationId,
    direction: m.direction,
    authorKind: m.authorKind,
    authorStaffId: m.authorStaffId,
    authorName,
    channel: m.channel,
    contentType: m.contentType,
    body: m.body,
    attachments: m.attachments.map(({ blobId: _b, ...a }) => a),
    deliveryState: m.deliveryState,
    failureCode: m.failureCode,
    failureReason: m.failureReason,
    sentAt: iso(m.sentAt),
    deliveredAt: iso(m.deliveredAt),
    readAt: iso(m.readAt),
    createdAt: m.createdAt.toISOString(),
    subject: m.meta.email?.subject ?? null,
    messagingTag: m.meta.messagingTag ?? null,
    echo: m.meta.echo === true,
    mentions: m.meta.mentions ?? [],
  };
}
