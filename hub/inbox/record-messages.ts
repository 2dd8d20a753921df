import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import { type Channel, conversations, messages } from '../../db/schema/index.ts';
import type { AppDeps } from '../platform/context.ts';
import { windowRules } from './conversation-dto.ts';
import type { Effects } from './effects.ts';
import { windowExpiry } from './messaging-window.ts';
import { newConversationRow, type RecordedMessage, type RecordMessageInput } from './record-message.ts';
import { slaDueEach, teamForChannel } from './team-policy.ts';

interface Conv {
  id: string;
  status: string;
  assigneeStaffId: string | null;
  teamId: string | null;
  /** the input that opened it in this batch */
  createdBy?: number;
}

interface Thread {
  contactId: string;
  channel: Channel;
  inboxKey: string | null;
}

const threadKey = (t: Thread) => `${t.contactId}\u0000${t.channel}\u0000${t.inboxKey ?? ''}`;
const messageKey = (channel: Channel, providerMessageId: string) => `${channel}\u0000${providerMessageId}`;

/** findConversation for many threads in one statement, each row locked; threads sorted so lock order is fixed. */
async function findOpen(tx: DbOrTx, threads: Thread[]): Promise<Map<string, Conv>> {
  const found = new Map<string, Conv>();
  if (threads.length === 0) return found;
  const sorted = [...threads].sort((a, b) => (threadKey(a) < threadKey(b) ? -1 : 1));
  const rows = await tx.execute<{
    i: number;
    id: string;
    status: string;
    assignee_staff_id: string | null;
    team_id: string | null;
  }>(sql`
    select k.i, c.id, c.status, c.assignee_staff_id, c.team_id
      from jsonb_to_recordset(${JSON.stringify(
        sorted.map((t, i) => ({ i, contact_id: t.contactId, channel: t.channel, inbox_key: t.inboxKey })),
      )}::jsonb) as k(i int, contact_id uuid, channel channel, inbox_key text)
      cross join lateral (
        select c.id, c.status, c.assignee_staff_id, c.team_id from conversations c
         where c.contact_id = k.contact_id and c.channel = k.channel
           and (k.inbox_key is null or c.inbox_key = k.inbox_key) and c.status <> 'resolved'
         order by c.created_at desc limit 1
         for update) c
     order by k.i`);
  for (const r of rows.rows) {
    found.set(threadKey(sorted[r.i]!), {
      id: r.id,
      status: r.status,
      assigneeStaffId: r.assignee_staff_id,
      teamId: r.team_id,
    });
  }
  return found;
}

/** The stored messages with these provider ids (the duplicates of a batch). */
async function storedMessages(tx: DbOrTx, keys: { channel: Channel; providerMessageId: string }[]) {
  const seen = new Map<string, { id: string; conversationId: string }>();
  if (keys.length === 0) return seen;
  const rows = await tx.execute<{ id: string; conversation_id: string; channel: Channel; provider_message_id: string }>(
    sql`select m.id, m.conversation_id, m.channel, m.provider_message_id
          from jsonb_to_recordset(${JSON.stringify(
            keys.map((k) => ({ channel: k.channel, provider_message_id: k.providerMessageId })),
          )}::jsonb) as k(channel channel, provider_message_id text)
          join messages m on m.channel = k.channel and m.provider_message_id = k.provider_message_id`,
  );
  for (const r of rows.rows) {
    seen.set(messageKey(r.channel, r.provider_message_id), { id: r.id, conversationId: r.conversation_id });
  }
  return seen;
}

/**
 * recordMessage for a batch of people's messages (an inbound batch), with the same outcome as recording them one by
 * one in order, in a fixed number of statements: the open conversations of all the threads are found (and locked) in
 * one read, the missing ones opened together (serialised per person and channel like recordMessage, with their team
 * and SLA due times), the messages inserted in one statement (a provider id seen before is a duplicate and changes
 * nothing), and each conversation and contact updated once. Only messages a person sent on their usual thread: no
 * echo, email thread, forced new ticket, assignment or call record (those go through recordMessage).
 */
export async function recordPersonMessages(
  tx: DbOrTx,
  deps: AppDeps,
  inputs: RecordMessageInput[],
  effects: Effects,
): Promise<RecordedMessage[]> {
  for (const input of inputs) {
    if (
      !input.fromPerson ||
      input.direction !== 'in' ||
      !input.providerMessageId ||
      input.conversationId ||
      input.newConversation ||
      input.assignTo ||
      input.resolved
    ) {
      throw new Error('recordPersonMessages takes a person’s messages only');
    }
  }
  const now = new Date();
  const items = inputs.map((input) => {
    const thread: Thread = { contactId: input.contactId, channel: input.channel, inboxKey: input.inboxKey || null };
    return {
      input,
      at: input.at > now ? now : input.at,
      thread,
      key: threadKey(thread),
      msgKey: messageKey(input.channel, input.providerMessageId!),
    };
  });
  const threads = new Map(items.map((it) => [it.key, it.thread]));
  // a thread without inbox key matches the person's ticket in any inbox: with keyed threads of the same person and
  // channel in the batch, which ticket each message joins depends on the order, so recordMessage decides
  const keyed = new Map<string, Set<string | null>>();
  for (const t of threads.values()) {
    const k = `${t.contactId}\u0000${t.channel}`;
    keyed.set(k, (keyed.get(k) ?? new Set()).add(t.inboxKey));
  }
  for (const keys of keyed.values()) {
    if (keys.size > 1 && keys.has(null)) throw new Error('recordPersonMessages: threads with and without inbox key');
  }
  const convs = await findOpen(tx, [...threads.values()]);
  let missing = [...threads.keys()].filter((k) => !convs.has(k));
  /** inputs already stored before this batch, found while opening tickets (they must not leave an empty ticket) */
  let storedBefore = new Map<string, { id: string; conversationId: string }>();
  if (missing.length > 0) {
    // opening a ticket is serialised per person and channel, as in recordMessage; then read again under the locks
    await tx.execute(sql`select pg_advisory_xact_lock(s.h)
      from (select distinct hashtext(k) as h from unnest(${sql.param(
        missing.map((k) => `inbox:${threads.get(k)!.contactId}:${threads.get(k)!.channel}`),
      )}::text[]) as k order by 1) s`);
    for (const [k, c] of await findOpen(
      tx,
      missing.map((k) => threads.get(k)!),
    )) {
      convs.set(k, c);
    }
    missing = missing.filter((k) => !convs.has(k));
  }
  if (missing.length > 0) {
    const open = new Set(missing);
    storedBefore = await storedMessages(
      tx,
      items
        .filter((it) => open.has(it.key))
        .map((it) => ({ ...it.input, providerMessageId: it.input.providerMessageId! })),
    );
    // the first message of a thread that is new opens its ticket, at its time
    const openers = new Map<string, number>();
    items.forEach((it, i) => {
      if (open.has(it.key) && !openers.has(it.key) && !storedBefore.has(it.msgKey)) openers.set(it.key, i);
    });
    const byChannel = new Map<Channel, number[]>();
    for (const i of openers.values()) {
      const ch = items[i]!.input.channel;
      byChannel.set(ch, [...(byChannel.get(ch) ?? []), i]);
    }
    const rows: (typeof conversations.$inferInsert & { id: string })[] = [];
    for (const [channel, list] of byChannel) {
      const policy = await teamForChannel(tx, channel);
      const due = await slaDueEach(
        tx,
        policy,
        list.map((i) => items[i]!.at),
        deps.config.CLINIC_TIMEZONE,
      );
      list.forEach((i, n) => {
        const { input, at, key } = items[i]!;
        // (inputs with an assignee or opened resolved take the single path: these open unassigned)
        const row = { id: randomUUID(), ...newConversationRow(input, at, policy, due[n]!) };
        rows.push(row);
        convs.set(key, { id: row.id, status: 'open', assigneeStaffId: null, teamId: row.teamId, createdBy: i });
      });
    }
    if (rows.length > 0) await tx.insert(conversations).values(rows);
  }

  // every message on its conversation, except those found stored while a new ticket was being opened
  const toInsert = items
    .map((it, i) => ({ ...it, i, conv: convs.get(it.key) }))
    .filter((it) => it.conv && !(it.conv.createdBy !== undefined && it.i < it.conv.createdBy));
  // one parameter for the whole batch (drizzle's multi-row VALUES costs more to build than the insert itself)
  const inserted =
    toInsert.length === 0
      ? []
      : (
          await tx.execute<{ id: string; channel: Channel; provider_message_id: string }>(sql`
            insert into ${messages} (conversation_id, direction, author_kind, author_staff_id, channel, content_type,
                                     body, attachments, provider_message_id, delivery_state, meta)
            select conversation_id, direction, author_kind, author_staff_id, channel, content_type,
                   body, attachments, provider_message_id, delivery_state, meta
              from jsonb_to_recordset(${JSON.stringify(
                toInsert.map(({ input, conv }, ord) => ({
                  ord,
                  conversation_id: conv!.id,
                  direction: input.direction,
                  author_kind: input.authorKind,
                  author_staff_id: input.authorStaffId ?? null,
                  channel: input.channel,
                  content_type: input.contentType,
                  body: input.body,
                  attachments: input.attachments ?? [],
                  provider_message_id: input.providerMessageId!,
                  delivery_state: input.deliveryState ?? null,
                  meta: input.meta ?? {},
                })),
              )}::jsonb) as r(ord int, conversation_id uuid, direction message_direction,
                author_kind message_author_kind, author_staff_id uuid, channel channel, content_type text, body text,
                attachments jsonb, provider_message_id text, delivery_state delivery_state, meta jsonb)
             order by ord
            on conflict do nothing
            returning id, channel, provider_message_id`)
        ).rows;
  // one provider id twice in the batch: the first in order was written (rows are inserted in the order given)
  const newIds = new Map(inserted.map((m) => [messageKey(m.channel, m.provider_message_id), m.id]));
  const out: (RecordedMessage | undefined)[] = new Array(items.length);
  const perConv = new Map<string, { conv: Conv; contactId: string; channel: Channel; at: Date[] }>();
  const stamped = new Map<string, Date>();
  for (const { i, conv, msgKey, at, input } of toInsert) {
    const id = newIds.get(msgKey);
    if (!id) continue;
    newIds.delete(msgKey);
    const created = conv!.createdBy === i;
    const agg = perConv.get(conv!.id) ?? { conv: conv!, contactId: input.contactId, channel: input.channel, at: [] };
    const reopened = !created && agg.at.length === 0 && conv!.status !== 'open';
    if (conv!.status === 'resolved') throw new Error('an open conversation was expected');
    agg.at.push(at);
    perConv.set(conv!.id, agg);
    const last = stamped.get(input.contactId);
    if (!last || at > last) stamped.set(input.contactId, at);
    out[i] = { conversationId: conv!.id, messageId: id, duplicate: false, createdConversation: created };
    effects.events.push({
      type: created ? 'conversation.created' : 'conversation.updated',
      conversationId: conv!.id,
      status: 'open',
      assigneeStaffId: conv!.assigneeStaffId,
      teamId: conv!.teamId,
    });
    effects.events.push({ type: 'message.created', conversationId: conv!.id, messageId: id, direction: 'in' });
    if (conv!.teamId && !conv!.assigneeStaffId && (created || reopened)) effects.assignTeams.add(conv!.teamId);
  }

  if (perConv.size > 0) {
    const rules = windowRules(deps.config);
    const updates = [...perConv.values()].map(({ conv, channel, at }) => {
      const lastAt = at[at.length - 1]!;
      return {
        id: conv.id,
        max_at: new Date(Math.max(...at.map((a) => a.getTime()))).toISOString(),
        last_at: lastAt.toISOString(),
        n: at.length,
        window_expires_at: windowExpiry(channel, lastAt, rules)?.toISOString() ?? null,
        // a person writing again reopens a pending or snoozed ticket; it waits again when nobody has it
        reopen: conv.createdBy === undefined && conv.status !== 'open',
        first_at: at[0]!.toISOString(),
      };
    });
    const touched = [...stamped].map(([id, at]) => ({ id, at: at.toISOString() }));
    await tx.execute(sql`with c as (
        update ${conversations} c set
          last_message_at = greatest(c.last_message_at, u.max_at),
          last_inbound_at = u.last_at,
          unread_count = c.unread_count + u.n,
          window_expires_at = u.window_expires_at,
          status = case when u.reopen then 'open'::conversation_status else c.status end,
          snoozed_until = case when u.reopen then null else c.snoozed_until end,
          resolved_at = case when u.reopen then null else c.resolved_at end,
          waiting_since = case when u.reopen and c.assignee_staff_id is null then u.first_at else c.waiting_since end,
          updated_at = ${now.toISOString()}::timestamptz
        from jsonb_to_recordset(${JSON.stringify(updates)}::jsonb) as u(id uuid, max_at timestamptz,
          last_at timestamptz, n int, window_expires_at timestamptz, reopen boolean, first_at timestamptz)
        where c.id = u.id
        returning 1)
      update contacts k set last_interaction_at = greatest(k.last_interaction_at, v.at)
        from jsonb_to_recordset(${JSON.stringify(touched)}::jsonb) as v(id uuid, at timestamptz)
       where k.id = v.id`);
  }

  // the duplicates: what was stored before (or earlier in this batch) under the same provider id
  const dupes = items.filter((_, i) => !out[i]);
  if (dupes.length > 0) {
    const seen = await storedMessages(
      tx,
      dupes.map((it) => ({ channel: it.input.channel, providerMessageId: it.input.providerMessageId! })),
    );
    items.forEach((it, i) => {
      if (out[i]) return;
      const s = seen.get(it.msgKey) ?? storedBefore.get(it.msgKey);
      if (!s) throw new Error('a message neither stored nor found');
      out[i] = { conversationId: s.conversationId, messageId: s.id, duplicate: true, createdConversation: false };
    });
  }
  return out as RecordedMessage[];
}
