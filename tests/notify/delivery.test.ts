import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contactIdentities, contacts } from '../../db/schema/index.ts';
import {
  createNotifications,
  type NotificationIntent,
  notifyEngine,
  recordConsent,
  scheduleSends,
} from '../../hub/notify/index.ts';
import { builtInTemplates } from '../../templates/index.ts';
import { type NotifyHarness, newPatient, startNotifyHarness } from './support.ts';

let seq = 0;
async function notify(h: NotifyHarness, contactId: string, over: Partial<NotificationIntent> = {}) {
  const engine = notifyEngine(h.t.deps);
  const type = over.type ?? 'appointment-confirmed';
  const params = builtInTemplates.find((t) => t.key === type)!.sample as Record<string, string>;
  const created = await h.t.db.transaction((tx) =>
    createNotifications(engine, tx, [{ type, contactId, params, idempotencyKey: `delivery-test:${++seq}`, ...over }]),
  );
  await scheduleSends(engine, created);
  return created[0]!.id;
}
const settled =
  (h: NotifyHarness, id: string, states = ['delivered', 'read', 'failed', 'suppressed']) =>
  async () => {
    const n = await h.notification(id);
    return states.includes(n.state) ? n : undefined;
  };

describe('delivery reports and quota (eSMS)', () => {
  let h: NotifyHarness;
  beforeAll(async () => {
    h = await startNotifyHarness();
  });
  afterAll(async () => {
    await h?.close();
  });

  it('a failed delivery report of the channel that took the message moves the plan on (SMS → email)', async () => {
    // a mailbox the sandbox mail server knows (a sandbox patient's)
    const p = await newPatient(h.t, { phone: '84909000404', email: 'minhkhoa.tran@gmail.com' });
    const id = await notify(h, p.contactId, { plan: ['sms', 'email'] });
    // the mail server's delivery-status report comes back through the hub's mail listener
    const n = await h.waitFor(settled(h, id, ['delivered', 'failed']), 'the email after the failed SMS');
    expect(n).toMatchObject({ state: 'delivered', deliveredVia: 'email' });
    const attempts = await h.attempts(id);
    expect(attempts.map((a) => [a.channel, a.state])).toEqual([
      ['sms', 'failed'],
      ['email', 'delivered'],
    ]);
    expect(attempts[0]!.errorCode).toBeTruthy();
    expect((await h.accepted('esms'))[id]).toBe(1);
    const box = await h.twin<{ items: { subject: string }[] }>(
      'GET',
      '/smtp/_sandbox/mailboxes/minhkhoa.tran@gmail.com',
    );
    expect(box.items.map((m) => m.subject)).toContain('Xác nhận lịch khám HN7K2QX');
  });

  it('a used-up ZNS daily quota sends on by SMS, and later sends skip ZNS without calling it', async () => {
    await h.twin('POST', '/zns/_sandbox/settings', { remainingQuota: 0 });
    try {
      const a = await newPatient(h.t);
      const first = await notify(h, a.contactId);
      expect(await h.waitFor(settled(h, first), 'the first')).toMatchObject({ deliveredVia: 'sms' });
      expect((await h.attempts(first)).map((x) => [x.channel, x.errorClass, x.errorCode])).toEqual([
        ['zns', 'rate_limited', 'quota'],
        ['sms', null, null],
      ]);
      await h.twin('POST', '/zns/_sandbox/faults', { failNext: 1, failCode: '-100' });
      const second = await notify(h, a.contactId);
      expect(await h.waitFor(settled(h, second), 'the second')).toMatchObject({ deliveredVia: 'sms' });
      const skipped = (await h.attempts(second))[0]!;
      expect(skipped).toMatchObject({ channel: 'zns', state: 'failed', errorCode: 'quota', providerMessageId: null });
      // ZNS was not called: the forced error is still waiting
      expect((await h.twin<{ failNext: number }>('GET', '/zns/_sandbox/faults')).failNext).toBe(1);
    } finally {
      await h.twin('POST', '/zns/_sandbox/faults', { reset: true });
      await h.twin('POST', '/zns/_sandbox/settings', { remainingQuota: 500 });
    }
  });

  it('a patient who allowed Mini App notifications gets the notice there first, and no ZNS', async () => {
    const p = await newPatient(h.t);
    const appUserId = `56${String(Date.now()).slice(-12)}`;
    await h.t.db.update(contacts).set({ zaloAppUserId: appUserId }).where(eq(contacts.id, p.contactId));
    await h.t.db.transaction((tx) =>
      recordConsent(tx, {
        contactId: p.contactId,
        channel: 'miniapp',
        purpose: 'transactional',
        status: 'granted',
        source: 'miniapp',
        evidence: { via: 'miniapp_permission' },
      }),
    );
    await h.twin('POST', `/miniapp-notify/_sandbox/users/${appUserId}`, { optedIn: true, lastOpenedHoursAgo: 2 });
    // the twin keeps Zalo's 06:00–22:00 window; this test must not depend on the hour it runs at
    await h.twin('POST', '/miniapp-notify/_sandbox/settings', { allowedFromHour: 0, allowedToHour: 24 });
    const id = await notify(h, p.contactId);
    const n = await h.waitFor(settled(h, id, ['sent', 'delivered', 'failed']), 'the Mini App notice');
    expect(n).toMatchObject({ state: 'sent', deliveredVia: 'miniapp' });
    const inbox = await h.twin<{ items: { title: string; url: string }[] }>(
      'GET',
      `/miniapp-notify/_sandbox/users/${appUserId}/notifications`,
    );
    expect(inbox.items).toEqual([expect.objectContaining({ title: 'Đặt lịch khám thành công' })]);
    expect((await h.accepted('zns'))[id]).toBeUndefined();
  });

  it('an OA consultation message is marked delivered, then read, by the receipts on the inbox webhook', async () => {
    const p = await newPatient(h.t);
    await h.t.db
      .insert(contactIdentities)
      .values({ contactId: p.contactId, channel: 'zalo_oa', externalId: '4356127890123456702', source: 'test' });
    // the patient wrote to the OA lately: the consultation window is open
    await h.twin('POST', '/zalo-oa/_sandbox/users/khoa/messages', { text: 'Cho tôi hỏi giờ làm việc' });
    const id = await notify(h, p.contactId, { type: 'appointment-reminder', plan: ['zalo_oa'] });
    expect(await h.waitFor(settled(h, id), 'delivered')).toMatchObject({ state: 'delivered', deliveredVia: 'zalo_oa' });
    await h.twin('POST', '/zalo-oa/_sandbox/users/khoa/seen', {});
    expect(await h.waitFor(settled(h, id, ['read']), 'read')).toMatchObject({ state: 'read' });
    const thread = await h.twin<{ items: { from: string; text?: string }[] }>(
      'GET',
      '/zalo-oa/_sandbox/users/khoa/messages',
    );
    expect(thread.items.filter((m) => m.from === 'oa').at(-1)?.text).toContain('Nhắc lịch');
  });
});

describe('the SpeedSMS gateway', () => {
  let h: NotifyHarness;
  beforeAll(async () => {
    h = await startNotifyHarness({ env: { SMS_PROVIDER: 'speedsms' } });
  });
  afterAll(async () => {
    await h?.close();
  });

  it('carries the SMS fallback, and its JSON delivery callback (token in the URL) marks it delivered', async () => {
    const p = await newPatient(h.t, { phone: '84909118118' });
    const id = await notify(h, p.contactId);
    const n = await h.waitFor(settled(h, id), 'the SMS delivered');
    expect(n).toMatchObject({ state: 'delivered', deliveredVia: 'sms' });
    const sms = (await h.attempts(id)).find((a) => a.channel === 'sms')!;
    expect(sms).toMatchObject({ provider: 'speedsms', state: 'delivered' });
    const sent = await h.twin<{ items: { to: string; providerMessageId: string }[] }>(
      'GET',
      '/speedsms/_sandbox/accepted',
    );
    expect(sent.items.filter((s) => s.providerMessageId === sms.providerMessageId)).toHaveLength(1);
    const forged = await fetch(`${h.hubUrl}/webhooks/speedsms?token=${'0'.repeat(32)}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ type: 'report', tranId: sms.providerMessageId, phone: p.phone, status: 0 }),
    });
    expect(forged.status).toBe(401);
  });
});
