import { and, desc, eq, isNull } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, staffSessions, staffUsers } from '../../db/schema/index.ts';
import { type Agent, createTestApp, demoPassword, type TestApp } from '../support/hub.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t?.close();
});

const newPassword = 'Mật-khẩu-mới@2026';

const audits = (action: string, subjectId: string) =>
  t.db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.action, action), eq(auditLog.subjectId, subjectId)))
    .orderBy(desc(auditLog.id));

const hashOf = async (id: string) =>
  (await t.db.select({ h: staffUsers.passwordHash }).from(staffUsers).where(eq(staffUsers.id, id)))[0]!.h;

const openSessions = (id: string) =>
  t.db
    .select({ id: staffSessions.id })
    .from(staffSessions)
    .where(and(eq(staffSessions.staffId, id), isNull(staffSessions.revokedAt)));

async function signedIn(email: string, password = demoPassword): Promise<{ agent: Agent; id: string }> {
  const agent = t.agent();
  const res = await agent.signIn(email, password);
  expect(res.status).toBe(200);
  return { agent, id: ((await res.json()) as { id: string }).id };
}

const errorOf = async (res: Response) =>
  ((await res.json()) as { error: { code: string; message: string; details?: { issues: { path: string }[] } } }).error;

/** Neither password may appear anywhere in what the audit log stored. */
function expectNoSecrets(rows: { detail: unknown }[], ...secrets: string[]) {
  const stored = JSON.stringify(rows);
  for (const s of secrets) expect(stored).not.toContain(s);
  expect(stored).not.toMatch(/scrypt\$/);
}

describe('changing one’s own password', () => {
  it('replaces the password, keeps this session, ends the others, and audits without secrets', async () => {
    const here = await signedIn('agent1@demo.medicrm.vn');
    const phone = await signedIn('agent1@demo.medicrm.vn');
    const tablet = await signedIn('agent1@demo.medicrm.vn');
    const colleague = await signedIn('clinician@demo.medicrm.vn');

    const res = await here.agent.request('POST', '/api/auth/password', {
      currentPassword: demoPassword,
      newPassword,
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ revokedSessions: 2 });

    expect((await here.agent.request('GET', '/api/auth/me')).status).toBe(200);
    expect((await phone.agent.request('GET', '/api/auth/me')).status).toBe(401);
    expect((await tablet.agent.request('GET', '/api/auth/me')).status).toBe(401);
    expect((await colleague.agent.request('GET', '/api/auth/me')).status).toBe(200);
    expect(await openSessions(here.id)).toHaveLength(1);

    expect((await t.agent().signIn('agent1@demo.medicrm.vn', demoPassword)).status).toBe(401);
    expect((await t.agent().signIn('agent1@demo.medicrm.vn', newPassword)).status).toBe(200);
    // The session that made the change can still change things (its CSRF token is unchanged).
    const again = await here.agent.request('POST', '/api/auth/password', {
      currentPassword: newPassword,
      newPassword: demoPassword,
    });
    expect(again.status).toBe(200);

    const rows = await audits('auth.password_change', here.id);
    expect(rows).toHaveLength(2);
    expect(rows[1]).toMatchObject({ outcome: 'success', actorStaffId: here.id, subjectType: 'staff' });
    expect(rows[1]!.detail).toEqual({ sessionId: expect.any(String), revokedSessions: 2 });
    expectNoSecrets(rows, demoPassword, newPassword);
  });

  it('refuses a wrong current password with a Vietnamese 400, changes nothing and ends no session', async () => {
    const here = await signedIn('supervisor@demo.medicrm.vn');
    const other = await signedIn('supervisor@demo.medicrm.vn');
    const before = await hashOf(here.id);

    const res = await here.agent.request('POST', '/api/auth/password', {
      currentPassword: 'không-phải-mật-khẩu',
      newPassword,
    });
    expect(res.status).toBe(400);
    expect(await errorOf(res)).toMatchObject({
      code: 'wrong_current_password',
      message: 'Mật khẩu hiện tại không đúng',
    });
    expect(await hashOf(here.id)).toBe(before);
    expect((await other.agent.request('GET', '/api/auth/me')).status).toBe(200);
    expect((await t.agent().signIn('supervisor@demo.medicrm.vn', newPassword)).status).toBe(401);

    const [row] = await audits('auth.password_change', here.id);
    expect(row).toMatchObject({ outcome: 'failure', detail: { reason: 'wrong_password' } });
    expectNoSecrets([row!], 'không-phải-mật-khẩu', newPassword);
  });

  it('checks the new password like account creation does, and refuses the same password', async () => {
    const { agent, id } = await signedIn('clinician@demo.medicrm.vn');
    const before = await hashOf(id);

    const short = await agent.request('POST', '/api/auth/password', {
      currentPassword: demoPassword,
      newPassword: 'ngan',
    });
    expect(short.status).toBe(400);
    const shortError = await errorOf(short);
    expect(shortError.code).toBe('validation_failed');
    expect(shortError.message).toBe('Mật khẩu cần ít nhất 10 ký tự');

    const same = await agent.request('POST', '/api/auth/password', {
      currentPassword: demoPassword,
      newPassword: demoPassword,
    });
    expect(same.status).toBe(400);
    const sameError = await errorOf(same);
    expect(sameError.message).toBe('Mật khẩu mới phải khác mật khẩu hiện tại');
    expect(sameError.details?.issues.map((i) => i.path)).toEqual(['newPassword']);
    expect(await hashOf(id)).toBe(before);
  });

  it('needs a session and the CSRF token', async () => {
    const anonymous = await t.agent().request('POST', '/api/auth/password', {
      currentPassword: demoPassword,
      newPassword,
    });
    expect(anonymous.status).toBe(401);

    const { agent, id } = await signedIn('clinician@demo.medicrm.vn');
    const before = await hashOf(id);
    const forged = await agent.request(
      'POST',
      '/api/auth/password',
      { currentPassword: demoPassword, newPassword },
      { 'x-csrf-token': 'forged' },
    );
    expect(forged.status).toBe(403);
    expect((await errorOf(forged)).code).toBe('csrf_failed');
    expect(await hashOf(id)).toBe(before);
  });

  it('locks after repeated wrong current passwords, sharing the count with sign-in', async () => {
    const { agent, id } = await signedIn('marketer@demo.medicrm.vn');
    const before = await hashOf(id);
    for (let i = 0; i < 5; i++) {
      const wrong = await agent.request('POST', '/api/auth/password', { currentPassword: `sai-${i}`, newPassword });
      expect(wrong.status).toBe(400);
    }
    const locked = await agent.request('POST', '/api/auth/password', { currentPassword: demoPassword, newPassword });
    expect(locked.status).toBe(429);
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await errorOf(locked)).message).toBe('Nhập sai mật khẩu quá nhiều lần, vui lòng thử lại sau');
    expect(await hashOf(id)).toBe(before);
    // Guessing through a session does not buy extra guesses at the sign-in form.
    expect((await t.agent().signIn('marketer@demo.medicrm.vn')).status).toBe(429);
    // The person's session itself is left alone.
    expect((await agent.request('GET', '/api/auth/me')).status).toBe(200);
    const [row] = await audits('auth.password_change', id);
    expect(row).toMatchObject({ outcome: 'denied', detail: { reason: 'locked' } });
  });
});

describe('an admin resetting someone else’s password', () => {
  it('sets the new password, ends all that person’s sessions, lifts a sign-in lock, and audits', async () => {
    const admin = await signedIn('admin@demo.medicrm.vn');
    const desk = await signedIn('agent2@demo.medicrm.vn');
    const phone = await signedIn('agent2@demo.medicrm.vn');
    for (let i = 0; i < 5; i++) await t.agent().signIn('agent2@demo.medicrm.vn', `sai-${i}`);
    expect((await t.agent().signIn('agent2@demo.medicrm.vn')).status).toBe(429);

    const res = await admin.agent.request('POST', `/api/admin/staff/${desk.id}/password`, { password: newPassword });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ revokedSessions: 2 });

    expect((await desk.agent.request('GET', '/api/auth/me')).status).toBe(401);
    expect((await phone.agent.request('GET', '/api/auth/me')).status).toBe(401);
    expect((await admin.agent.request('GET', '/api/auth/me')).status).toBe(200);
    expect((await t.agent().signIn('agent2@demo.medicrm.vn', demoPassword)).status).toBe(401);
    expect((await t.agent().signIn('agent2@demo.medicrm.vn', newPassword)).status).toBe(200);

    const rows = await audits('staff.password_reset', desk.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      outcome: 'success',
      actorStaffId: admin.id,
      subjectType: 'staff',
      detail: { revokedSessions: 2 },
    });
    expectNoSecrets(rows, newPassword);
    const listed = (await (
      await admin.agent.request('GET', '/api/admin/audit?action=staff.password_reset')
    ).json()) as {
      items: { actorName: string; subjectName: string }[];
    };
    expect(listed.items[0]).toMatchObject({ actorName: 'Quản trị hệ thống', subjectName: 'Lê Thị Bình' });
  });

  it('applies the password rule, and answers 404 for an unknown account', async () => {
    const admin = await signedIn('admin@demo.medicrm.vn');
    const target = await signedIn('agent1@demo.medicrm.vn');
    const before = await hashOf(target.id);
    const short = await admin.agent.request('POST', `/api/admin/staff/${target.id}/password`, { password: 'ngan' });
    expect(short.status).toBe(400);
    expect((await errorOf(short)).message).toBe('Mật khẩu cần ít nhất 10 ký tự');
    expect(await hashOf(target.id)).toBe(before);
    expect((await target.agent.request('GET', '/api/auth/me')).status).toBe(200);

    const missing = await admin.agent.request(
      'POST',
      '/api/admin/staff/00000000-0000-4000-8000-000000000999/password',
      {
        password: newPassword,
      },
    );
    expect(missing.status).toBe(404);
  });

  it('answers 403 to a non-admin and changes nothing', async () => {
    const supervisor = await signedIn('supervisor@demo.medicrm.vn');
    const target = await signedIn('agent1@demo.medicrm.vn');
    const before = await hashOf(target.id);
    const res = await supervisor.agent.request('POST', `/api/admin/staff/${target.id}/password`, {
      password: newPassword,
    });
    expect(res.status).toBe(403);
    expect((await errorOf(res)).code).toBe('forbidden');
    expect(await hashOf(target.id)).toBe(before);
    expect((await target.agent.request('GET', '/api/auth/me')).status).toBe(200);
    expect(await audits('staff.password_reset', target.id)).toHaveLength(0);
  });

  it('refuses an admin resetting their own password (they change it with the current one)', async () => {
    const admin = await signedIn('admin@demo.medicrm.vn');
    const before = await hashOf(admin.id);
    const res = await admin.agent.request('POST', `/api/admin/staff/${admin.id}/password`, { password: newPassword });
    expect(res.status).toBe(409);
    expect((await errorOf(res)).code).toBe('cannot_reset_self');
    expect(await hashOf(admin.id)).toBe(before);
    expect((await admin.agent.request('GET', '/api/auth/me')).status).toBe(200);
  });
});
