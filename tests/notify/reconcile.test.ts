import { createHash } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { notificationAttempts, notifications } from '../../db/schema/index.ts';
import { createNotifyEngine, notifyEngine } from '../../hub/notify/index.ts';
import { reconcileAbandoned } from '../../hub/notify/reconcile.ts';
import { sandboxOa } from '../../sandbox/zalo-oa/index.ts';
import { type NotifyHarness, newPatient, startNotifyHarness } from './support.ts';

/**
 * The two ends of a send whose worker died after recording its attempt (the crash test covers the race itself): the
 * provider's report settles it without a resend; with no report after the grace period it is sent again, once.
 */
let h: NotifyHarness;
beforeAll(async () => {
  // each test runs the reconciliation itself: the scheduled sweep (whose first run comes at start, whenever the worker
  // gets to it, perhaps during a test) is an hour apart and, with an hour's grace, leaves a fresh in-doubt send alone
  h = await startNotifyHarness({
    env: { NOTIFY_SWEEP_SECONDS: '3600', NOTIFY_INDOUBT_GRACE_SECONDS: '3600' },
    workers: true,
  });
});
afterAll(async () => {
  await h?.close();
});

/**
 * A notification as a dead worker leaves it: `sending`, lease run out, its ZNS attempt recorded `queued`. Written in one
 * transaction: the scheduled sweep must never see the row without its attempt (it would simply release it).
 */
async function abandoned(contactId: string, attemptAgeSeconds: number) {
  return h.t.db.transaction(async (tx) => abandonedIn(tx, contactId, attemptAgeSeconds));
}

async function abandonedIn(tx: Pick<typeof h.t.db, 'insert'>, contactId: string, attemptAgeSeconds: number) {
  const [n] = await tx
    .insert(notifications)
    .values({
      contactId,
      purpose: 'transactional',
      templateKey: 'appointment-cancelled',
      params: {
        patientName: 'Trần Thị Lan',
        bookingCode: 'HCM4TT9',
        visitTime: '09:15',
        visitDate: '02/12/2026',
        weekday: 'Thứ Tư',
        branchName: 'Cơ sở TP.HCM',
        branchAddress: '45 Nguyễn Thị Minh Khai, Quận 1',
        doctorName: 'BS. Lê Văn Phúc',
        serviceName: 'Khám tổng quát',
        appointmentLink: 'https://zalo.me/s/1/appointments/x',
        bookingLink: 'https://zalo.me/s/1/booking',
      },
      channelPlan: ['zns', 'sms'],
      idempotencyKey: `abandoned:${contactId}`,
      state: 'sending',
      leaseUntil: sql`now() - interval '1 second'`,
    })
    .returning();
  await tx.insert(notificationAttempts).values({
    notificationId: n!.id,
    channel: 'zns',
    provider: 'zns',
    state: 'queued',
    createdAt: sql`now() - make_interval(secs => ${attemptAgeSeconds})`,
  });
  return n!;
}

describe('reconciling sends whose worker died', () => {
  it('waits for the provider within the grace period, and its report settles the send without a resend', async () => {
    const p = await newPatient(h.t);
    const n = await abandoned(p.contactId, 1);
    const engine = notifyEngine(h.t.deps);
    expect(await reconcileAbandoned(engine)).toEqual({ released: 0, resent: 0 });
    expect((await h.notification(n.id)).state).toBe('sending');

    // the provider had taken it: its delivery callback names our tracking id (signed as the ZNS twin signs it)
    const timestamp = String(Date.now());
    const body = JSON.stringify({
      app_id: sandboxOa.appId,
      event_name: 'user_received_message',
      sender: { id: sandboxOa.oaId },
      recipient: { id: p.phone },
      message: { msg_id: 'ab12cd34ef56ab12cd34', delivery_time: timestamp, tracking_id: n.id },
      timestamp,
    });
    const mac = createHash('sha256')
      .update(sandboxOa.appId + body + timestamp + sandboxOa.oaSecretKey)
      .digest('hex');
    // to the app's one webhook URL, as Zalo posts it in production: the OA intake hands ZNS reports on
    const res = await fetch(`${h.hubUrl}/webhooks/zalo-oa`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-zevent-signature': `mac=${mac}`, 'x-zevent-server': 'ZNS' },
      body,
    });
    expect(res.status).toBe(200);
    const settled = await h.waitFor(async () => {
      const row = await h.notification(n.id);
      return row.state === 'delivered' ? row : undefined;
    }, 'the report applied');
    expect(settled).toMatchObject({ deliveredVia: 'zns', leaseUntil: null });
    const later = createNotifyEngine(h.t.deps, engine.adapters, { settings: { inDoubtGraceMs: 0 } });
    expect(await reconcileAbandoned(later)).toEqual({ released: 0, resent: 0 });
    const attempts = await h.t.db
      .select()
      .from(notificationAttempts)
      .where(eq(notificationAttempts.notificationId, n.id));
    expect(attempts.map((a) => [a.state, a.providerMessageId])).toEqual([['delivered', 'ab12cd34ef56ab12cd34']]);
    expect((await h.accepted('zns'))[n.id]).toBeUndefined();

    const forged = await fetch(`${h.hubUrl}/webhooks/zns`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-zevent-signature': `mac=${'0'.repeat(64)}` },
      body,
    });
    expect(forged.status).toBe(401);
  });

  it('sends again, once, when no report came within the grace period', async () => {
    const p = await newPatient(h.t);
    const n = await abandoned(p.contactId, 60);
    const engine = createNotifyEngine(h.t.deps, notifyEngine(h.t.deps).adapters, {
      settings: { inDoubtGraceMs: 30_000 },
    });
    expect(await reconcileAbandoned(engine)).toEqual({ released: 0, resent: 1 });
    const done = await h.waitFor(async () => {
      const row = await h.notification(n.id);
      return row.state === 'delivered' ? row : undefined;
    }, 'the resend delivered');
    expect(done.deliveredVia).toBe('zns');
    expect((await h.accepted('zns'))[n.id]).toBe(1);
    const attempts = await h.t.db
      .select()
      .from(notificationAttempts)
      .where(eq(notificationAttempts.notificationId, n.id));
    expect(attempts.map((a) => [a.state, a.errorCode]).sort()).toEqual([
      ['delivered', null],
      ['failed', 'in_doubt'],
    ]);
  });
});
