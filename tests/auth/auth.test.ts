import { and, desc, eq, isNotNull } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, staffSessions, staffUsers } from '../../db/schema/index.ts';
import { updateStaff } from '../../hub/staff/manage-staff.ts';
import { createTestApp, type TestApp } from '../support/hub.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t?.close();
});

const latestAudit = async (action: string) =>
  (await t.db.select().from(auditLog).where(eq(auditLog.action, action)).orderBy(desc(auditLog.id)).limit(1))[0];

describe('staff sign-in', () => {
  it('answers 401 to a request without a session', async () => {
    const res = await t.api.auth.me.$get();
    expect(res.status).toBe(401);
    const body = (await res.json()) as unknown as { error: { code: string; message: string } };
    expect(body.error.code).toBe('unauthenticated');
    expect(body.error.message).toBe('Bạn cần đăng nhập để tiếp tục');
  });

  it('signs in with the demo credentials and sets an httpOnly session cookie', async () => {
    const agent = t.agent();
    const res = await agent.signIn('Admin@Demo.MediCRM.vn');
    expect(res.status).toBe(200);
    const cookie = res.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^medicrm_session=/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    const me = await agent.request('GET', '/api/auth/me');
    expect(me.status).toBe(200);
    const body = (await me.json()) as { role: string; fullName: string; permissions: string[] };
    expect(body.role).toBe('admin');
    expect(body.fullName).toBe('Quản trị hệ thống');
    expect(body.permissions).toContain('staff.manage');

    const audit = await latestAudit('auth.sign_in');
    expect(audit?.outcome).toBe('success');
    expect(audit?.actorStaffId).toBe((body as unknown as { id: string }).id);
  });

  it('refuses a wrong password with the same answer as an unknown email, and audits both', async () => {
    const wrong = await t.agent().signIn('agent2@demo.medicrm.vn', 'sai-mat-khau');
    const unknown = await t.agent().signIn('nobody@demo.medicrm.vn', 'sai-mat-khau');
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    const [a, b] = (await Promise.all([wrong.json(), unknown.json()])) as {
      error: { code: string; message: string };
    }[];
    expect(a!.error.code).toBe('invalid_credentials');
    expect(a!.error.message).toBe(b!.error.message);
    expect(wrong.headers.get('set-cookie')).toBeNull();
    const failures = await t.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'auth.sign_in'), eq(auditLog.outcome, 'failure')));
    expect(failures.map((f) => f.detail.reason).sort()).toEqual(['unknown_email', 'wrong_password']);
  });

  it('rejects a malformed sign-in body with 400 and Vietnamese messages', async () => {
    const res = await t.agent().request('POST', '/api/auth/sign-in', { email: 'không-phải-email', password: '' });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { code: string; details: { issues: { path: string }[] } } };
    expect(body.error.code).toBe('validation_failed');
    expect(body.error.details.issues.map((i) => i.path).sort()).toEqual(['email', 'password']);
  });

  it('locks an email after repeated failures, even for the right password', async () => {
    for (let i = 0; i < 5; i++) await t.agent().signIn('marketer@demo.medicrm.vn', 'sai');
    const res = await t.agent().signIn('marketer@demo.medicrm.vn');
    expect(res.status).toBe(429);
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('signs out: the session is revoked and the cookie no longer works', async () => {
    const agent = t.agent();
    await agent.signIn('supervisor@demo.medicrm.vn');
    const cookieBefore = await agent.request('GET', '/api/auth/me');
    expect(cookieBefore.status).toBe(200);
    const out = await agent.request('POST', '/api/auth/sign-out');
    expect(out.status).toBe(204);
    const after = await agent.request('GET', '/api/auth/me');
    expect(after.status).toBe(401);
    const revoked = await t.db.select().from(staffSessions).where(isNotNull(staffSessions.revokedAt));
    expect(revoked).toHaveLength(1);
  });
});

describe('permissions and CSRF', () => {
  it('answers 403 to an agent on an admin route and audits the denial', async () => {
    const agent = t.agent();
    const signed = await agent.signIn('agent1@demo.medicrm.vn');
    const me = (await signed.json()) as { id: string };
    const res = await agent.request('GET', '/api/admin/staff');
    expect(res.status).toBe(403);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('forbidden');
    const denial = await latestAudit('access.denied');
    expect(denial).toMatchObject({ actorStaffId: me.id, outcome: 'denied' });
    expect(denial?.detail).toMatchObject({ permission: 'staff.manage', path: '/api/admin/staff', method: 'GET' });
  });

  it('refuses a state-changing request without the CSRF token, and changes nothing', async () => {
    const agent = t.agent();
    await agent.signIn('admin@demo.medicrm.vn');
    const body = { email: 'moi@demo.medicrm.vn', fullName: 'Đỗ Thị Mới', role: 'agent', password: 'MatKhau@2026!' };
    const forged = await agent.request('POST', '/api/admin/staff', body, { 'x-csrf-token': 'forged' });
    expect(forged.status).toBe(403);
    expect(((await forged.json()) as { error: { code: string } }).error.code).toBe('csrf_failed');
    const list = (await (await agent.request('GET', '/api/admin/staff')).json()) as { items: { email: string }[] };
    expect(list.items.map((s) => s.email)).not.toContain('moi@demo.medicrm.vn');

    const created = await agent.request('POST', '/api/admin/staff', body);
    expect(created.status).toBe(201);
    const again = await agent.request('POST', '/api/admin/staff', body);
    expect(again.status).toBe(409);
  });

  it('lets an admin disable an account, which ends that person’s sessions', async () => {
    const admin = t.agent();
    await admin.signIn('admin@demo.medicrm.vn');
    const victim = t.agent();
    const me = (await (await victim.signIn('agent2@demo.medicrm.vn')).json()) as { id: string };
    const res = await admin.request('PATCH', `/api/admin/staff/${me.id}`, { active: false });
    expect(res.status).toBe(200);
    expect((await victim.request('GET', '/api/auth/me')).status).toBe(401);
    expect((await victim.signIn('agent2@demo.medicrm.vn')).status).toBe(401);
  });

  it('never lets an admin lock or demote themselves, and names both sides of a change in the audit log', async () => {
    const admin = t.agent();
    const me = (await (await admin.signIn('admin@demo.medicrm.vn')).json()) as { id: string };
    const self = await admin.request('PATCH', `/api/admin/staff/${me.id}`, { active: false });
    expect(self.status).toBe(409);
    expect(((await self.json()) as { error: { code: string } }).error.code).toBe('cannot_change_self');

    // Another admin's role can be changed; the audit names who did it to whom.
    const second = {
      email: 'admin2@demo.medicrm.vn',
      fullName: 'Vũ Quản Trị',
      role: 'admin',
      password: 'MatKhau@2026!',
    };
    const created = (await (await admin.request('POST', '/api/admin/staff', second)).json()) as { id: string };
    expect((await admin.request('PATCH', `/api/admin/staff/${created.id}`, { role: 'supervisor' })).status).toBe(200);
    const audit = (await (await admin.request('GET', '/api/admin/audit?action=staff.update')).json()) as {
      items: { actorName: string; subjectName: string; detail: { role?: string } }[];
    };
    expect(audit.items[0]).toMatchObject({
      actorName: 'Quản trị hệ thống',
      subjectName: 'Vũ Quản Trị',
      detail: { role: 'supervisor' },
    });
  });

  it('keeps one admin when two admins demote each other at the same moment', async () => {
    const pair = ['ha', 'hai'].map((n) => ({
      email: `admin-${n}@demo.medicrm.vn`,
      fullName: `Quản trị ${n}`,
      role: 'admin',
      password: 'MatKhau@2026!',
    }));
    const root = t.agent();
    await root.signIn('admin@demo.medicrm.vn');
    const ids: string[] = [];
    for (const p of pair)
      ids.push(((await (await root.request('POST', '/api/admin/staff', p)).json()) as { id: string }).id);
    // The seeded admin steps aside, so these two are the only admins.
    const rootId = ((await (await root.request('GET', '/api/auth/me')).json()) as { id: string }).id;
    const actorA = { staffId: ids[0]!, requestId: 'race-a', ip: null };
    const actorB = { staffId: ids[1]!, requestId: 'race-b', ip: null };
    await updateStaff(t.deps, rootId, { role: 'supervisor' }, actorA);

    // Both requests have passed authorisation; their transactions now race.
    const results = await Promise.allSettled([
      updateStaff(t.deps, ids[1]!, { role: 'agent' }, actorA),
      updateStaff(t.deps, ids[0]!, { role: 'agent' }, actorB),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    const refused = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(refused.reason).toMatchObject({ code: 'last_admin', status: 409 });
    const admins = await t.db.select().from(staffUsers).where(eq(staffUsers.role, 'admin'));
    expect(admins).toHaveLength(1);
    await updateStaff(t.deps, rootId, { role: 'admin' }, { ...actorA, staffId: admins[0]!.id });
  });

  it('opens the queue dashboard to admins only', async () => {
    const admin = t.agent();
    await admin.signIn('admin@demo.medicrm.vn');
    const board = await admin.request('GET', '/admin/queues');
    expect(board.status).toBe(200);
    expect(await board.text()).toContain('MediCRM — hàng đợi');
    const queues = (await (await admin.request('GET', '/admin/queues/api/queues')).json()) as {
      queues: { name: string }[];
    };
    expect(queues.queues.map((q) => q.name)).toEqual(
      expect.arrayContaining(['inbound', 'outbound', 'notify', 'his-sync']),
    );
    const agent = t.agent();
    await agent.signIn('agent1@demo.medicrm.vn');
    expect((await agent.request('GET', '/admin/queues')).status).toBe(403);
  });
});
