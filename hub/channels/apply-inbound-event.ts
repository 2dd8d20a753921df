import { and, eq, inArray, sql } from 'drizzle-orm';
import type { InboundEvent, InboundMessageEvent } from '../../adapters/channels/types.ts';
import type { DbOrTx } from '../../db/client.ts';
import {
  type Channel,
  contacts,
  conversations,
  type IdentityChannel,
  type MessageAttachment,
  messages,
} from '../../db/schema/index.ts';
import { type ResolveContactInput, resolveContact } from '../contacts/index.ts';
import {
  attachmentUrl,
  type Effects,
  type RecordMessageInput,
  recordMessage,
  storeAttachment,
} from '../inbox/index.ts';
import { applyOaReceipt, applyOptOutKeyword } from '../notify/index.ts';
import type { AppDeps } from '../platform/context.ts';

/** A receipt names messages the hub has not recorded as sent yet (the send's answer is still being stored). */
export class ReceiptTooEarlyError extends Error {}

export interface ApplyContext {
  deps: AppDeps;
  channel: Channel;
  identity: IdentityChannel;
  /** contacts created by this delivery: their names are looked up after the commit */
  createdContacts: { contactId: string; externalId: string }[];
  /** the last delivery attempt: receipts that still match nothing are given up instead of retried */
  lastAttempt: boolean;
}

type Person = { externalId: string; appScopedId?: string; displayName?: string };

export const contactInput = (ctx: ApplyContext, person: Person): ResolveContactInput => ({
  channel: ctx.identity,
  externalId: person.externalId,
  appScopedId: person.appScopedId,
  displayName: person.displayName,
  firstChannel: ctx.channel,
  source: `${ctx.channel}_webhook`,
});

async function contactFor(tx: DbOrTx, ctx: ApplyContext, person: Person) {
  const resolved = await resolveContact(tx, contactInput(ctx, person));
  if (resolved.created) ctx.createdContacts.push({ contactId: resolved.contactId, externalId: person.externalId });
  return resolved.contactId;
}

/** The conversation an email replies to, found by its In-Reply-To / References among stored Message-IDs. */
async function emailThread(tx: DbOrTx, ev: InboundMessageEvent, contactId: string): Promise<string | undefined> {
  const refs = [ev.email?.inReplyTo, ...(ev.email?.references ?? [])].filter((x): x is string => !!x);
  if (refs.length === 0) return undefined;
  const [hit] = await tx
    .select({ conversationId: messages.conversationId })
    .from(messages)
    .innerJoin(conversations, eq(conversations.id, messages.conversationId))
    .where(
      and(
        eq(messages.channel, 'email'),
        inArray(messages.providerMessageId, refs),
        eq(conversations.contactId, contactId),
      ),
    )
    .orderBy(sql`${messages.createdAt} desc`)
    .limit(1);
  return hit?.conversationId;
}

async function applyMessage(tx: DbOrTx, ctx: ApplyContext, ev: InboundMessageEvent, effects: Effects) {
  const contactId = await contactFor(tx, ctx, ev.person);
  const attachments: MessageAttachment[] = [];
  for (const a of ev.attachments) {
    const { content, ...rest } = a;
    if (content) {
      const blobId = await storeAttachment(tx, ctx.deps.config.ATTACHMENT_MAX_BYTES, {
        name: a.name ?? 'tep-dinh-kem',
        mimeType: a.mimeType ?? 'application/octet-stream',
        content,
      });
      // too large to keep: listed with name and size, without bytes
      attachments.push({ ...rest, url: blobId ? attachmentUrl(blobId) : '', ...(blobId ? { blobId } : {}) });
    } else {
      attachments.push(rest);
    }
  }
  const conversationId = ctx.channel === 'email' ? await emailThread(tx, ev, contactId) : undefined;
  await recordMessage(tx, ctx.deps, messageInput(ctx, ev, contactId, attachments, conversationId), effects);
  // a reply that is an opt-out keyword ("HUY") also revokes marketing on that channel (hub/notify)
  if (!ev.echo) await optOut(tx, ctx, ev, contactId);
}

export function messageInput(
  ctx: ApplyContext,
  ev: InboundMessageEvent,
  contactId: string,
  attachments: MessageAttachment[],
  conversationId: string | undefined,
): RecordMessageInput {
  return {
    contactId,
    channel: ctx.channel,
    inboxKey: ev.inboxKey || null,
    direction: ev.echo ? 'out' : 'in',
    authorKind: ev.echo ? 'agent' : 'contact',
    contentType: ev.contentType,
    body: ev.text ?? null,
    attachments,
    providerMessageId: ev.providerMessageId,
    deliveryState: ev.echo ? 'sent' : undefined,
    meta: {
      externalId: ev.person.externalId,
      ...(ev.echo ? { echo: true } : {}),
      ...(ev.payload ? { payload: ev.payload } : {}),
      ...(ev.email ? { email: ev.email } : {}),
    },
    at: ev.at,
    fromPerson: !ev.echo,
    conversationId,
    newConversation: ctx.channel === 'email' && !conversationId,
    subject: ev.email?.subject ?? null,
  };
}

export function optOut(tx: DbOrTx, ctx: ApplyContext, ev: InboundMessageEvent, contactId: string) {
  return applyOptOutKeyword(tx, {
    contactId,
    channel: ctx.channel,
    text: ev.text,
    providerMessageId: ev.providerMessageId,
    at: ev.at,
  });
}

/** delivered / read: by message ids, or (Messenger) everything sent to that person before a watermark. */
async function applyReceipt(
  tx: DbOrTx,
  ctx: ApplyContext,
  ev: Extract<InboundEvent, { type: 'delivered' | 'read' }>,
  effects: Effects,
) {
  const at = ev.at.toISOString();
  const setRead = sql`delivery_state = 'read', read_at = coalesce(read_at, ${at}::timestamptz),
    delivered_at = coalesce(delivered_at, ${at}::timestamptz)`;
  const setDelivered = sql`delivery_state = case when delivery_state = 'read' then 'read'::delivery_state
    else 'delivered'::delivery_state end, delivered_at = coalesce(delivered_at, ${at}::timestamptz)`;
  const states = ev.type === 'read' ? sql`('sent', 'delivered')` : sql`('sent')`;
  const ids = ev.providerMessageIds;
  const watermark = ev.watermark?.toISOString() ?? at;
  const personConversations = sql`conversation_id in (
    select c.id from conversations c join contact_identities i on i.contact_id = c.contact_id
     where i.channel = ${ctx.identity} and i.external_id = ${ev.person.externalId} and c.channel = ${ctx.channel})`;
  const scope =
    ids.length > 0
      ? sql`provider_message_id in (${sql.join(
          ids.map((i) => sql`${i}`),
          sql`, `,
        )})`
      : sql`sent_at <= ${watermark}::timestamptz and ${personConversations}`;
  const updated = await tx.execute<
    { id: string; conversation_id: string; delivery_state: string } & Record<string, unknown>
  >(
    sql`update messages set ${ev.type === 'read' ? setRead : setDelivered}
        where channel = ${ctx.channel} and direction = 'out' and delivery_state in ${states} and ${scope}
        returning id, conversation_id, delivery_state`,
  );
  for (const m of updated.rows) {
    effects.events.push({
      type: 'message.updated',
      conversationId: m.conversation_id,
      messageId: m.id,
      deliveryState: m.delivery_state,
    });
  }
  // a notification sent as an OA message (hub/notify) is named by the same receipts (its echo is an inbox message)
  const notified = ctx.channel === 'zalo_oa' ? await applyOaReceipt(tx, { ...ev, state: ev.type }) : 0;
  if (updated.rows.length > 0 || notified > 0 || ctx.lastAttempt) return;
  // Nothing matched. When the receipt may be about a send whose answer is still being stored, try again shortly;
  // otherwise it is old news (already delivered or read).
  const early =
    ids.length > 0
      ? (await tx.execute(sql`select 1 from messages where channel = ${ctx.channel} and ${scope} limit 1`)).rows
          .length === 0
      : (
          await tx.execute(sql`select 1 from messages where channel = ${ctx.channel} and direction = 'out'
            and delivery_state = 'queued' and created_at <= ${watermark}::timestamptz and ${personConversations} limit 1`)
        ).rows.length > 0;
  if (early) throw new ReceiptTooEarlyError('receipt before the send was recorded');
}

/** Applies one normalised provider event inside the caller's transaction. Returns false when nothing applied. */
export async function applyInboundEvent(tx: DbOrTx, ctx: ApplyContext, ev: InboundEvent, effects: Effects) {
  switch (ev.type) {
    case 'message':
      await applyMessage(tx, ctx, ev, effects);
      return true;
    case 'delivered':
    case 'read':
      await applyReceipt(tx, ctx, ev, effects);
      return true;
    case 'failed': {
      const r = await tx
        .update(messages)
        .set({ deliveryState: 'failed', failureCode: ev.code, failureReason: ev.reason })
        .where(
          and(
            eq(messages.channel, ctx.channel),
            eq(messages.direction, 'out'),
            inArray(messages.providerMessageId, ev.providerMessageIds),
          ),
        )
        .returning({ id: messages.id, conversationId: messages.conversationId });
      for (const m of r) {
        effects.events.push({
          type: 'message.updated',
          conversationId: m.conversationId,
          messageId: m.id,
          deliveryState: 'failed',
          failureReason: ev.reason,
        });
      }
      return true;
    }
    case 'follow':
    case 'unfollow': {
      const contactId = await contactFor(tx, ctx, ev.person);
      if (ev.type === 'follow') {
        // following the OA is an interaction: it opens the consultation window again
        await tx
          .update(conversations)
          .set({ lastInboundAt: sql`greatest(${conversations.lastInboundAt}, ${ev.at.toISOString()}::timestamptz)` })
          .where(
            and(
              eq(conversations.contactId, contactId),
              eq(conversations.channel, ctx.channel),
              sql`${conversations.status} <> 'resolved'`,
            ),
          );
      }
      return true;
    }
    case 'contact_info': {
      const resolved = await resolveContact(tx, {
        channel: ctx.identity,
        externalId: ev.person.externalId,
        appScopedId: ev.person.appScopedId,
        phone: ev.info.phone,
        firstChannel: ctx.channel,
        source: `${ctx.channel}_user_submit_info`,
      });
      if (ev.info.name) {
        // the name the person typed replaces a placeholder or the channel's display name, never a name staff set
        await tx
          .update(contacts)
          .set({ fullName: ev.info.name.normalize('NFC').slice(0, 200) })
          .where(
            and(
              eq(contacts.id, resolved.contactId),
              sql`(${contacts.fullName} like 'Khách %' or ${contacts.fullName} = ${contacts.displayName})`,
            ),
          );
      }
      return true;
    }
    case 'ignored':
      return false;
  }
}
