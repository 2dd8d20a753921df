import { eq, inArray, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  appointments,
  auditLog,
  branches,
  campaignRecipients,
  notifications,
  patients,
} from '../../db/schema/index.ts';
import { notifyEngine } from '../../hub/notify/index.ts';
import { type NotifyHarness, startNotifyHarness } from '../notify/support.ts';
import type { Agent } from '../support/hub.ts';
import { campaignInput, seedAudience } from './support.ts';

type Campaign = {
  id: string;
  status: string;
  totalRecipients: number | null;
  progress: Record<
    'total' | 'pending' | 'queued' | 'sent' | 'delivered' | 'read' | 'failed' | 'skipped' | 'clicked' | 'booked',
    number
  >;
};

let h: NotifyHarness;
let marketer: Agent;
beforeAll(async () => {
  h = await startNotifyHarness({ env: { NOTIFY_ZNS_DAILY_QUOTA: '1000000' } });
  await h.twin('POST', '/zns/_sandbox/settings', { dailyQuota: 1_000_000, remainingQuota: 1_000_000 });
  marketer = h.t.agent();
  await marketer.signIn('marketer@demo.medicrm.vn');
}, 60_000);
afterAll(async () => {
  await h?.close();
});

async function json<T>(res: Response, status = 200): Promise<T> {
  const body = await res.text();
  expect(res.status, body).toBe(status);
  return JSON.parse(body) as T;
}

async function newCampaign(tag: string, over: Record<string, unknown> = {}) {
  const seg = await json<{ id: string }>(
    await marketer.request('POST', '/api/campaigns/segments', { name: `Nhóm ${tag}`, filter: { tags: [tag] } }),
    201,
  );
  return json<Campaign>(await marketer.request('POST', '/api/campaigns', campaignInput(seg.id, over)), 201);
}
const get = async (id: string) => json<Campaign>(await marketer.request('GET', `/api/campaigns/${id}`));
const act = (id: string, action: string, body?: unknown) =>
  marketer.request('POST', `/api/campaigns/${id}/${action}`, body);
const reached = (p: Campaign['progress']) => p.sent + p.delivered + p.read;

/** How often the ZNS twin accepted each of these notifications. */
async function acceptedTimes(campaignId: string) {
  const counts = await h.accepted('zns');
  const rows = await h.t.db
    .select({ id: notifications.id })
    .from(notifications)
    .where(sql`${notifications.idempotencyKey} like ${`campaign:${campaignId}:%`}`);
  return { notifications: rows.length, times: rows.map((r) => counts[r.id] ?? 0) };
}

/** A campaign to `n` consenting contacts, launched, once its first `firstSends` have gone out. */
async function launchedAndSending(
  tag: string,
  prefix: string,
  n: number,
  throttlePerMinute: number,
  firstSends: number,
) {
  await seedAudience(h.t.db, { n, tag, prefix, zns: 'granted' });
  const c = await newCampaign(tag, { throttlePerMinute });
  await act(c.id, 'launch', {});
  await h.waitFor(async () => reached((await get(c.id)).progress) >= firstSends, 'the first sends', 60_000);
  return c;
}

/** After a pause or a cancel: sends already handed over finish, then the count stays put. Returns that count. */
async function sendsOnceSettled(campaignId: string) {
  await new Promise((r) => setTimeout(r, 1_500));
  const settled = (await acceptedTimes(campaignId)).notifications;
  await new Promise((r) => setTimeout(r, 1_500));
  expect((await acceptedTimes(campaignId)).notifications).toBe(settled);
  return settled;
}

/** What the audit log holds about one campaign, oldest first. */
async function auditActions(campaignId: string) {
  const rows = await h.t.db
    .select({ action: auditLog.action })
    .from(auditLog)
    .where(eq(auditLog.subjectId, campaignId))
    .orderBy(auditLog.at);
  return rows.map((a) => a.action);
}

describe('campaign sending', () => {
  it('sends once to everyone who agreed, nothing to who refused; clicks and bookings are counted', async () => {
    const granted = await seedAudience(h.t.db, { n: 30, tag: 'cmp-a', prefix: '8490', zns: 'granted' });
    const refused = await seedAudience(h.t.db, { n: 10, tag: 'cmp-a', prefix: '8490', start: 31, zns: 'revoked' });
    const never = await seedAudience(h.t.db, { n: 5, tag: 'cmp-a', prefix: '8490', start: 41 });
    const c = await newCampaign('cmp-a', { attributionDays: 7 });

    const plan = await json<{ audience: number; withConsent: number; costVnd: { zns: number; total: number } }>(
      await marketer.request('GET', `/api/campaigns/${c.id}/plan`),
    );
    expect(plan).toMatchObject({ audience: 45, withConsent: 30, costVnd: { zns: 30 * 250, total: 30 * 250 } });

    expect((await json<Campaign>(await act(c.id, 'launch', {}))).status).toBe('running');
    const done = await h.waitFor(
      async () => {
        const x = await get(c.id);
        return x.status === 'completed' ? x : undefined;
      },
      'the campaign to complete',
      30_000,
    );
    expect(done.progress.total).toBe(45);
    expect(done.progress.skipped).toBe(15);
    expect(reached(done.progress) + done.progress.failed).toBe(30);

    // the progress stream: a finished campaign gets one last event with its final counts, and the stream ends
    const events = await marketer.request('GET', `/api/campaigns/${c.id}/events`);
    expect(events.headers.get('content-type')).toContain('text/event-stream');
    const stream = await events.text();
    expect(stream).toContain('event: progress');
    const last = JSON.parse(stream.split('data: ').at(-1)!.split('\n')[0]!) as { status: string; skipped: number };
    expect(last).toMatchObject({ status: 'completed', skipped: 15 });

    // the refusers and the never-asked got nothing at all
    const toOthers = await h.t.db
      .select({ id: notifications.id })
      .from(notifications)
      .where(inArray(notifications.contactId, [...refused, ...never]));
    expect(toOthers).toHaveLength(0);
    const reasons = await h.t.db
      .select({ reason: campaignRecipients.reason, n: sql<number>`count(*)::int` })
      .from(campaignRecipients)
      .where(eq(campaignRecipients.campaignId, c.id))
      .groupBy(campaignRecipients.reason);
    expect(Object.fromEntries(reasons.map((r) => [r.reason ?? 'sent', r.n]))).toEqual({
      sent: 30,
      opted_out: 10,
      no_consent: 5,
    });
    const once = await acceptedTimes(c.id);
    expect(once.notifications).toBe(30);
    expect(once.times.every((t) => t === 1)).toBe(true);

    // the tracked link: a redirect to the campaign's page, the click recorded once
    const [first] = await h.t.db.select().from(campaignRecipients).where(eq(campaignRecipients.contactId, granted[0]!));
    for (let i = 0; i < 2; i++) {
      const res = await h.t.app.request(`/c/${first!.clickToken}`);
      expect(res.status).toBe(302);
      expect(res.headers.get('location')).toBe('https://phongkham.example.vn/uu-dai');
    }
    expect((await h.t.app.request('/c/0123456789abcdef0123456789abcdef')).status).toBe(404);

    // a recipient who books after their message is attributed to the campaign; one who booked before is not
    const [branch] = await h.t.db.select({ id: branches.id }).from(branches).limit(1);
    const book = async (contactId: string, createdAt?: Date) => {
      const [p] = await h.t.db
        .insert(patients)
        .values({ contactId, fullName: 'Người bệnh', sex: 'female' })
        .returning({ id: patients.id });
      const starts = new Date(Date.now() + 3 * 86_400_000);
      await h.t.db.insert(appointments).values({
        bookingCode: `CMP${Math.random().toString(36).slice(2, 9).toUpperCase()}`,
        patientId: p!.id,
        branchId: branch!.id,
        startsAt: starts,
        endsAt: new Date(starts.getTime() + 1_800_000),
        sourceChannel: 'zns',
        ...(createdAt ? { createdAt } : {}),
      });
    };
    await book(granted[1]!);
    await book(granted[2]!, new Date(Date.now() - 86_400_000));
    await book(never[0]!);

    type Report = { progress: Campaign['progress']; costVnd: number; bookedWithinDays: number; conversionRate: number };
    // each report brings the recipients up to date with their sends first; on a busy machine the last sends' costs
    // may still be on their way in (an upper bound, not a speed requirement)
    const report = await h.waitFor(async () => {
      const r = await json<Report>(await marketer.request('GET', `/api/campaigns/${c.id}/report`));
      return r.costVnd > 0 ? r : undefined;
    }, 'the campaign cost in the report');
    expect(report.progress.clicked).toBe(1);
    expect(report.progress.booked).toBe(1);
    expect(report.bookedWithinDays).toBe(7);
    expect(report.costVnd).toBeGreaterThan(0);
    const [booked] = await h.t.db
      .select({ contactId: campaignRecipients.contactId })
      .from(campaignRecipients)
      .where(sql`${campaignRecipients.campaignId} = ${c.id} and ${campaignRecipients.bookedAt} is not null`);
    expect(booked?.contactId).toBe(granted[1]);

    // the CSV: a BOM for Excel, one line per recipient, no phone in clear
    const csv = await marketer.request('GET', `/api/campaigns/${c.id}/recipients.csv`);
    expect(csv.headers.get('content-type')).toContain('text/csv');
    const bytes = new Uint8Array(await csv.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes);
    expect(text.trim().split('\r\n')).toHaveLength(46);
    expect(text).not.toMatch(/849000000\d\d/);

    expect(await auditActions(c.id)).toEqual(['campaign.launch']);
  }, 60_000);

  it('pause stops new sends, resume finishes: everyone exactly once', async () => {
    const n = 3_000;
    const c = await launchedAndSending('cmp-b', '8491', n, 12_000, 300);
    expect((await json<Campaign>(await act(c.id, 'pause'))).status).toBe('paused');
    // sends already handed over finish; then nothing more goes out while paused
    const paused = await sendsOnceSettled(c.id);
    expect(paused).toBeLessThan(n);

    expect((await json<Campaign>(await act(c.id, 'resume'))).status).toBe('running');
    const done = await h.waitFor(
      async () => {
        const x = await get(c.id);
        return x.status === 'completed' ? x : undefined;
      },
      'the campaign to complete',
      120_000,
    );
    expect(done.totalRecipients).toBe(n);
    expect(done.progress.total).toBe(n);
    expect(reached(done.progress)).toBe(n);
    const once = await acceptedTimes(c.id);
    expect(once.notifications).toBe(n);
    expect(once.times.filter((t) => t === 1)).toHaveLength(n);

    expect(await auditActions(c.id)).toEqual(['campaign.launch', 'campaign.pause', 'campaign.resume']);
  }, 180_000);

  it('cancel stops the campaign for good', async () => {
    const n = 1_000;
    const c = await launchedAndSending('cmp-c', '8492', n, 3_000, 50);
    expect((await json<Campaign>(await act(c.id, 'cancel'))).status).toBe('cancelled');
    const sent = await sendsOnceSettled(c.id);
    expect(sent).toBeLessThan(n);
    const after = await get(c.id);
    expect(after.status).toBe('cancelled');
    expect(after.progress.skipped).toBeGreaterThan(0);
    expect((await act(c.id, 'resume')).status).toBe(409);
  }, 120_000);

  it('refuses bad input and actions that do not fit the status, changing nothing', async () => {
    await seedAudience(h.t.db, { n: 3, tag: 'cmp-d', prefix: '8493', zns: 'granted' });
    const c = await newCampaign('cmp-d');
    const count = async () =>
      (await h.t.db.execute<{ n: number }>(sql`select count(*)::int as n from campaigns`)).rows[0]!.n;
    const before = await count();
    const bad = [
      campaignInput(c.id, { params: { headline: 'x', link: 'không phải đường dẫn' } }),
      { ...campaignInput('00000000-0000-4000-8000-000000000000') },
      { ...campaignInput((await get(c.id)) && c.id), templateKey: 'appointment-reminder' },
    ];
    for (const body of bad) {
      const res = await marketer.request('POST', '/api/campaigns', body);
      expect(res.status).toBe(400);
      const err = (await res.json()) as { error: { code: string; message: string } };
      expect(err.error.message.length).toBeGreaterThan(0);
    }
    expect(await count()).toBe(before);
    expect(
      (await marketer.request('POST', '/api/campaigns/segments/preview', { filter: { ageMin: 50, ageMax: 20 } }))
        .status,
    ).toBe(400);

    const pause = await act(c.id, 'pause');
    expect(pause.status).toBe(409);
    expect(((await pause.json()) as { error: { code: string } }).error.code).toBe('campaign_state');
    expect((await get(c.id)).status).toBe('draft');
    expect((await act(c.id, 'launch', { scheduledAt: '2020-01-01T00:00:00+07:00' })).status).toBe(400);
    expect((await get(c.id)).status).toBe('draft');

    expect((await act(c.id, 'launch', {})).status).toBe(200);
    expect((await act(c.id, 'launch', {})).status).toBe(409);
    expect((await marketer.request('PATCH', `/api/campaigns/${c.id}`, { name: 'Tên mới' })).status).toBe(409);

    const agent = h.t.agent();
    await agent.signIn('agent1@demo.medicrm.vn');
    expect((await agent.request('GET', '/api/campaigns')).status).toBe(403);
    expect((await agent.request('POST', `/api/campaigns/${c.id}/cancel`)).status).toBe(403);
  }, 60_000);

  it('holds recipients back for the next day when the OA has used up its ZNS quota of the day', async () => {
    const engine = notifyEngine(h.t.deps);
    const account = engine.adapters.zns!.account;
    const ids = await seedAudience(h.t.db, { n: 5, tag: 'cmp-e', prefix: '8494', zns: 'granted' });
    const c = await newCampaign('cmp-e');
    await engine.quota.exhaust(account);
    try {
      const plan = await json<{ perDay: { date: string; count: number }[]; days: number }>(
        await marketer.request('GET', `/api/campaigns/${c.id}/plan`),
      );
      expect(plan.perDay.map((d) => d.count)).toEqual([0, 5]);
      await act(c.id, 'launch', {});
      const held = async () =>
        (await h.t.deps.queues.campaigns.getJobs(['delayed'])).filter(
          (j) => j.name === 'recipient' && (j.data as { campaignId: string }).campaignId === c.id,
        );
      const jobs = await h.waitFor(async () => {
        const j = await held();
        return j.length === 5 ? j : undefined;
      }, 'the recipients to wait for tomorrow');
      for (const j of jobs) expect(j.delay).toBeGreaterThan(0);
      const x = await get(c.id);
      expect(x.status).toBe('running');
      expect(x.progress.pending).toBe(5);
      const sent = await h.t.db.select().from(notifications).where(inArray(notifications.contactId, ids));
      expect(sent).toHaveLength(0);
    } finally {
      await engine.quota.learn(account, { dailyQuota: 1_000_000, remainingQuota: 1_000_000 });
      await act(c.id, 'cancel');
    }
  }, 60_000);
});
