import { and, count, desc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, consentEvents, consents, contacts, staffUsers } from '../../db/schema/index.ts';
import { createTestApp, type TestApp } from '../support/hub.ts';

/**
 * An agent records a consent decision from the contact page. The console writes through the notifications' consent
 * ledger (PUT /api/notify/contacts/{id}/consents): one transaction writes the current decision and the history row with
 * the source, the agent and the time, and audits it.
 */

let t: TestApp;
let minhThu: string;
beforeAll(async () => {
  t = await createTestApp();
  const [c] = await t.db.select({ id: contacts.id }).from(contacts).where(eq(contacts.phone, '84935667788'));
  minhThu = c!.id;
});
afterAll(async () => {
  await t?.close();
});

async function signedIn(email: string) {
  const a = t.agent();
  expect((await a.signIn(email)).status).toBe(200);
  return a;
}

const url = (id: string) => `/api/notify/contacts/${id}/consents`;

async function ledger(contactId: string) {
  const current = await t.db
    .select()
    .from(consents)
    .where(eq(consents.contactId, contactId))
    .orderBy(consents.channel, consents.purpose);
  const [events] = await t.db.select({ n: count() }).from(consentEvents).where(eq(consentEvents.contactId, contactId));
  return { current, events: events!.n };
}

describe('consents changed by an agent from the contact page', () => {
  it('a revoked marketing consent is recorded with the source, the agent and the time, in both tables, audited', async () => {
    const a = await signedIn('agent1@demo.medicrm.vn');
    const [agent] = await t.db
      .select({ id: staffUsers.id })
      .from(staffUsers)
      .where(eq(staffUsers.email, 'agent1@demo.medicrm.vn'));
    const before = await ledger(minhThu);
    expect(before.current.find((c) => c.channel === 'zalo_oa' && c.purpose === 'marketing')?.status).toBe('granted');

    const start = Date.now();
    const res = await a.request('PUT', url(minhThu), {
      channel: 'zalo_oa',
      purpose: 'marketing',
      status: 'revoked',
      note: 'Khách gọi tổng đài đề nghị ngừng nhận tin ưu đãi',
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as {
      current: { channel: string; purpose: string; status: string; source: string }[];
      history: { status: string; source: string; staffName: string | null; note: string | null; at: string }[];
    };
    expect(body.current).toContainEqual(
      expect.objectContaining({ channel: 'zalo_oa', purpose: 'marketing', status: 'revoked', source: 'staff' }),
    );
    expect(body.history[0]).toMatchObject({
      status: 'revoked',
      source: 'staff',
      staffName: 'Nguyễn Văn An',
      note: 'Khách gọi tổng đài đề nghị ngừng nhận tin ưu đãi',
    });

    const [event] = await t.db
      .select()
      .from(consentEvents)
      .where(eq(consentEvents.contactId, minhThu))
      .orderBy(desc(consentEvents.at), desc(consentEvents.id))
      .limit(1);
    expect(event).toMatchObject({ channel: 'zalo_oa', purpose: 'marketing', status: 'revoked', source: 'staff' });
    expect(event!.recordedByStaffId).toBe(agent!.id);
    expect(event!.at.getTime()).toBeGreaterThanOrEqual(start - 1_000);
    expect(event!.at.getTime()).toBeLessThanOrEqual(Date.now() + 1_000);
    const [row] = await t.db
      .select()
      .from(consents)
      .where(and(eq(consents.contactId, minhThu), eq(consents.channel, 'zalo_oa'), eq(consents.purpose, 'marketing')));
    expect(row).toMatchObject({ status: 'revoked', source: 'staff' });
    expect(row!.decidedAt.getTime()).toBe(event!.at.getTime());
    expect((await ledger(minhThu)).events).toBe(before.events + 1);

    const audits = await t.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'consent.change'), eq(auditLog.subjectId, minhThu)));
    expect(audits).toHaveLength(1);
    expect(audits[0]!.actorStaffId).toBe(agent!.id);

    // the contact's timeline shows the change
    const timeline = (await (await a.request('GET', `/api/contacts/${minhThu}/timeline?limit=5`)).json()) as {
      items: { kind: string; state: string | null; summary: string | null }[];
    };
    expect(timeline.items).toContainEqual(
      expect.objectContaining({ kind: 'consent', state: 'revoked', summary: 'marketing' }),
    );
  });

  it('bad input answers 400 and changes nothing', async () => {
    const a = await signedIn('agent1@demo.medicrm.vn');
    const before = await ledger(minhThu);
    for (const body of [
      { channel: 'fax', purpose: 'marketing', status: 'revoked' },
      { channel: 'zalo_oa', purpose: 'quang_cao', status: 'revoked' },
      { channel: 'zalo_oa', purpose: 'marketing', status: 'maybe' },
      { channel: 'zalo_oa', status: 'granted' },
      { channel: 'zalo_oa', purpose: 'marketing', status: 'granted', note: 'x'.repeat(501) },
    ]) {
      const res = await a.request('PUT', url(minhThu), body);
      expect(res.status, JSON.stringify(body)).toBe(400);
    }
    expect(
      (await a.request('PUT', url('not-a-uuid'), { channel: 'sms', purpose: 'care', status: 'granted' })).status,
    ).toBe(400);
    expect(await ledger(minhThu)).toEqual(before);
  });

  it('a person without contacts.write gets 403 and nothing changes; an unknown contact is 404', async () => {
    const m = await signedIn('marketer@demo.medicrm.vn');
    const before = await ledger(minhThu);
    expect((await m.request('GET', url(minhThu))).status).toBe(200);
    const res = await m.request('PUT', url(minhThu), { channel: 'zalo_oa', purpose: 'marketing', status: 'granted' });
    expect(res.status).toBe(403);
    expect(await ledger(minhThu)).toEqual(before);

    const a = await signedIn('agent1@demo.medicrm.vn');
    const missing = await a.request('PUT', url('00000000-0000-4000-8000-000000000000'), {
      channel: 'sms',
      purpose: 'care',
      status: 'granted',
    });
    expect(missing.status).toBe(404);
    // without the CSRF header a browser-forged write is refused too
    const forged = await a.request(
      'PUT',
      url(minhThu),
      { channel: 'zalo_oa', purpose: 'marketing', status: 'granted' },
      { 'x-csrf-token': 'sai' },
    );
    expect(forged.status).toBe(403);
    expect(await ledger(minhThu)).toEqual(before);
  });
});
