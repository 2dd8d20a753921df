import { randomBytes } from 'node:crypto';
import type { Job } from 'bullmq';
import { and, asc, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  consents,
  contactIdentities,
  contacts,
  conversations,
  messages,
  webhookEvents,
} from '../../db/schema/index.ts';
import { inboundProcessor } from '../../hub/channels/index.ts';
import type { InboundJobData } from '../../hub/channels/webhook-store.ts';
import { type InboxEvent, realtime } from '../../hub/inbox/index.ts';
import { createTestApp, type TestApp } from '../support/hub.ts';

// The `inbound` worker applies a run of people's messages set-based (a few statements for the whole run) and every
// other event alone; these tests hold it to what one-by-one application gives.

const appId = '1000000000000000001';
const oaId = '2000000000000000001';
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({
    env: {
      ZALO_OA_ID: oaId,
      ZALO_OA_APP_ID: appId,
      ZALO_OA_SECRET_KEY: 'medicrm-test-oa-secret-key',
      ZALO_OA_ACCESS_TOKEN: 'medicrm-test-oa-access-token',
      // no OA API: the name lookup of a new person fails at once and the contact keeps its placeholder name
      ZALO_OA_API_URL: 'http://127.0.0.1:9',
    },
  });
});
afterAll(async () => {
  await t?.close();
});

const run = () => randomBytes(4).toString('hex');
let clock = Date.now() - 60_000;
const userId = (tag: string) => `43${BigInt(`0x${tag}`).toString().padStart(17, '0')}`;

function text(user: string, msgId: string, body: string, at = clock++) {
  return {
    dedupeKey: `user_send_text:${msgId}`,
    eventType: 'user_send_text',
    rawBody: JSON.stringify({
      app_id: appId,
      sender: { id: user },
      user_id_by_app: `55${user.slice(2)}`,
      recipient: { id: oaId },
      event_name: 'user_send_text',
      message: { msg_id: msgId, text: body },
      timestamp: String(at),
    }),
  };
}

function received(user: string, msgId: string) {
  return {
    dedupeKey: `user_received_message:${msgId}`,
    eventType: 'user_received_message',
    rawBody: JSON.stringify({
      app_id: appId,
      sender: { id: oaId },
      recipient: { id: user },
      event_name: 'user_received_message',
      message: { msg_id: msgId },
      timestamp: String(clock++),
    }),
  };
}

/** Stores deliveries as the intake does, received in the order given, and returns their ids in that order. */
async function store(events: { dedupeKey: string; eventType: string; rawBody: string }[]) {
  const base = Date.now();
  const rows = await t.db
    .insert(webhookEvents)
    .values(events.map((e, i) => ({ source: 'zalo_oa', ...e, receivedAt: new Date(base + i) })))
    .returning({ id: webhookEvents.id, dedupeKey: webhookEvents.dedupeKey });
  const byKey = new Map(rows.map((r) => [r.dedupeKey, r.id]));
  return events.map((e) => byKey.get(e.dedupeKey)!);
}

const job = (ids: string[]) =>
  ({ name: 'batch', data: { webhookEventIds: ids }, attemptsMade: 0, opts: { attempts: 8 } }) as unknown as Job<
    InboundJobData,
    unknown
  >;

async function contactOf(user: string) {
  const rows = await t.db
    .select({ contact: contacts })
    .from(contactIdentities)
    .innerJoin(contacts, eq(contacts.id, contactIdentities.contactId))
    .where(and(eq(contactIdentities.channel, 'zalo_oa'), eq(contactIdentities.externalId, user)));
  expect(rows).toHaveLength(1);
  return rows[0]!.contact;
}

const conversationsOf = (contactId: string) =>
  t.db.select().from(conversations).where(eq(conversations.contactId, contactId));

const messagesOf = (conversationId: string) =>
  t.db
    .select()
    .from(messages)
    .where(eq(messages.conversationId, conversationId))
    .orderBy(asc(messages.createdAt), asc(messages.body));

async function waitFor<T>(check: () => T | undefined, what: string): Promise<T> {
  for (let i = 0; i < 100; i++) {
    const v = check();
    if (v !== undefined) return v;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe('inbound batch: a run of people’s messages applied together', () => {
  it('new and known people, the same new person twice, a duplicate, a receipt and an opt-out, as one by one would', async () => {
    const r = run();
    const [known, fresh, quitter] = [userId(`a${r}`), userId(`b${r}`), userId(`c${r}`)];
    // a known person with a pending ticket, an earlier message of theirs, and a reply the clinic sent them
    const process = inboundProcessor(t.deps);
    const first = await store([text(known, `${r}-k0`, 'Chào phòng khám')]);
    await process(job(first));
    const knownContact = await contactOf(known);
    const [knownConv] = await conversationsOf(knownContact.id);
    await t.db
      .update(conversations)
      .set({ status: 'pending', unreadCount: 0, waitingSince: null })
      .where(eq(conversations.id, knownConv!.id));
    const [reply] = await t.db
      .insert(messages)
      .values({
        conversationId: knownConv!.id,
        direction: 'out',
        authorKind: 'agent',
        channel: 'zalo_oa',
        body: 'Dạ phòng khám chào anh',
        providerMessageId: `${r}-oa1`,
        deliveryState: 'sent',
        sentAt: new Date(),
      })
      .returning();

    const seen: InboxEvent[] = [];
    const stop = realtime(t.deps).subscribe((e) => {
      if ('conversationId' in e) seen.push(e);
    });
    await new Promise((res) => setTimeout(res, 100));
    const batch = [
      text(known, `${r}-k1`, 'Cho tôi hỏi giờ làm việc'),
      text(fresh, `${r}-f1`, 'Tôi muốn đặt lịch khám'),
      text(fresh, `${r}-f2`, 'Sáng thứ Bảy được không ạ'),
      // the provider sent the known person's first message again, under another event key
      { ...text(known, `${r}-k0`, 'Chào phòng khám'), dedupeKey: `user_send_text:${r}-k0-again` },
      received(known, `${r}-oa1`),
      text(quitter, `${r}-q1`, 'HUỶ'),
      text(fresh, `${r}-f3`, 'Cảm ơn'),
    ];
    const ids = await store(batch);
    expect(await process(job(ids))).toMatchObject({ processed: 7, failed: 0, retry: 0 });

    const states = await t.db
      .select({ state: webhookEvents.state })
      .from(webhookEvents)
      .where(inArray(webhookEvents.id, ids));
    expect(states.map((s) => s.state)).toEqual(ids.map(() => 'processed'));

    // the known person: the pending ticket reopened, one new message, the duplicate ignored, the reply delivered
    const [kc] = await conversationsOf(knownContact.id);
    expect(kc).toMatchObject({ id: knownConv!.id, status: 'open', unreadCount: 1 });
    expect(kc!.waitingSince).not.toBeNull();
    expect((await messagesOf(kc!.id)).map((m) => m.body)).toEqual(
      expect.arrayContaining(['Chào phòng khám', 'Cho tôi hỏi giờ làm việc', 'Dạ phòng khám chào anh']),
    );
    expect(await messagesOf(kc!.id)).toHaveLength(3);
    const [delivered] = await t.db.select().from(messages).where(eq(messages.id, reply!.id));
    expect(delivered!.deliveryState).toBe('delivered');

    // the new person written three times: one contact with both Zalo identities, one ticket with its team and SLA
    const fc = await contactOf(fresh);
    expect(fc.fullName).toBe(`Khách Zalo …${fresh.slice(-4)}`);
    expect(fc.zaloAppUserId).toBe(`55${fresh.slice(2)}`);
    expect(fc.lastInteractionAt).not.toBeNull();
    const ids2 = await t.db.select().from(contactIdentities).where(eq(contactIdentities.contactId, fc.id));
    expect(ids2.map((i) => i.channel).sort()).toEqual(['miniapp', 'zalo_oa']);
    const freshConvs = await conversationsOf(fc.id);
    expect(freshConvs).toHaveLength(1);
    const fconv = freshConvs[0]!;
    expect(fconv).toMatchObject({ status: 'open', unreadCount: 3, inboxKey: oaId });
    expect(fconv.teamId).not.toBeNull();
    expect(fconv.firstResponseDueAt).not.toBeNull();
    expect(fconv.windowExpiresAt).not.toBeNull();
    // the last message's time is the ticket's last inbound time (events carry their own timestamps)
    const f3At = new Date(Number(JSON.parse(batch[6]!.rawBody).timestamp));
    expect(fconv.lastInboundAt!.getTime()).toBe(f3At.getTime());
    expect(fconv.lastMessageAt!.getTime()).toBe(f3At.getTime());
    expect((await messagesOf(fconv.id)).map((m) => m.body).sort()).toEqual(
      ['Cảm ơn', 'Sáng thứ Bảy được không ạ', 'Tôi muốn đặt lịch khám'].sort(),
    );

    // the opt-out keyword revoked marketing on both Zalo channels
    const qc = await contactOf(quitter);
    const revoked = await t.db
      .select({ channel: consents.channel, status: consents.status })
      .from(consents)
      .where(and(eq(consents.contactId, qc.id), eq(consents.purpose, 'marketing')));
    expect(revoked.map((c) => `${c.channel}:${c.status}`).sort()).toEqual(['zalo_oa:revoked', 'zns:revoked']);

    // live updates: one "created" per new ticket, one message.created per stored message, the receipt's update
    await waitFor(
      () => (seen.filter((e) => e.type === 'message.created').length >= 5 ? true : undefined),
      'live updates',
    );
    stop();
    const created = seen.flatMap((e) => (e.type === 'conversation.created' ? [e.conversationId] : []));
    expect(created.sort()).toEqual([fconv.id, (await conversationsOf(qc.id))[0]!.id].sort());
    expect(seen.filter((e) => e.type === 'message.created')).toHaveLength(5);
    expect(seen.flatMap((e) => (e.type === 'message.updated' ? [e.conversationId] : []))).toEqual([kc!.id]);
  });

  it('an event that cannot be stored fails alone, and the rest of its run commits', async () => {
    const r = run();
    const [a, b] = [userId(`d${r}`), userId(`e${r}`)];
    const batch = [
      text(a, `${r}-a1`, 'Tin thứ nhất'),
      // a NUL character: PostgreSQL refuses it in text, so this message can never be stored
      text(b, `${r}-b1`, 'hỏng\u0000'),
      text(a, `${r}-a2`, 'Tin thứ hai'),
      text(b, `${r}-b2`, 'Tin của người thứ hai'),
    ];
    const ids = await store(batch);
    const process = inboundProcessor(t.deps);
    await expect(process(job(ids))).rejects.toThrow(/1 event\(s\) to retry/);

    const rows = await t.db
      .select({ id: webhookEvents.id, state: webhookEvents.state, lastError: webhookEvents.lastError })
      .from(webhookEvents)
      .where(inArray(webhookEvents.id, ids));
    const byId = new Map(rows.map((x) => [x.id, x]));
    expect(ids.map((id) => byId.get(id)!.state)).toEqual(['processed', 'received', 'processed', 'processed']);
    expect(byId.get(ids[1]!)!.lastError).toMatch(/^database_error_/);

    const ac = await contactOf(a);
    const [aconv] = await conversationsOf(ac.id);
    expect((await messagesOf(aconv!.id)).map((m) => m.body).sort()).toEqual(['Tin thứ hai', 'Tin thứ nhất']);
    expect(aconv!.unreadCount).toBe(2);
    const bc = await contactOf(b);
    const bconvs = await conversationsOf(bc.id);
    expect(bconvs).toHaveLength(1);
    expect((await messagesOf(bconvs[0]!.id)).map((m) => m.body)).toEqual(['Tin của người thứ hai']);

    // the retry finds the rest processed and changes nothing (the poison event fails again, alone)
    await expect(process(job(ids))).rejects.toThrow(/1 event\(s\) to retry/);
    expect(await messagesOf(aconv!.id)).toHaveLength(2);
  });

  it('leaves the same contacts, tickets and messages as applying each event alone', async () => {
    const process = inboundProcessor(t.deps);
    // two copies of one story, on distinct people and message ids but with the same times: one applied as a batch,
    // the other event by event
    const at0 = Date.now() - 60_000;
    const story = (tag: string) => {
      const u = { known: `43${tag}0001`, first: `43${tag}0002`, second: `43${tag}0003` };
      const say = (who: keyof typeof u, n: number, body: string) => text(u[who], `${tag}-${n}`, body, at0 + n * 1000);
      return {
        u,
        before: say('known', 0, 'Xin chào'),
        batch: [
          say('first', 1, 'Cho em hỏi lịch khám'),
          say('known', 2, 'Tôi quay lại hỏi tiếp'),
          say('first', 3, 'Chiều nay còn chỗ không ạ'),
          say('second', 4, 'Giá gói khám?'),
          say('known', 5, 'Cảm ơn'),
          { ...say('second', 4, 'Giá gói khám?'), dedupeKey: `user_send_text:${tag}-4-again` },
          say('first', 6, 'Dạ em cảm ơn'),
        ],
      };
    };
    const snapshot = async (u: Record<string, string>) => {
      const out: Record<string, unknown> = {};
      for (const [who, user] of Object.entries(u)) {
        const c = await contactOf(user);
        const identities = await t.db
          .select({ channel: contactIdentities.channel })
          .from(contactIdentities)
          .where(eq(contactIdentities.contactId, c.id));
        const convs = [];
        for (const cv of await conversationsOf(c.id)) {
          const msgs = (await messagesOf(cv.id)).map((m) => ({
            body: m.body,
            direction: m.direction,
            authorKind: m.authorKind,
            contentType: m.contentType,
            attachments: m.attachments,
            deliveryState: m.deliveryState,
            meta: { ...m.meta, externalId: m.meta.externalId?.slice(-4) },
          }));
          const { id, contactId, createdAt, updatedAt, ...rest } = cv;
          convs.push({ ...rest, messages: msgs.sort((a, b) => (a.body! < b.body! ? -1 : 1)) });
        }
        out[who] = {
          fullName: c.fullName,
          displayName: c.displayName,
          firstChannel: c.firstChannel,
          appUserTail: c.zaloAppUserId?.slice(-4),
          identities: identities.map((i) => i.channel).sort(),
          conversations: convs,
        };
      }
      return out;
    };
    const play = async (tag: string, oneByOne: boolean) => {
      const s = story(tag);
      await process(job(await store([s.before])));
      // the known person's ticket is snoozed: writing again reopens it
      await t.db
        .update(conversations)
        .set({ status: 'snoozed', snoozedUntil: new Date(Date.now() + 3_600_000), unreadCount: 0, waitingSince: null })
        .where(eq(conversations.contactId, (await contactOf(s.u.known)).id));
      const ids = await store(s.batch);
      if (oneByOne) for (const id of ids) await process(job([id]));
      else await process(job(ids));
      return snapshot(s.u);
    };
    const tag = String(Date.now()).slice(-13).padStart(13, '1');
    const together = await play(tag, false);
    const alone = await play(String(Number(tag) + 1), true);
    expect(together).toEqual(alone);
    expect(together).toMatchObject({
      known: { conversations: [{ status: 'open', unreadCount: 2 }] },
      first: { conversations: [{ status: 'open', unreadCount: 3 }] },
      second: { conversations: [{ status: 'open', unreadCount: 1 }] },
    });
  });
});
