import { createHmac } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { createTransport } from 'nodemailer';
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

async function signedInAgent() {
  const a = h.t.agent();
  await a.signIn('agent1@demo.medicrm.vn');
  return a;
}

const messageBy = (providerMessageId: string) =>
  h.waitFor(
    async () => (await h.t.db.select().from(messages).where(eq(messages.providerMessageId, providerMessageId)))[0],
    `message ${providerMessageId}`,
  );

describe('Messenger end to end', () => {
  it('answers the subscription handshake only with the right verify token', async () => {
    const ok = await fetch(
      `${h.hubUrl}/webhooks/messenger?hub.mode=subscribe&hub.verify_token=medicrm-sandbox-verify-token&hub.challenge=1158201444`,
    );
    expect(ok.status).toBe(200);
    expect(await ok.text()).toBe('1158201444');
    const bad = await fetch(`${h.hubUrl}/webhooks/messenger?hub.mode=subscribe&hub.verify_token=sai&hub.challenge=1`);
    expect(bad.status).toBe(403);
  });

  it('a patient writes on Messenger, the agent replies, delivery and read come back', async () => {
    const sent = await h.phone<{ mid: string }>('POST', '/messenger/_sandbox/users/ngocanh/messages', {
      text: 'Chào bác sĩ, em đang mang thai tuần 20, muốn đặt lịch siêu âm',
    });
    const inbound = await messageBy(sent.mid);
    const [conv] = await h.t.db.select().from(conversations).where(eq(conversations.id, inbound.conversationId));
    const [contact] = await h.t.db.select().from(contacts).where(eq(contacts.id, conv!.contactId));
    // the PSID of a seeded contact: the message lands on her existing record, with Vietnamese intact
    expect(contact!.fullName).toBe('Lê Thị Ngọc Anh');
    expect(inbound.body).toBe('Chào bác sĩ, em đang mang thai tuần 20, muốn đặt lịch siêu âm');

    const a = await signedInAgent();
    const res = await a.request('POST', `/api/inbox/conversations/${conv!.id}/replies`, {
      body: 'Dạ chị Ngọc Anh, chiều thứ Năm bác sĩ sản còn lịch 14:00 ạ.',
    });
    expect(res.status).toBe(201);
    const { id } = (await res.json()) as { id: string };
    await h.waitFor(async () => {
      const [m] = await h.t.db.select().from(messages).where(eq(messages.id, id));
      return m?.deliveryState === 'delivered';
    }, 'delivered');
    const thread = await h.phone<{ items: { from: string; state: string }[] }>(
      'GET',
      '/messenger/_sandbox/users/ngocanh/messages',
    );
    expect(thread.items.at(-1)).toMatchObject({ from: 'page', state: 'delivered' });
    await h.phone('POST', '/messenger/_sandbox/users/ngocanh/seen', {});
    await h.waitFor(async () => {
      const [m] = await h.t.db.select().from(messages).where(eq(messages.id, id));
      return m?.deliveryState === 'read';
    }, 'read watermark');
    // the page's echo of the reply was folded into it
    const outs = await h.t.db
      .select()
      .from(messages)
      .where(and(eq(messages.conversationId, conv!.id), eq(messages.direction, 'out')));
    expect(outs).toHaveLength(1);
  });

  it('a postback becomes a message with its payload; a forged delivery is refused', async () => {
    const pb = await h.phone<{ mid: string }>('POST', '/messenger/_sandbox/users/khoa/postback', {
      title: 'Đặt lịch khám',
      payload: 'BOOK_APPOINTMENT',
    });
    const m = await messageBy(pb.mid);
    expect(m).toMatchObject({ contentType: 'postback', body: 'Đặt lịch khám' });
    expect(m.meta.payload).toBe('BOOK_APPOINTMENT');

    const body = JSON.stringify({ object: 'page', entry: [{ id: '3000000000000000001', time: 1, messaging: [] }] });
    const wrong = `sha256=${createHmac('sha256', 'other-secret').update(body).digest('hex')}`;
    const before = (await h.t.db.select().from(webhookEvents)).length;
    const res = await fetch(`${h.hubUrl}/webhooks/messenger`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-hub-signature-256': wrong },
      body,
    });
    expect(res.status).toBe(401);
    const right = `sha256=${createHmac('sha256', 'medicrm-sandbox-meta-app-secret').update('{"nope":1}').digest('hex')}`;
    const malformed = await fetch(`${h.hubUrl}/webhooks/messenger`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-hub-signature-256': right },
      body: '{"nope":1}',
    });
    expect(malformed.status).toBe(400);
    expect((await h.t.db.select().from(webhookEvents)).length).toBe(before);
  });

  it('after 24 hours a reply goes out with the HUMAN_AGENT tag, as the window meter said', async () => {
    const sent = await h.phone<{ mid: string }>('POST', '/messenger/_sandbox/users/lan/messages', { text: 'Cảm ơn ạ' });
    const inbound = await messageBy(sent.mid);
    const longAgo = new Date(Date.now() - 30 * 3_600_000);
    await h.t.db
      .update(conversations)
      .set({ lastInboundAt: longAgo })
      .where(eq(conversations.id, inbound.conversationId));
    await h.phone('POST', '/messenger/_sandbox/users/lan/last-message', { hoursAgo: 30 });
    const a = await signedInAgent();
    const conv = (await (await a.request('GET', `/api/inbox/conversations/${inbound.conversationId}`)).json()) as {
      window: { canReply: boolean; canReplyFree: boolean; messagingTag: string };
    };
    expect(conv.window).toMatchObject({ canReply: true, canReplyFree: false, messagingTag: 'HUMAN_AGENT' });
    const res = await a.request('POST', `/api/inbox/conversations/${inbound.conversationId}/replies`, {
      body: 'Dạ, chị cần hỗ trợ thêm cứ nhắn em ạ.',
    });
    const { id } = (await res.json()) as { id: string };
    const done = await h.waitFor(async () => {
      const [m] = await h.t.db.select().from(messages).where(eq(messages.id, id));
      return m && m.deliveryState !== 'queued' ? m : undefined;
    }, 'the send');
    expect(done.deliveryState).not.toBe('failed');
    const thread = await h.phone<{ items: { from: string; tag?: string }[] }>(
      'GET',
      '/messenger/_sandbox/users/lan/messages',
    );
    expect(thread.items.at(-1)).toMatchObject({ from: 'page', tag: 'HUMAN_AGENT' });
  });
});

describe('Email end to end', () => {
  it('mail to the clinic becomes a ticket, the reply stays in the thread, and the answer threads back', async () => {
    const sent = await h.phone<{ messageId: string }>('POST', '/smtp/_sandbox/mailboxes/khoa/send', {
      subject: 'Hỏi lịch khám sức khoẻ cho công ty',
      text: 'Công ty tôi có 30 nhân viên, muốn khám sức khoẻ định kỳ trong tháng 10.',
      attachments: [
        {
          filename: 'danh-sách nhân viên.csv',
          contentType: 'text/csv',
          contentBase64: Buffer.from('Họ tên\nAn\n').toString('base64'),
        },
      ],
    });
    const inbound = await messageBy(sent.messageId);
    expect(inbound).toMatchObject({ channel: 'email', direction: 'in' });
    expect(inbound.attachments).toHaveLength(1);
    expect(inbound.attachments[0]).toMatchObject({ name: 'danh-sách nhân viên.csv', mimeType: 'text/csv' });
    const [conv] = await h.t.db.select().from(conversations).where(eq(conversations.id, inbound.conversationId));
    expect(conv!.subject).toBe('Hỏi lịch khám sức khoẻ cho công ty');

    const a = await signedInAgent();
    // the attachment is served to staff, and only to staff
    const file = await a.request('GET', inbound.attachments[0]!.url);
    expect(file.status).toBe(200);
    expect(await file.text()).toBe('Họ tên\nAn\n');
    expect((await fetch(`${h.hubUrl}${inbound.attachments[0]!.url}`)).status).toBe(401);

    const res = await a.request('POST', `/api/inbox/conversations/${conv!.id}/replies`, {
      body: 'Dạ, phòng khám gửi anh báo giá gói khám doanh nghiệp trong hôm nay ạ.',
    });
    expect(res.status).toBe(201);
    const { id } = (await res.json()) as { id: string };
    // the mail server reports delivery (DSN) back to the clinic mailbox
    const delivered = await h.waitFor(async () => {
      const [m] = await h.t.db.select().from(messages).where(eq(messages.id, id));
      return m?.deliveryState === 'delivered' ? m : undefined;
    }, 'the delivery report');
    const box = await h.phone<{
      items: { direction: string; subject: string; inReplyTo?: string; messageId: string }[];
    }>('GET', '/smtp/_sandbox/mailboxes/khoa');
    const got = box.items.find((m) => m.direction === 'received')!;
    expect(got.subject).toBe('Re: Hỏi lịch khám sức khoẻ cho công ty');
    expect(got.inReplyTo).toBe(sent.messageId);
    expect(got.messageId).toBe(delivered.providerMessageId);

    // the patient answers the reply: same conversation
    const answer = await h.phone<{ messageId: string }>('POST', '/smtp/_sandbox/mailboxes/khoa/send', {
      subject: got.subject,
      text: 'Cảm ơn, tôi chờ báo giá.',
      inReplyTo: got.messageId,
    });
    const back = await messageBy(answer.messageId);
    expect(back.conversationId).toBe(conv!.id);
  });

  it('refuses mail for another mailbox at the SMTP level', async () => {
    const transport = createTransport({
      host: '127.0.0.1',
      port: h.sandboxOpts.hubSmtp!.port,
      secure: false,
      ignoreTLS: true,
    });
    await expect(
      transport.sendMail({ from: 'a@example.vn', to: 'khong-co@demo.medicrm.vn', subject: 'x', text: 'y' }),
    ).rejects.toMatchObject({ responseCode: 550 });
    transport.close();
  });
});
