import { and, desc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consentEvents, consents, contactIdentities } from '../../db/schema/index.ts';
import { createNotifications, type NotificationIntent, notifyEngine, scheduleSends } from '../../hub/notify/index.ts';
import { optOutToken } from '../../hub/notify/opt-out-links.ts';
import { builtInTemplates } from '../../templates/index.ts';
import type { Agent } from '../support/hub.ts';
import { type NotifyHarness, newPatient, startNotifyHarness } from './support.ts';

let h: NotifyHarness;
let agent: Agent;
beforeAll(async () => {
  h = await startNotifyHarness();
  agent = h.t.agent();
  await agent.signIn('agent1@demo.medicrm.vn');
});
afterAll(async () => {
  await h?.close();
});

let seq = 0;
async function notify(contactId: string, over: Partial<NotificationIntent> & Pick<NotificationIntent, 'type'>) {
  const engine = notifyEngine(h.t.deps);
  const params = builtInTemplates.find((t) => t.key === over.type)!.sample as Record<string, string>;
  const created = await h.t.db.transaction((tx) =>
    createNotifications(engine, tx, [{ contactId, params, idempotencyKey: `consent-test:${++seq}`, ...over }]),
  );
  await scheduleSends(engine, created);
  return created[0]!.id;
}
const settled = (id: string) => async () => {
  const n = await h.notification(id);
  return ['delivered', 'read', 'failed', 'suppressed', 'sent'].includes(n.state) ? n : undefined;
};
const consentOf = async (contactId: string, channel: 'zns' | 'zalo_oa' | 'email' | 'sms', purpose = 'marketing') =>
  (
    await h.t.db
      .select()
      .from(consents)
      .where(
        and(
          eq(consents.contactId, contactId),
          eq(consents.channel, channel),
          eq(consents.purpose, purpose as 'marketing'),
        ),
      )
  )[0];

describe('consent ledger', () => {
  it('an opt-out by replying "HUY" on Zalo blocks marketing there, but care messages still go', async () => {
    const p = await newPatient(h.t);
    // the patient is also a follower of the OA (sandbox user "ngocanh")
    await h.t.db
      .insert(contactIdentities)
      .values({ contactId: p.contactId, channel: 'zalo_oa', externalId: '4356127890123456701', source: 'test' });
    for (const channel of ['zns', 'sms'] as const) {
      const res = await agent.request('PUT', `/api/notify/contacts/${p.contactId}/consents`, {
        channel,
        purpose: 'marketing',
        status: 'granted',
        note: 'Khách đồng ý qua điện thoại',
      });
      expect(res.status).toBe(200);
    }
    const before = await notify(p.contactId, { type: 'campaign', plan: ['zns'] });
    expect(await h.waitFor(settled(before), 'the first campaign message')).toMatchObject({ deliveredVia: 'zns' });

    await h.twin('POST', '/zalo-oa/_sandbox/users/ngocanh/messages', { text: 'Hủy' });
    const revoked = await h.waitFor(async () => {
      const c = await consentOf(p.contactId, 'zns');
      return c?.status === 'revoked' ? c : undefined;
    }, 'the opt-out recorded');
    expect(revoked).toMatchObject({ source: 'zalo_oa', evidence: expect.objectContaining({ keyword: 'Hủy' }) });
    expect((await consentOf(p.contactId, 'zalo_oa'))?.status).toBe('revoked');
    expect((await consentOf(p.contactId, 'sms'))?.status).toBe('granted');

    const blocked = await notify(p.contactId, { type: 'campaign', plan: ['zns'] });
    expect(await h.waitFor(settled(blocked), 'the second campaign message')).toMatchObject({
      state: 'suppressed',
      lastError: 'ZNS: chưa có đồng ý',
    });
    expect((await h.accepted('zns'))[blocked]).toBeUndefined();
    // with SMS still allowed, a campaign that may fall back to SMS goes there
    const fallback = await notify(p.contactId, { type: 'campaign', plan: ['zns', 'sms'] });
    expect(await h.waitFor(settled(fallback), 'the SMS fallback')).toMatchObject({ deliveredVia: 'sms' });

    const care = await notify(p.contactId, { type: 're-exam-reminder', plan: ['zns'] });
    expect(await h.waitFor(settled(care), 'the care message')).toMatchObject({ deliveredVia: 'zns' });
    expect((await h.accepted('zns'))[care]).toBe(1);
  });

  it('the one-click link of a marketing email revokes email marketing, with the email as evidence', async () => {
    const p = await newPatient(h.t, { email: 'lan.tran@example.vn' });
    const secret = notifyEngine(h.t.deps).settings.linkSecret;
    const token = optOutToken(secret, {
      contactId: p.contactId,
      channel: 'email',
      purpose: 'marketing',
      notificationId: p.contactId,
    });

    const page = await h.t.app.request(`/unsubscribe/${token}`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('Xác nhận huỷ nhận tin');
    expect(html).toContain('thông tin ưu đãi');
    expect(await consentOf(p.contactId, 'email')).toBeUndefined(); // a link scanner's GET changes nothing

    const oneClick = await h.t.app.request(`/unsubscribe/${token}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'List-Unsubscribe=One-Click',
    });
    expect(oneClick.status).toBe(200);
    expect(await consentOf(p.contactId, 'email')).toMatchObject({ status: 'revoked', source: 'email_link' });
    const forged = await h.t.app.request(`/unsubscribe/${token.slice(0, -2)}xx`, { method: 'POST', body: '' });
    expect(forged.status).toBe(404);
    const events = await h.t.db.select().from(consentEvents).where(eq(consentEvents.contactId, p.contactId));
    expect(events).toHaveLength(1);
    expect(events[0]!.evidence).toMatchObject({ via: 'one_click', notificationId: p.contactId });
  });

  it('staff change a consent in the console: kept with who, when and the note, and audited', async () => {
    const p = await newPatient(h.t);
    const put = (status: string) =>
      agent.request('PUT', `/api/notify/contacts/${p.contactId}/consents`, {
        channel: 'sms',
        purpose: 'care',
        status,
        note: 'Khách nhờ không nhắn SMS nhắc lịch',
      });
    expect((await put('revoked')).status).toBe(200);
    expect((await put('revoked')).status).toBe(200); // the same decision again adds nothing
    const res = await agent.request('GET', `/api/notify/contacts/${p.contactId}/consents`);
    const body = (await res.json()) as {
      current: unknown[];
      history: { staffName: string; note: string; source: string }[];
    };
    expect(body.current).toEqual([expect.objectContaining({ channel: 'sms', purpose: 'care', status: 'revoked' })]);
    expect(body.history).toEqual([
      expect.objectContaining({
        staffName: 'Nguyễn Văn An',
        note: 'Khách nhờ không nhắn SMS nhắc lịch',
        source: 'staff',
      }),
    ]);
    const admin = h.t.agent();
    await admin.signIn('admin@demo.medicrm.vn');
    const audit = await admin.request('GET', '/api/admin/audit?action=consent.change');
    const entries = ((await audit.json()) as { items: { subjectId: string; detail: Record<string, unknown> }[] }).items;
    expect(entries.filter((e) => e.subjectId === p.contactId)).toHaveLength(1);

    // a care message now skips SMS (the person refused it there) and takes the next channel
    const id = await notify(p.contactId, { type: 'appointment-reminder', plan: ['sms', 'zns'] });
    expect(await h.waitFor(settled(id), 'the reminder')).toMatchObject({ deliveredVia: 'zns' });
    const clinician = h.t.agent();
    await clinician.signIn('clinician@demo.medicrm.vn');
    expect(
      (
        await clinician.request('PUT', `/api/notify/contacts/${p.contactId}/consents`, {
          channel: 'sms',
          purpose: 'care',
          status: 'granted',
        })
      ).status,
    ).toBe(403);
    const latest = await h.t.db
      .select()
      .from(consentEvents)
      .where(eq(consentEvents.contactId, p.contactId))
      .orderBy(desc(consentEvents.at));
    expect(latest).toHaveLength(1);
  });
});
