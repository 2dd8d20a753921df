import { TZDate } from '@date-fns/tz';
import { sql } from 'drizzle-orm';
import type { NotifyChannel } from '../../adapters/notify/types.ts';
import type { NotificationType } from '../../templates/index.ts';
import { type BatchOutcome, type NotificationIntent, notifyEngine, sendNotificationsNow } from '../notify/index.ts';
import type { AppDeps } from '../platform/context.ts';
import { groupCommit } from '../platform/group-commit.ts';
import type { RecipientJob } from './campaign-jobs-data.ts';
import { type CampaignState, campaignStates, forgetCampaignState } from './campaign-state.ts';

export type RecipientOutcome = 'sent' | 'queued' | 'skipped' | 'done' | 'paused' | 'next_day';

type Row = {
  id: string;
  contact_id: string;
  state: string;
  click_token: string;
  full_name: string;
  phone: string | null;
  zns: 'granted' | 'revoked' | null;
  sms: 'granted' | 'revoked' | null;
};

/** The key that makes one campaign message per contact, whatever retries or resumes happen. */
export const campaignIdempotencyKey = (campaignId: string, contactId: string) => `campaign:${campaignId}:${contactId}`;

/** Throttle: a campaign's sends per minute, shared by every worker (the notification engine's Redis token bucket). */
export async function waitForThrottle(deps: AppDeps, c: CampaignState) {
  if (c.throttlePerMinute <= 0) return;
  const wait = await notifyEngine(deps).limiter.reserve(`campaign:${c.id}`, c.throttlePerMinute / 60);
  if (wait > 0) await new Promise((r) => setTimeout(r, wait));
}

/**
 * Sends to one batch of recipients of one campaign. Consent is read again now: a contact who refused marketing on every
 * channel of the plan (or never agreed, or has no mobile number) is skipped with the reason and gets nothing; the plan
 * of the others keeps only the channels they agreed to. The notifications go through the engine's batch path
 * (consent checked there again, fallback, delivery reports, parking); the recipients are linked to them in one update.
 */
async function sendBatch(
  deps: AppDeps,
  c: CampaignState,
  contactIds: string[],
): Promise<Map<string, RecipientOutcome>> {
  const { db } = deps;
  const engine = notifyEngine(deps);
  const out = new Map<string, RecipientOutcome>();
  const r = await db.execute<Row>(sql`
    select r.id, r.contact_id, r.state, r.click_token, c.full_name, c.phone,
           (select k.status from consents k where k.contact_id = c.id and k.channel = 'zns'
               and k.purpose = 'marketing') as zns,
           (select k.status from consents k where k.contact_id = c.id and k.channel = 'sms'
               and k.purpose = 'marketing') as sms
      from campaign_recipients r join contacts c on c.id = r.contact_id
     where r.campaign_id = ${c.id} and r.contact_id in ${contactIds}`);
  const skipped: { id: string; reason: string }[] = [];
  const sending: { row: Row; intent: NotificationIntent }[] = [];
  for (const row of r.rows) {
    if (row.state !== 'pending') {
      out.set(row.contact_id, 'done');
      continue;
    }
    const plan = (c.channelPlan as NotifyChannel[]).filter((ch) => row[ch as 'zns' | 'sms'] === 'granted');
    const refused = c.channelPlan.some((ch) => row[ch as 'zns' | 'sms'] === 'revoked');
    const reason = !/^84\d{9}$/.test(row.phone ?? '')
      ? 'no_address'
      : plan.length === 0
        ? refused
          ? 'opted_out'
          : 'no_consent'
        : undefined;
    if (reason) {
      skipped.push({ id: row.id, reason });
      out.set(row.contact_id, 'skipped');
      continue;
    }
    const message = c.smsFallbackText ?? String(c.params.message ?? c.params.headline);
    sending.push({
      row,
      intent: {
        type: c.templateKey as NotificationType,
        contactId: row.contact_id,
        params: {
          customerName: row.full_name.slice(0, 100),
          headline: String(c.params.headline),
          message,
          link: `${engine.settings.publicUrl}/c/${row.click_token}`,
        },
        idempotencyKey: campaignIdempotencyKey(c.id, row.contact_id),
        purpose: 'marketing',
        plan,
      },
    });
  }
  // the recipients' rows are written with the notifications' own (in parallel, each its own commit)
  const record = async (outcomes: BatchOutcome[]) => {
    const links = await Promise.all(
      sending.map(async (s, i) => {
        const o = outcomes[i]!;
        out.set(s.row.contact_id, o.state === 'sent' ? 'sent' : 'queued');
        if (o.state !== 'duplicate') return { id: s.row.id, o };
        // an earlier run stored it and died before linking: link the one that exists
        const n = await db.execute<{ id: string }>(
          sql`select id from notifications where idempotency_key = ${s.intent.idempotencyKey}`,
        );
        return { id: s.row.id, o: { state: 'queued' as const, notificationId: n.rows[0]?.id ?? null } };
      }),
    );
    if (skipped.length === 0 && links.length === 0) return;
    const data = JSON.stringify([
      ...skipped.map((s) => ({ id: s.id, state: 'skipped', reason: s.reason })),
      ...links.map(({ id, o }) => ({
        id,
        state: o.state,
        notification_id: o.notificationId,
        channel: o.state === 'sent' ? o.channel : null,
        cost: o.state === 'sent' ? Math.round(o.costVnd) : null,
      })),
    ]);
    await db.execute(sql`
      update campaign_recipients r
         set state = v.state::campaign_recipient_state,
             reason = v.reason,
             notification_id = coalesce(v.notification_id, r.notification_id),
             channel = v.channel::channel,
             cost_vnd = v.cost,
             sent_at = case when v.state = 'sent' then now() else r.sent_at end,
             updated_at = now()
        from jsonb_to_recordset(${data}::jsonb)
          as v(id uuid, state text, reason text, notification_id uuid, channel text, cost bigint)
       where r.id = v.id`);
  };
  if (sending.length) {
    await sendNotificationsNow(
      engine,
      sending.map((s) => s.intent),
      { settled: record },
    );
  } else {
    await record([]);
  }
  return out;
}

interface Item {
  campaignId: string;
  contactId: string;
  round: number;
}

async function runItems(deps: AppDeps, items: Item[]): Promise<RecipientOutcome[]> {
  const states = await campaignStates(
    deps,
    items.map((i) => i.campaignId),
  );
  const results = new Map<string, RecipientOutcome>();
  const byCampaign = new Map<string, Item[]>();
  for (const it of items) {
    const c = states.get(it.campaignId);
    if (c?.status !== 'running' || c.round !== it.round) continue;
    byCampaign.set(it.campaignId, [...(byCampaign.get(it.campaignId) ?? []), it]);
  }
  for (const [cid, list] of byCampaign) {
    const done = await sendBatch(
      deps,
      states.get(cid)!,
      list.map((i) => i.contactId),
    );
    for (const [contactId, o] of done) results.set(`${cid}:${contactId}`, o);
  }
  return items.map((i) => results.get(`${i.campaignId}:${i.contactId}`) ?? 'paused');
}

const dayFull = new WeakMap<AppDeps, { at: number; full: Promise<boolean> }>();

/**
 * The OA's ZNS quota for today is used up (read at most every second per process): a campaign whose audience exceeds
 * the quota spreads over the following days instead of spending its ZNS audience on the fallback.
 */
async function znsDayUsedUp(deps: AppDeps): Promise<boolean> {
  const hit = dayFull.get(deps);
  if (hit && Date.now() - hit.at < 1_000) return hit.full;
  const engine = notifyEngine(deps);
  const account = engine.adapters.zns?.account;
  const full = account ? engine.quota.usage(account).then((u) => u.exhausted) : Promise.resolve(false);
  dayFull.set(deps, { at: Date.now(), full });
  return full;
}

/** 08:00 of the next clinic day, when a recipient held back by the day's ZNS quota is tried again. */
export function nextSendingDay(now: Date, timeZone: string): Date {
  const local = new TZDate(now.getTime(), timeZone);
  return new Date(new TZDate(local.getFullYear(), local.getMonth(), local.getDate() + 1, 8, 0, 0, timeZone).getTime());
}

const batchers = new WeakMap<AppDeps, (item: Item) => Promise<RecipientOutcome>>();

/**
 * The `recipient` job: one per recipient (deterministic id), waiting for the campaign's throttle, then sent together
 * with the other recipients this process holds at the moment. A paused or cancelled campaign (or a job of an earlier
 * round) sends nothing and leaves the recipient pending for the resume.
 */
export async function sendRecipient(deps: AppDeps, job: RecipientJob): Promise<RecipientOutcome> {
  let c = (await campaignStates(deps, [job.campaignId])).get(job.campaignId);
  if (!c || job.round > c.round) {
    // what this process remembers predates a resume: look again
    forgetCampaignState(job.campaignId);
    c = (await campaignStates(deps, [job.campaignId])).get(job.campaignId);
    if (c?.status !== 'running' || c.round !== job.round) return 'paused';
  }
  if (c.channelPlan[0] === 'zns' && (await znsDayUsedUp(deps))) return 'next_day';
  await waitForThrottle(deps, c);
  let submit = batchers.get(deps);
  if (!submit) {
    // a failed batch fails its jobs, which BullMQ retries with their backoff
    submit = groupCommit((items: Item[]) => runItems(deps, items), {
      maxBatch: 250,
      maxInFlight: 3,
      isFatal: () => true,
    });
    batchers.set(deps, submit);
  }
  return submit(job);
}
