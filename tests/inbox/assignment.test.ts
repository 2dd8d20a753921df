import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, conversations, staffUsers } from '../../db/schema/index.ts';
import { runInboxTimers } from '../../hub/inbox/index.ts';
import { type Agent, createTestApp, type TestApp } from '../support/hub.ts';
import { inbound, staffId } from './support.ts';

let t: TestApp;
let agent1: Agent;
let agent2: Agent;
let a1: string;
let a2: string;
beforeAll(async () => {
  t = await createTestApp();
  agent1 = t.agent();
  agent2 = t.agent();
  await agent1.signIn('agent1@demo.medicrm.vn');
  await agent2.signIn('agent2@demo.medicrm.vn');
  a1 = await staffId(t, 'agent1@demo.medicrm.vn');
  a2 = await staffId(t, 'agent2@demo.medicrm.vn');
});
afterAll(async () => {
  await t?.close();
});

const assigneeOf = async (id: string) =>
  (await t.db.select({ a: conversations.assigneeStaffId }).from(conversations).where(eq(conversations.id, id)))[0]!.a;

describe('automatic assignment', () => {
  it('nobody online: the conversation waits in its team queue with its SLA due times', async () => {
    const c = await inbound(t, { externalId: '9000000000000000001', text: 'Xin chào' });
    const [conv] = await t.db.select().from(conversations).where(eq(conversations.id, c.conversationId));
    expect(conv).toMatchObject({ assigneeStaffId: null, status: 'open' });
    expect(conv!.waitingSince).not.toBeNull();
    expect(conv!.firstResponseDueAt!.getTime()).toBeGreaterThan(conv!.createdAt.getTime());
    expect(conv!.resolutionDueAt!.getTime()).toBeGreaterThan(conv!.firstResponseDueAt!.getTime());
  });

  it('agents coming online take the waiting ones, round-robin within capacity, oldest first', async () => {
    await t.db.update(staffUsers).set({ capacity: 1 }).where(eq(staffUsers.id, a1));
    await t.db.update(staffUsers).set({ capacity: 2 }).where(eq(staffUsers.id, a2));
    const first = (await t.db.select().from(conversations))[0]!;
    expect((await agent1.request('PUT', '/api/inbox/me/availability', { status: 'online' })).status).toBe(200);
    // agent1 came online: the waiting conversation is theirs
    expect(await assigneeOf(first.id)).toBe(a1);
    await agent2.request('PUT', '/api/inbox/me/availability', { status: 'online' });

    const b = await inbound(t, { externalId: '9000000000000000002', text: 'Cho hỏi giá' });
    const c = await inbound(t, { externalId: '9000000000000000003', text: 'Đặt lịch' });
    // agent1 is full (capacity 1): both go to agent2
    expect(await assigneeOf(b.conversationId)).toBe(a2);
    expect(await assigneeOf(c.conversationId)).toBe(a2);
    // everyone full: the next two wait
    const d = await inbound(t, { externalId: '9000000000000000004', text: 'Tư vấn' });
    const e = await inbound(t, { externalId: '9000000000000000005', text: 'Khiếu nại' });
    expect(await assigneeOf(d.conversationId)).toBeNull();
    expect(await assigneeOf(e.conversationId)).toBeNull();

    // agent1 resolves theirs: the oldest waiting conversation (d) goes first
    const res = await agent1.request('PATCH', `/api/inbox/conversations/${first.id}`, { status: 'resolved' });
    expect(res.status).toBe(200);
    expect(await assigneeOf(d.conversationId)).toBe(a1);
    expect(await assigneeOf(e.conversationId)).toBeNull();
    const audits = await t.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'inbox.conversation.assign'), eq(auditLog.subjectId, d.conversationId)));
    expect(audits).toMatchObject([{ actorKind: 'system', detail: { mode: 'round_robin', assigneeStaffId: a1 } }]);
  });

  it('an agent who goes offline gets nothing new; the minute sweep assigns once they are back', async () => {
    await agent1.request('PUT', '/api/inbox/me/availability', { status: 'offline' });
    await agent2.request('PUT', '/api/inbox/me/availability', { status: 'offline' });
    await t.db.update(staffUsers).set({ capacity: 10 }).where(eq(staffUsers.id, a1));
    const f = await inbound(t, { externalId: '9000000000000000006', text: 'Alo' });
    expect(await assigneeOf(f.conversationId)).toBeNull();
    await agent1.request('PUT', '/api/inbox/me/availability', { status: 'auto' });
    // "auto" follows the console connection, and agent1 has none open
    expect(await assigneeOf(f.conversationId)).toBeNull();
    await agent1.request('PUT', '/api/inbox/me/availability', { status: 'online' });
    await runInboxTimers(t.deps);
    expect(await assigneeOf(f.conversationId)).toBe(a1);
  });
});

describe('manual assignment', () => {
  it('a supervisor reassigns (audited); an agent may only take an unassigned one', async () => {
    const sup = t.agent();
    await sup.signIn('supervisor@demo.medicrm.vn');
    const g = await inbound(t, { externalId: '9000000000000000007', text: 'Cần gặp bác sĩ' });
    // round-robin gave it to agent1 (the only one online): a colleague cannot take it
    expect(await assigneeOf(g.conversationId)).toBe(a1);
    const taken = await agent2.request('POST', `/api/inbox/conversations/${g.conversationId}/assignment`, {
      assigneeStaffId: a2,
    });
    expect(taken.status).toBe(409);
    const other = await agent2.request('POST', `/api/inbox/conversations/${g.conversationId}/assignment`, {
      assigneeStaffId: a1,
    });
    expect(other.status).toBe(403);

    const moved = await sup.request('POST', `/api/inbox/conversations/${g.conversationId}/assignment`, {
      assigneeStaffId: a2,
    });
    expect(moved.status).toBe(200);
    expect(((await moved.json()) as { assigneeStaffId: string; assigneeName: string }).assigneeName).toBe(
      'Lê Thị Bình',
    );
    const audit = await t.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.subjectId, g.conversationId), eq(auditLog.action, 'inbox.conversation.assign')));
    expect(audit.at(-1)).toMatchObject({ actorKind: 'staff', detail: { mode: 'manual', assigneeStaffId: a2 } });

    const bad = await sup.request('POST', `/api/inbox/conversations/${g.conversationId}/assignment`, {
      assigneeStaffId: await staffId(t, 'marketer@demo.medicrm.vn'),
    });
    expect(bad.status).toBe(400);
  });

  it('lists agents with presence and load for the supervisor', async () => {
    const list = (await (await agent1.request('GET', '/api/inbox/agents')).json()) as {
      items: { fullName: string; online: boolean; activeConversations: number; capacity: number }[];
    };
    const me = list.items.find((x) => x.fullName === 'Nguyễn Văn An')!;
    expect(me.online).toBe(true);
    expect(me.capacity).toBe(10);
    expect(list.items.map((x) => x.fullName)).not.toContain('Phạm Minh Châu');
  });
});

describe('SLA and snooze clocks', () => {
  it('flags a first-response breach once', async () => {
    const h = await inbound(t, { externalId: '9000000000000000008', text: 'Chưa ai trả lời' });
    await t.db
      .update(conversations)
      .set({ firstResponseDueAt: new Date(Date.now() - 60_000) })
      .where(eq(conversations.id, h.conversationId));
    const r1 = await runInboxTimers(t.deps);
    expect(r1.firstResponseBreaches).toBe(1);
    const r2 = await runInboxTimers(t.deps);
    expect(r2.firstResponseBreaches).toBe(0);
    const [conv] = await t.db.select().from(conversations).where(eq(conversations.id, h.conversationId));
    expect(conv!.firstResponseBreachedAt).not.toBeNull();
  });

  it('a snoozed conversation reopens when its time comes', async () => {
    const s = await inbound(t, { externalId: '9000000000000000009', text: 'Để em hỏi lại gia đình' });
    const until = new Date(Date.now() + 3_600_000).toISOString();
    const res = await agent1.request('PATCH', `/api/inbox/conversations/${s.conversationId}`, {
      status: 'snoozed',
      snoozedUntil: until,
    });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { status: string }).status).toBe('snoozed');
    const past = await agent1.request('PATCH', `/api/inbox/conversations/${s.conversationId}`, {
      status: 'snoozed',
      snoozedUntil: new Date(Date.now() - 1000).toISOString(),
    });
    expect(past.status).toBe(400);
    await t.db
      .update(conversations)
      .set({ snoozedUntil: new Date(Date.now() - 1000) })
      .where(eq(conversations.id, s.conversationId));
    expect((await runInboxTimers(t.deps)).woken).toBe(1);
    const [conv] = await t.db.select().from(conversations).where(eq(conversations.id, s.conversationId));
    expect(conv!.status).toBe('open');
  });
});
