import { createHash } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contacts, conversations, messages, webhookEvents } from '../../db/schema/index.ts';
import { type ChannelHarness, startChannelHarness } from '../support/channels.ts';

let h: ChannelHarness;
beforeAll(async () => {
  h = await startChannelHarness();
});
afterAll(async () => {
  await h?.close();
});

const appId = '1000000000000000001';
const oaSecret = 'medicrm-sandbox-oa-secret-key';
const sign = (body: string, ts: string, secret = oaSecret) =>
  `mac=${createHash('sha256')
    .update(appId + body + ts + secret)
    .digest('hex')}`;

function zaloText(userId: string, msgId: string, text: string, ts = String(Date.now())) {
  return JSON.stringify({
    app_id: appId,
    sender: { id: userId },
    user_id_by_app: `55${userId.slice(2)}`,
    recipient: { id: '2000000000000000001' },
    event_name: 'user_send_text',
    message: { msg_id: msgId, text },
    timestamp: ts,
  });
}

async function post(body: string, signature: string) {
  return fetch(`${h.hubUrl}/webhooks/zalo-oa`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-zevent-signature': signature },
    body,
  });
}

describe('Zalo OA end to end (sandbox twin → webhook → inbox → reply → delivery)', () => {
  it('a patient writes from the phone, the agent replies, the phone shows it delivered and then seen', async () => {
    const sent = await h.phone<{ msgId: string }>('POST', '/zalo-oa/_sandbox/users/khoa/messages', {
      text: 'Chào phòng khám, tôi muốn đặt lịch khám tổng quát sáng thứ Bảy',
    });
    const msg = await h.waitFor(
      async () => (await h.t.db.select().from(messages).where(eq(messages.providerMessageId, sent.msgId)))[0],
      'the inbound message',
    );
    expect(msg).toMatchObject({ direction: 'in', authorKind: 'contact', channel: 'zalo_oa' });
    const [conv] = await h.t.db.select().from(conversations).where(eq(conversations.id, msg.conversationId));
    // a stranger: a new contact, named from the OA's user profile right after it is stored
    const contact = await h.waitFor(async () => {
      const [c] = await h.t.db.select().from(contacts).where(eq(contacts.id, conv!.contactId));
      return c?.fullName === 'Trần Minh Khoa' ? c : undefined;
    }, 'the name from the user profile');
    expect(contact.displayName).toBe('Trần Minh Khoa');
    expect(conv).toMatchObject({ status: 'open', kind: 'inquiry', unreadCount: 1 });
    expect(conv!.teamId).not.toBeNull();
    expect(conv!.firstResponseDueAt).not.toBeNull();

    const agent = h.t.agent();
    await agent.signIn('agent1@demo.medicrm.vn');
    const detail = (await (await agent.request('GET', `/api/inbox/conversations/${conv!.id}`)).json()) as {
      window: { canReplyFree: boolean; reason: string; freeRepliesLeft: number };
    };
    expect(detail.window).toMatchObject({ canReplyFree: true, reason: 'zalo_free_window', freeRepliesLeft: 8 });

    const reply = await agent.request('POST', `/api/inbox/conversations/${conv!.id}/replies`, {
      body: 'Dạ phòng khám đã nhận, sáng thứ Bảy còn lịch lúc 8:00 ạ.',
    });
    expect(reply.status).toBe(201);
    const out = (await reply.json()) as { id: string; deliveryState: string };
    expect(out.deliveryState).toBe('queued');

    // the phone received it and reported delivery back through the webhook
    const delivered = await h.waitFor(async () => {
      const [m] = await h.t.db.select().from(messages).where(eq(messages.id, out.id));
      return m?.deliveryState === 'delivered' ? m : undefined;
    }, 'delivery receipt');
    expect(delivered.providerMessageId).toMatch(/^[0-9a-f]{20}$/);
    const thread = await h.phone<{ items: { from: string; text: string; state: string }[] }>(
      'GET',
      '/zalo-oa/_sandbox/users/khoa/messages',
    );
    expect(thread.items.at(-1)).toMatchObject({
      from: 'oa',
      text: 'Dạ phòng khám đã nhận, sáng thứ Bảy còn lịch lúc 8:00 ạ.',
    });
    // the OA's echo of our own reply did not become a second message
    const outs = await h.t.db
      .select()
      .from(messages)
      .where(and(eq(messages.conversationId, conv!.id), eq(messages.direction, 'out')));
    expect(outs).toHaveLength(1);

    await h.phone('POST', '/zalo-oa/_sandbox/users/khoa/seen', {});
    await h.waitFor(async () => {
      const [m] = await h.t.db.select().from(messages).where(eq(messages.id, out.id));
      return m?.deliveryState === 'read';
    }, 'seen receipt');
    const [after] = await h.t.db.select().from(conversations).where(eq(conversations.id, conv!.id));
    expect(after!.firstRespondedAt).not.toBeNull();
    expect(after!.assigneeStaffId).not.toBeNull();
  });

  it('the same webhook delivered 3 times makes one message', async () => {
    const body = zaloText('4356127890123459999', 'aaaabbbbccccddddeeee', 'Cho tôi hỏi giá gói khám thai');
    const ts = JSON.parse(body).timestamp as string;
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await post(body, sign(body, ts))).status);
    expect(statuses).toEqual([200, 200, 200]);
    await h.waitFor(
      async () =>
        (await h.t.db.select().from(messages).where(eq(messages.providerMessageId, 'aaaabbbbccccddddeeee')))[0],
      'the message',
    );
    // give a duplicate every chance to show up
    await new Promise((r) => setTimeout(r, 300));
    const rows = await h.t.db.select().from(messages).where(eq(messages.providerMessageId, 'aaaabbbbccccddddeeee'));
    expect(rows).toHaveLength(1);
    const events = await h.t.db
      .select()
      .from(webhookEvents)
      .where(eq(webhookEvents.dedupeKey, 'user_send_text:aaaabbbbccccddddeeee'));
    expect(events).toHaveLength(1);
  });

  it('a wrong signature is 401 and a malformed body 400, and neither stores anything', async () => {
    const before = (await h.t.db.select().from(webhookEvents)).length;
    const body = zaloText('4356127890123456703', 'ffff0000111122223333', 'tin giả mạo');
    const ts = JSON.parse(body).timestamp as string;
    const forged = await post(body, sign(body, ts, 'not-the-secret'));
    expect(forged.status).toBe(401);
    expect(((await forged.json()) as { error: { code: string } }).error.code).toBe('bad_signature');
    expect((await post(body, '')).status).toBe(401);
    // the body changed after signing
    expect((await post(body.replace('tin giả mạo', 'tin đã sửa'), sign(body, ts))).status).toBe(401);

    const notJson = await post('{"event_name": "user_send_text", ', sign('x', ts));
    expect(notJson.status).toBe(400);
    const noMessage = JSON.stringify({ app_id: appId, event_name: 'user_send_text', timestamp: ts });
    expect((await post(noMessage, sign(noMessage, ts))).status).toBe(400);

    const old = String(Date.now() - 3 * 24 * 3_600_000);
    const replay = zaloText('4356127890123456703', '9999888877776666aaaa', 'cũ', old);
    const stale = await post(replay, sign(replay, old));
    expect(stale.status).toBe(401);
    expect(((await stale.json()) as { error: { code: string } }).error.code).toBe('stale_event');

    expect((await h.t.db.select().from(webhookEvents)).length).toBe(before);
    const forgedMsg = await h.t.db
      .select()
      .from(messages)
      .where(eq(messages.providerMessageId, 'ffff0000111122223333'));
    expect(forgedMsg).toHaveLength(0);
  });

  it('stops a reply Zalo would refuse (no interaction for 7 days) with the reason', async () => {
    const sent = await h.phone<{ msgId: string }>('POST', '/zalo-oa/_sandbox/users/lan/messages', {
      text: 'Tôi muốn hỏi kết quả xét nghiệm',
    });
    const conv = await h.waitFor(async () => {
      const [m] = await h.t.db.select().from(messages).where(eq(messages.providerMessageId, sent.msgId));
      return m ? { id: m.conversationId } : undefined;
    }, 'the conversation');
    await h.t.db
      .update(conversations)
      .set({ lastInboundAt: new Date(Date.now() - 8 * 24 * 3_600_000) })
      .where(eq(conversations.id, conv.id));
    const agent = h.t.agent();
    await agent.signIn('agent2@demo.medicrm.vn');
    const res = await agent.request('POST', `/api/inbox/conversations/${conv.id}/replies`, { body: 'Dạ chào chị' });
    expect(res.status).toBe(409);
    const err = (await res.json()) as { error: { code: string; message: string } };
    expect(err.error.code).toBe('reply_zalo_window_closed');
    expect(err.error.message).toMatch(/7 ngày/);
  });

  it('a permanent provider refusal parks the message as failed with the reason', async () => {
    // the twin's own clock says the person has not interacted for 8 days, while the hub thinks otherwise
    const sent = await h.phone<{ msgId: string }>('POST', '/zalo-oa/_sandbox/users/minhthu/messages', {
      text: 'Cho em hỏi lịch bác sĩ da liễu',
    });
    const conv = await h.waitFor(async () => {
      const [m] = await h.t.db.select().from(messages).where(eq(messages.providerMessageId, sent.msgId));
      return m ? { id: m.conversationId } : undefined;
    }, 'the conversation');
    await h.phone('POST', '/zalo-oa/_sandbox/users/minhthu/last-interaction', { hoursAgo: 8 * 24 });
    const agent = h.t.agent();
    await agent.signIn('agent2@demo.medicrm.vn');
    const res = await agent.request('POST', `/api/inbox/conversations/${conv.id}/replies`, { body: 'Dạ chào chị Thư' });
    expect(res.status).toBe(201);
    const { id } = (await res.json()) as { id: string };
    const failed = await h.waitFor(async () => {
      const [m] = await h.t.db.select().from(messages).where(eq(messages.id, id));
      return m?.deliveryState === 'failed' ? m : undefined;
    }, 'the failure');
    expect(failed).toMatchObject({
      failureCode: '-230',
      failureReason: 'Người dùng chưa tương tác với OA trong 7 ngày qua',
    });
  });
});
