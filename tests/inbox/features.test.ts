import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consents, contacts, conversations, messages, webhookEvents } from '../../db/schema/index.ts';
import { createApp } from '../../hub/app.ts';
import { createLogger } from '../../hub/platform/logger.ts';
import { createRuntime, type Runtime } from '../../hub/runtime.ts';
import { Agent, createTestApp, type TestApp } from '../support/hub.ts';
import { inbound, readEvents, staffId } from './support.ts';

let t: TestApp;
let replica: Runtime;
let replicaApp: ReturnType<typeof createApp>;
const landing = 'https://phongkham.example.vn';
beforeAll(async () => {
  t = await createTestApp({ env: { LEAD_FORM_ORIGINS: landing, LEAD_FORM_RATE_PER_HOUR: '4' } });
  // a second API replica on the same database and Redis
  replica = await createRuntime(t.deps.config, createLogger({ level: 'silent' }));
  replica.setAccepting(true);
  replicaApp = createApp(replica.deps);
});
afterAll(async () => {
  await replica?.close();
  await t?.close();
});

const onReplica = () =>
  new Agent(async (input, init) =>
    replicaApp.fetch(new Request(input instanceof Request ? input : new URL(String(input), 'http://localhost'), init)),
  );

async function as(email: string, agent = t.agent()) {
  await agent.signIn(email);
  return agent;
}

describe('live updates over SSE', () => {
  it('a second agent on another API replica sees the new conversation, its message and a mention', async () => {
    const agent2 = await as('agent2@demo.medicrm.vn', onReplica());
    const stream = await agent2.request('GET', '/api/inbox/stream');
    expect(stream.status).toBe(200);
    expect(stream.headers.get('content-type')).toMatch(/text\/event-stream/);
    const events = readEvents(stream, (e) => e.event === 'mention');
    // give the stream time to subscribe before changes happen
    await new Promise((r) => setTimeout(r, 300));

    const c = await inbound(t, { externalId: '9100000000000000101', text: 'Cho em hỏi lịch khám nhi' });
    const agent1 = await as('agent1@demo.medicrm.vn');
    const a2 = await staffId(t, 'agent2@demo.medicrm.vn');
    const note = await agent1.request('POST', `/api/inbox/conversations/${c.conversationId}/notes`, {
      body: 'Chị Bình xem giúp lịch bác sĩ nhi thứ Bảy nhé',
      mentions: [a2],
    });
    expect(note.status).toBe(201);
    const seen = await events;
    expect(seen.map((e) => e.event)).toEqual(
      expect.arrayContaining(['ready', 'conversation.created', 'message.created', 'mention']),
    );
    expect(seen.find((e) => e.event === 'mention')!.data).toMatchObject({
      staffId: a2,
      conversationId: c.conversationId,
    });
    // events carry ids and states, never what the patient wrote
    expect(JSON.stringify(seen)).not.toContain('lịch khám nhi');

    const mentions = (await (await agent2.request('GET', '/api/inbox/mentions')).json()) as {
      items: { excerpt: string; authorName: string }[];
    };
    expect(mentions.items[0]).toMatchObject({
      authorName: 'Nguyễn Văn An',
      excerpt: 'Chị Bình xem giúp lịch bác sĩ nhi thứ Bảy nhé',
    });
    const counts = (await (await agent2.request('GET', '/api/inbox/counts')).json()) as { mentionsUnread: number };
    expect(counts.mentionsUnread).toBe(1);
    await agent2.request('POST', '/api/inbox/mentions/read', {});
    expect(
      ((await (await agent2.request('GET', '/api/inbox/counts')).json()) as { mentionsUnread: number }).mentionsUnread,
    ).toBe(0);
  });

  it('only staff who read the inbox may open the stream', async () => {
    const marketer = await as('marketer@demo.medicrm.vn');
    expect((await marketer.request('GET', '/api/inbox/stream')).status).toBe(403);
    expect((await t.app.request('/api/inbox/stream')).status).toBe(401);
  });
});

describe('conversations API', () => {
  it('lists with filters and a cursor, opens the thread, marks read, and an agent takes an unassigned one', async () => {
    for (let i = 0; i < 3; i++) await inbound(t, { externalId: `92000000000000000${i}0`, text: `Tin số ${i}` });
    const a = await as('agent1@demo.medicrm.vn');
    const page1 = (await (
      await a.request('GET', '/api/inbox/conversations?assignee=unassigned&status=open&limit=2')
    ).json()) as {
      items: { id: string; unreadCount: number; lastMessagePreview: string; contact: { fullName: string } }[];
      nextCursor: string;
    };
    expect(page1.items).toHaveLength(2);
    expect(page1.items[0]!.lastMessagePreview).toMatch(/^Tin số/);
    const page2 = (await (
      await a.request(
        'GET',
        `/api/inbox/conversations?assignee=unassigned&status=open&limit=2&cursor=${page1.nextCursor}`,
      )
    ).json()) as { items: { id: string }[] };
    expect(page2.items.some((x) => page1.items.some((y) => y.id === x.id))).toBe(false);
    expect((await a.request('GET', '/api/inbox/conversations?status=dang-mo')).status).toBe(400);

    const id = page1.items[0]!.id;
    const thread = (await (await a.request('GET', `/api/inbox/conversations/${id}/messages`)).json()) as {
      items: { direction: string; body: string }[];
    };
    expect(thread.items).toMatchObject([{ direction: 'in' }]);
    expect((await a.request('POST', `/api/inbox/conversations/${id}/read`)).status).toBe(204);
    const me = await staffId(t, 'agent1@demo.medicrm.vn');
    const took = await a.request('POST', `/api/inbox/conversations/${id}/assignment`, { assigneeStaffId: me });
    expect(took.status).toBe(200);
    expect(await took.json()).toMatchObject({ assigneeStaffId: me, unreadCount: 0 });
    const mine = (await (await a.request('GET', '/api/inbox/conversations?assignee=me')).json()) as {
      items: { id: string }[];
    };
    expect(mine.items.map((x) => x.id)).toContain(id);
    const counts = (await (await a.request('GET', '/api/inbox/counts')).json()) as { mine: { open: number } };
    expect(counts.mine.open).toBeGreaterThan(0);
  });

  it('a reply on a channel without credentials is refused with a clear reason, nothing queued', async () => {
    const c = await inbound(t, { externalId: '9300000000000000001', text: 'Xin chào' });
    const a = await as('agent1@demo.medicrm.vn');
    const res = await a.request('POST', `/api/inbox/conversations/${c.conversationId}/replies`, {
      body: 'Dạ chào anh',
    });
    expect(res.status).toBe(409);
    expect(await res.json()).toMatchObject({ error: { code: 'channel_not_configured' } });
    const outs = (await t.db.select().from(messages).where(eq(messages.conversationId, c.conversationId))).filter(
      (m) => m.direction === 'out',
    );
    expect(outs).toHaveLength(0);
  });

  it('labels come from the label list; supervisors manage them', async () => {
    const c = await inbound(t, { externalId: '9300000000000000002', text: 'Giá gói khám?' });
    const a = await as('agent1@demo.medicrm.vn');
    expect((await a.request('POST', '/api/inbox/labels', { name: 'Mới' })).status).toBe(403);
    const unknown = await a.request('PATCH', `/api/inbox/conversations/${c.conversationId}`, { labels: ['Không có'] });
    expect(unknown.status).toBe(400);
    const ok = await a.request('PATCH', `/api/inbox/conversations/${c.conversationId}`, {
      labels: ['hỏi giá'],
      priority: 'high',
      kind: 'booking_request',
    });
    expect(await ok.json()).toMatchObject({ labels: ['Hỏi giá'], priority: 'high', kind: 'booking_request' });
    const sup = await as('supervisor@demo.medicrm.vn');
    const labels = (await (await sup.request('GET', '/api/inbox/labels')).json()) as {
      items: { id: string; name: string }[];
    };
    const hoiGia = labels.items.find((l) => l.name === 'Hỏi giá')!;
    await sup.request('PUT', `/api/inbox/labels/${hoiGia.id}`, { name: 'Báo giá', color: '#0ca678' });
    const [conv] = await t.db.select().from(conversations).where(eq(conversations.id, c.conversationId));
    expect(conv!.labels).toEqual(['Báo giá']);
    const filtered = (await (
      await a.request('GET', `/api/inbox/conversations?label=${encodeURIComponent('Báo giá')}`)
    ).json()) as {
      items: { id: string }[];
    };
    expect(filtered.items.map((x) => x.id)).toEqual([c.conversationId]);
  });

  it('canned responses: unknown variables refused, rendering fills the contact and the agent', async () => {
    const sup = await as('supervisor@demo.medicrm.vn');
    const bad = await sup.request('POST', '/api/inbox/canned-responses', {
      shortcut: 'gia',
      title: 'Giá',
      body: 'Chào {{ten_khach}}',
    });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { message: string } }).error.message).toMatch(/\{\{ten_khach\}\}/);
    const created = await sup.request('POST', '/api/inbox/canned-responses', {
      shortcut: 'goikham',
      title: 'Gói khám',
      body: 'Chào {{contact.firstName}}, em là {{agent.name}}. Gói khám tổng quát tại {{clinic.name}} là 1.500.000 đ.',
    });
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: string };
    expect(
      (await sup.request('POST', '/api/inbox/canned-responses', { shortcut: 'GOIKHAM', title: 'x', body: 'y' })).status,
    ).toBe(400);
    const dup = await sup.request('POST', '/api/inbox/canned-responses', {
      shortcut: 'goikham',
      title: 'x',
      body: 'y',
    });
    expect(dup.status).toBe(409);

    const [huong] = await t.db.select().from(contacts).where(eq(contacts.phone, '84912345678'));
    const [conv] = await t.db.insert(conversations).values({ contactId: huong!.id, channel: 'zalo_oa' }).returning();
    const a = await as('agent1@demo.medicrm.vn');
    const list = (await (await a.request('GET', '/api/inbox/canned-responses?q=goi')).json()) as {
      items: { shortcut: string }[];
      variables: Record<string, string>;
    };
    expect(list.items.map((x) => x.shortcut)).toContain('goikham');
    expect(Object.keys(list.variables)).toContain('contact.firstName');
    const rendered = await a.request('POST', `/api/inbox/canned-responses/${id}/render`, { conversationId: conv!.id });
    expect(await rendered.json()).toEqual({
      text: 'Chào Hương, em là Nguyễn Văn An. Gói khám tổng quát tại Phòng khám Đa khoa MediCRM là 1.500.000 đ.',
    });
  });
});

describe('hotline', () => {
  it('an agent records a call: the caller becomes a contact, the call a ticket assigned to the agent', async () => {
    const a = await as('agent1@demo.medicrm.vn');
    const res = await a.request('POST', '/api/inbox/hotline-calls', {
      callerPhone: '0398 765 432',
      callerName: 'Đinh Văn Hùng',
      reason: 'complaint',
      notes: 'Khách phàn nàn phải chờ 45 phút ở quầy lấy máu sáng nay.',
      priority: 'high',
    });
    expect(res.status).toBe(201);
    const out = (await res.json()) as { conversationId: string; contactId: string; contactCreated: boolean };
    expect(out.contactCreated).toBe(true);
    const [contact] = await t.db.select().from(contacts).where(eq(contacts.id, out.contactId));
    expect(contact).toMatchObject({ fullName: 'Đinh Văn Hùng', phone: '84398765432', firstChannel: 'hotline' });
    const conv = (await (await a.request('GET', `/api/inbox/conversations/${out.conversationId}`)).json()) as {
      channel: string;
      kind: string;
      priority: string;
      assigneeName: string;
      firstRespondedAt: string | null;
      window: { canReply: boolean; reason: string };
    };
    expect(conv).toMatchObject({
      channel: 'hotline',
      kind: 'complaint',
      priority: 'high',
      assigneeName: 'Nguyễn Văn An',
    });
    expect(conv.firstRespondedAt).not.toBeNull();
    expect(conv.window).toMatchObject({ canReply: false, reason: 'inbound_only' });

    // the same caller again, from a landline number this time on another call: found, not duplicated
    const again = await a.request('POST', '/api/inbox/hotline-calls', {
      callerPhone: '+84398765432',
      reason: 'follow_up',
      notes: 'Gọi lại xin lỗi khách, hẹn ưu tiên lần sau.',
      resolved: true,
    });
    expect(((await again.json()) as { contactId: string; contactCreated: boolean }).contactId).toBe(out.contactId);
    const landline = await a.request('POST', '/api/inbox/hotline-calls', {
      callerPhone: '024 3826 4567',
      notes: 'Hỏi địa chỉ',
    });
    expect(landline.status).toBe(201);
    const bad = await a.request('POST', '/api/inbox/hotline-calls', { callerPhone: '12345', notes: 'x' });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { message: string } }).error.message).toBe(
      'Số điện thoại người gọi không hợp lệ',
    );
  });
});

describe('landing-page form', () => {
  const post = (body: unknown, origin = landing, ip?: string) =>
    t.app.request('/api/public/lead', {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin, ...(ip ? { 'x-forwarded-for': ip } : {}) },
      body: JSON.stringify(body),
    });

  it('creates a contact, a booking-request ticket and the consents ticked; a re-submit stores nothing new', async () => {
    const body = {
      fullName: 'Vương Thị Mai',
      phone: '0868 111 222',
      email: 'Mai.Vuong@Example.VN',
      service: 'Khám thai',
      preferredTime: 'Sáng thứ Bảy',
      message: 'Tôi mang thai tuần 12, muốn khám và siêu âm.',
      consent: { care: true, marketing: false },
      pageUrl: `${landing}/dat-lich`,
      submissionId: 'form-abcdef12-0001',
      website: '',
    };
    const res = await post(body);
    expect(res.status).toBe(201);
    expect(res.headers.get('access-control-allow-origin')).toBe(landing);
    const out = (await res.json()) as { ok: boolean; reference: string; message: string };
    expect(out.message).toMatch(/Cảm ơn/);
    const [contact] = await t.db.select().from(contacts).where(eq(contacts.phone, '84868111222'));
    expect(contact).toMatchObject({
      fullName: 'Vương Thị Mai',
      email: 'mai.vuong@example.vn',
      firstChannel: 'web_form',
    });
    const convs = await t.db.select().from(conversations).where(eq(conversations.contactId, contact!.id));
    expect(convs).toMatchObject([{ channel: 'web_form', kind: 'booking_request', subject: 'Đặt lịch: Khám thai' }]);
    const [msg] = await t.db.select().from(messages).where(eq(messages.conversationId, convs[0]!.id));
    expect(msg!.body).toContain(out.reference);
    const granted = await t.db.select().from(consents).where(eq(consents.contactId, contact!.id));
    expect(granted.map((c) => `${c.purpose}:${c.channel}`).sort()).toEqual([
      'care:hotline',
      'care:sms',
      'care:zalo_oa',
      'care:zns',
    ]);
    const again = await post(body);
    expect(again.status).toBe(201);
    expect(((await again.json()) as { reference: string }).reference).toBe(out.reference);
    expect(await t.db.select().from(conversations).where(eq(conversations.contactId, contact!.id))).toHaveLength(1);
  });

  it('a filled honeypot is answered like a success and stores nothing; bad input is a 400', async () => {
    const before = (await t.db.select().from(webhookEvents)).length;
    const bot = await post({ fullName: 'Bot', phone: '0912000111', website: 'http://spam.example' });
    expect(bot.status).toBe(201);
    expect((await t.db.select().from(webhookEvents)).length).toBe(before);
    expect(await t.db.select().from(contacts).where(eq(contacts.phone, '84912000111'))).toHaveLength(0);
    const bad = await post({ fullName: 'A', phone: '123' });
    expect(bad.status).toBe(400);
  });

  it('refuses pages that are not on the allow-list, and limits submissions per IP per hour', async () => {
    const foreign = await post({ fullName: 'Người lạ', phone: '0912000222' }, 'https://evil.example');
    expect(foreign.status).toBe(403);
    expect(foreign.headers.get('access-control-allow-origin')).toBeNull();
    const preflight = await t.app.request('/api/public/lead', {
      method: 'OPTIONS',
      headers: { origin: landing, 'access-control-request-method': 'POST' },
    });
    expect(preflight.headers.get('access-control-allow-origin')).toBe(landing);
    // four submissions per client per hour in this test app: the earlier tests of this file used them up
    const limited = await post({ fullName: 'Khách cuối', phone: '0912000999' });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
  });
});
