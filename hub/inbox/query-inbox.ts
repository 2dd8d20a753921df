import { and, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { conversations, messageMentions, messages, staffUsers } from '../../db/schema/index.ts';
import type { AppDeps } from '../platform/context.ts';
import { decodeCursor, page } from '../platform/cursor.ts';
import { NotFoundError } from '../platform/errors.ts';
import { conversationDtos, messageDto, windowDto, windowOf } from './conversation-dto.ts';
import type { ListConversationsQuery } from './inbox.schemas.ts';

const sortKey = sql`date_trunc('milliseconds', coalesce(${conversations.lastMessageAt}, ${conversations.createdAt}))`;

/** The inbox list: filters of the console (mine, unassigned, status, channel, label, team…), latest activity first. */
export async function listConversations(deps: AppDeps, staffId: string, q: z.output<typeof ListConversationsQuery>) {
  const after = decodeCursor(q.cursor);
  const where = [
    q.assignee === 'me'
      ? eq(conversations.assigneeStaffId, staffId)
      : q.assignee === 'unassigned'
        ? isNull(conversations.assigneeStaffId)
        : q.assignee === 'all'
          ? undefined
          : eq(conversations.assigneeStaffId, q.assignee),
    q.status ? inArray(conversations.status, q.status) : undefined,
    q.channel ? eq(conversations.channel, q.channel) : undefined,
    q.label ? sql`${conversations.labels} @> array[${q.label.normalize('NFC')}]::text[]` : undefined,
    q.teamId ? eq(conversations.teamId, q.teamId) : undefined,
    q.kind ? eq(conversations.kind, q.kind) : undefined,
    q.contactId ? eq(conversations.contactId, q.contactId) : undefined,
    q.unread ? sql`${conversations.unreadCount} > 0` : undefined,
    after
      ? sql`(${sortKey}, ${conversations.id}) < (${after.at.toISOString()}::timestamptz, ${after.id}::uuid)`
      : undefined,
  ];
  const rows = await deps.db
    .select({ id: conversations.id, at: sql<string>`${sortKey}` })
    .from(conversations)
    .where(and(...where))
    .orderBy(desc(sortKey), desc(conversations.id))
    .limit(q.limit + 1);
  const p = page(rows, q.limit, (r) => ({ at: new Date(r.at), id: r.id }));
  return {
    items: await conversationDtos(
      deps.db,
      p.items.map((r) => r.id),
    ),
    nextCursor: p.nextCursor,
  };
}

/** Open-work counts for the inbox's filters; "unread" = conversations with messages no agent has looked at. */
export async function inboxCounts(deps: AppDeps, staffId: string) {
  const r = await deps.db.execute<
    {
      scope: string;
      key: string | null;
      open: number;
      unread: number;
    } & Record<string, unknown>
  >(sql`
    with active as (select * from conversations where status in ('open', 'pending'))
    select 'mine' as scope, null as key, count(*)::int as open, count(*) filter (where unread_count > 0)::int as unread
      from active where assignee_staff_id = ${staffId}
    union all
    select 'unassigned', null, count(*)::int, count(*) filter (where unread_count > 0)::int
      from active where assignee_staff_id is null
    union all
    select 'all', null, count(*)::int, count(*) filter (where unread_count > 0)::int from active
    union all
    select 'channel', channel::text, count(*)::int, count(*) filter (where unread_count > 0)::int
      from active group by channel
    union all
    select 'status', status::text, count(*)::int, 0 from conversations group by status`);
  const one = (scope: string) => {
    const x = r.rows.find((y) => y.scope === scope);
    return { open: x?.open ?? 0, unread: x?.unread ?? 0 };
  };
  const [mentions] = await deps.db
    .select({ n: sql<number>`count(*)::int` })
    .from(messageMentions)
    .where(and(eq(messageMentions.staffId, staffId), isNull(messageMentions.readAt)));
  return {
    mine: one('mine'),
    unassigned: one('unassigned'),
    all: one('all'),
    byStatus: Object.fromEntries(r.rows.filter((x) => x.scope === 'status').map((x) => [x.key!, x.open])),
    byChannel: Object.fromEntries(
      r.rows.filter((x) => x.scope === 'channel').map((x) => [x.key!, { open: x.open, unread: x.unread }]),
    ),
    mentionsUnread: mentions?.n ?? 0,
  };
}

export async function getConversation(deps: AppDeps, id: string) {
  const [conv] = await deps.db.select().from(conversations).where(eq(conversations.id, id));
  if (!conv) throw new NotFoundError('Không tìm thấy hội thoại', 'conversation_not_found');
  const [dto] = await conversationDtos(deps.db, [id]);
  return { ...dto!, window: windowDto(await windowOf(deps.db, conv, deps.config)) };
}

/** The thread, oldest first; `before` pages back into history. */
export async function listMessages(deps: AppDeps, conversationId: string, q: { before?: string; limit: number }) {
  const [conv] = await deps.db
    .select({ id: conversations.id })
    .from(conversations)
    .where(eq(conversations.id, conversationId));
  if (!conv) throw new NotFoundError('Không tìm thấy hội thoại', 'conversation_not_found');
  const before = decodeCursor(q.before);
  const key = sql`date_trunc('milliseconds', ${messages.createdAt})`;
  const rows = await deps.db
    .select({ m: messages, authorName: staffUsers.fullName })
    .from(messages)
    .leftJoin(staffUsers, eq(staffUsers.id, messages.authorStaffId))
    .where(
      and(
        eq(messages.conversationId, conversationId),
        before
          ? sql`(${key}, ${messages.id}) < (${before.at.toISOString()}::timestamptz, ${before.id}::uuid)`
          : undefined,
      ),
    )
    .orderBy(desc(key), desc(messages.id))
    .limit(q.limit + 1);
  const p = page(rows, q.limit, (r) => ({ at: r.m.createdAt, id: r.m.id }));
  return {
    items: p.items.reverse().map((r) => messageDto(r.m, r.authorName)),
    nextCursor: p.nextCursor,
  };
}

/** The signed-in person's mentions, newest first. */
export async function listMentions(deps: AppDeps, staffId: string, q: { cursor?: string; limit: number }) {
  const after = decodeCursor(q.cursor);
  const key = sql`date_trunc('milliseconds', ${messageMentions.createdAt})`;
  const rows = await deps.db
    .select({
      mm: messageMentions,
      body: messages.body,
      author: messages.authorStaffId,
      authorName: staffUsers.fullName,
    })
    .from(messageMentions)
    .innerJoin(messages, eq(messages.id, messageMentions.messageId))
    .leftJoin(staffUsers, eq(staffUsers.id, messages.authorStaffId))
    .where(
      and(
        eq(messageMentions.staffId, staffId),
        after
          ? sql`(${key}, ${messageMentions.messageId}) < (${after.at.toISOString()}::timestamptz, ${after.id}::uuid)`
          : undefined,
      ),
    )
    .orderBy(desc(key), desc(messageMentions.messageId))
    .limit(q.limit + 1);
  const p = page(rows, q.limit, (r) => ({ at: r.mm.createdAt, id: r.mm.messageId }));
  return {
    items: p.items.map((r) => ({
      messageId: r.mm.messageId,
      conversationId: r.mm.conversationId,
      authorStaffId: r.author,
      authorName: r.authorName,
      excerpt: r.body ? r.body.slice(0, 200) : null,
      createdAt: r.mm.createdAt.toISOString(),
      readAt: r.mm.readAt ? r.mm.readAt.toISOString() : null,
    })),
    nextCursor: p.nextCursor,
  };
}
