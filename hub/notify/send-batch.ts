import { sql } from 'drizzle-orm';
import type { NotifyChannel, NotifySendResult } from '../../adapters/notify/types.ts';
import { notifications } from '../../db/schema/index.ts';
import { createNotifications, type NotificationIntent } from './create-notifications.ts';
import type { NotifyEngine } from './engine.ts';
import { quietUntil } from './quiet-hours.ts';
import { consentAllows, loadReaches } from './recipients.ts';
import { estimateCostVnd, type Prepared, prepare, toNotifyMessage } from './render-notification.ts';
import { scheduleSends } from './schedule-send.ts';
import { failed } from './send-notification.ts';

/** What became of one intent of a batch. */
export type BatchOutcome =
  | { state: 'sent'; notificationId: string; costVnd: number; channel: NotifyChannel }
  /** stored and handed to the ordinary send path (quiet hours, a fallback channel, a provider error, quota) */
  | { state: 'queued'; notificationId: string }
  /** its idempotency key was taken: an earlier run stored it */
  | { state: 'duplicate' };

interface Fast {
  intent: NotificationIntent;
  /** its channel plan, the first of which is `channel` */
  plan: string[];
  channel: NotifyChannel;
  to: string;
  rendering: Prepared;
}

/**
 * Stores many notifications and sends the plain ones at once, in process, with the database writes of the whole
 * batch grouped (one insert of the rows, one of their attempts, one update for the accepted ones): the path of bulk
 * sends such as campaigns. A notification goes this way only when its first channel can take it now (outside quiet
 * hours, an address, consent, a configured adapter, ZNS quota left); every other one is stored `pending` and sent by
 * the ordinary per-notification job, as is any whose provider call fails (retry, fallback, parking). Rows are
 * written `sending` with a lease, so a worker that dies mid-batch is reconciled by the notification sweep.
 */
export async function sendNotificationsNow(
  engine: NotifyEngine,
  intents: NotificationIntent[],
  opts: {
    /** the caller's own bookkeeping of the outcomes, written alongside (not after) the accepted sends */
    settled?(outcomes: BatchOutcome[]): Promise<void>;
  } = {},
): Promise<BatchOutcome[]> {
  const { db } = engine.deps;
  const s = engine.settings;
  const reaches = await loadReaches(db, [...new Set(intents.map((i) => i.contactId))]);
  const quiet = quietUntil(engine.now(), s.timeZone, s.quiet);
  const candidates: Fast[] = [];
  for (const intent of intents) {
    const def = engine.templates.get(intent.type);
    const plan = intent.plan ?? s.plans[intent.type] ?? def?.plan ?? [];
    const channel = plan[0] as NotifyChannel | undefined;
    const purpose = intent.purpose ?? def?.purpose ?? 'marketing';
    const reach = reaches.get(intent.contactId);
    const adapter = channel ? engine.adapters[channel] : undefined;
    const to = channel ? reach?.addresses[channel] : undefined;
    if (!def || !channel || !reach || !to || !adapter) continue;
    if (quiet && !(intent.urgent ?? def.urgent) && purpose !== 'transactional') continue;
    if (!consentAllows(reach, channel, purpose)) continue;
    // the opt-out link is made per notification id, which is not known yet: channels that carry one go slowly
    if (purpose !== 'transactional' && channel === 'email') continue;
    const vars = def.variables.safeParse(intent.params);
    if (!vars.success) continue;
    const rendering = prepare(s, def, channel, vars.data as Record<string, string>);
    if (!rendering) continue;
    candidates.push({ intent, plan, channel, to, rendering });
  }
  // ZNS sends take their units of the day's quota in one call per OA; the ones left without go the ordinary way
  // (which moves them to the fallback channel once the day is used up)
  const fast = new Map<string, Fast>();
  const znsAccount = engine.adapters.zns?.account;
  const znsWanted = candidates.filter((c) => c.channel === 'zns').length;
  let znsGranted = znsAccount ? await engine.quota.takeMany(znsAccount, znsWanted) : 0;
  for (const c of candidates) {
    if (c.channel === 'zns') {
      if (znsGranted === 0) continue;
      znsGranted--;
    }
    fast.set(c.intent.idempotencyKey, c);
  }

  // one insert for the batch: the fast ones claimed for this worker (`sending` with a lease), the others `pending`
  const slowIntents = intents.filter((i) => !fast.has(i.idempotencyKey));
  const created = new Map<string, { id: string; version: number; sendAfter: Date }>();
  const attemptIds = new Map<string, string>();
  await db.transaction(async (tx) => {
    const slow = await createNotifications(engine, tx, slowIntents);
    const fastRows = [...fast.values()];
    // the claimed rows and their attempts in one statement: the attempt (`queued`) is written before any provider
    // call, the evidence reconcile.ts relies on
    const made = fastRows.length
      ? await tx.execute<{ id: string; idempotency_key: string; attempt_id: string }>(sql`
          with v as (
            select * from jsonb_to_recordset(${JSON.stringify(
              fastRows.map((f) => {
                const def = engine.templates.get(f.intent.type)!;
                const adapter = engine.adapters[f.channel]!;
                return {
                  contact_id: f.intent.contactId,
                  patient_id: f.intent.patientId ?? null,
                  purpose: f.intent.purpose ?? def.purpose,
                  template_key: f.intent.type,
                  params: f.intent.params,
                  channel_plan: `{${f.plan.join(',')}}`,
                  idempotency_key: f.intent.idempotencyKey,
                  urgent: f.intent.urgent ?? def.urgent,
                  channel: f.channel,
                  provider: adapter.provider,
                  account: adapter.account,
                };
              }),
            )}::jsonb) as v(contact_id uuid, patient_id uuid, purpose text, template_key text, params jsonb,
                            channel_plan text, idempotency_key text, urgent boolean, channel text, provider text,
                            account text)),
          made as (
            insert into ${notifications}
              (contact_id, patient_id, purpose, template_key, params, channel_plan, idempotency_key, urgent, state,
               lease_until)
            select v.contact_id, v.patient_id, v.purpose::consent_purpose, v.template_key, v.params,
                   v.channel_plan::channel[], v.idempotency_key, v.urgent, 'sending',
                   now() + make_interval(secs => ${s.leaseMs / 1000})
              from v
            on conflict (idempotency_key) do nothing
            returning id, idempotency_key),
          attempt as (
            insert into notification_attempts (notification_id, channel, provider, account, attempt_no, state)
            select made.id, v.channel::channel, v.provider, v.account, 1, 'queued'
              from made join v using (idempotency_key)
            returning id, notification_id)
          select made.id, made.idempotency_key, attempt.id as attempt_id
            from made join attempt on attempt.notification_id = made.id`)
      : { rows: [] };
    for (const r of made.rows) attemptIds.set(r.id, r.attempt_id);
    for (const r of made.rows) created.set(r.idempotency_key, { id: r.id, version: 0, sendAfter: new Date() });
    // createNotifications returns rows in insert order, without their keys: match them back by position among
    // the ones it inserted (a taken key returns nothing, so look the ids up by key instead)
    if (slow.length) {
      const ids = slow.map((r) => r.id);
      const keyed = await tx.execute<{ id: string; idempotency_key: string }>(
        sql`select id, idempotency_key from ${notifications} where id in ${ids}`,
      );
      const byId = new Map(slow.map((r) => [r.id, r]));
      for (const k of keyed.rows) created.set(k.idempotency_key, byId.get(k.id)!);
    }
  });
  // quota taken for a row that turned out to exist already goes back
  const unused = [...fast.values()].filter((f) => f.channel === 'zns' && !created.has(f.intent.idempotencyKey));
  if (znsAccount) await engine.quota.giveBack(znsAccount, unused.length);
  const slowRows = slowIntents.flatMap((i) => {
    const r = created.get(i.idempotencyKey);
    return r ? [r] : [];
  });
  await scheduleSends(engine, slowRows);

  const claimed = [...fast.values()].flatMap((f) => {
    const r = created.get(f.intent.idempotencyKey);
    return r ? [{ ...f, id: r.id }] : [];
  });

  const accepted: { id: string; attemptId: string; result: NotifySendResult; cost: number; channel: NotifyChannel }[] =
    [];
  const outcome = new Map<string, BatchOutcome>();
  await Promise.all(
    claimed.map(async (c) => {
      const adapter = engine.adapters[c.channel]!;
      const attemptId = attemptIds.get(c.id)!;
      const rate = s.rates[c.channel];
      if (rate > 0) {
        const wait = await engine.limiter.reserve(`${adapter.provider}:${adapter.account}`, rate);
        if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      }
      try {
        const result = await adapter.send(toNotifyMessage(c.rendering, c.id, c.to));
        const cost = result.costVnd ?? estimateCostVnd(s, c.rendering);
        accepted.push({ id: c.id, attemptId, result, cost, channel: c.channel });
        if (c.channel === 'zns' && result.remainingQuota === 0) await engine.quota.exhaust(adapter.account);
        outcome.set(c.intent.idempotencyKey, {
          state: 'sent',
          notificationId: c.id,
          costVnd: cost,
          channel: c.channel,
        });
      } catch (err) {
        if (c.channel === 'zns') await engine.quota.giveBack(adapter.account);
        await failed(engine, { id: c.id, channelPlan: c.plan, planIndex: 0 }, 0, c.channel, attemptId, err);
        outcome.set(c.intent.idempotencyKey, { state: 'queued', notificationId: c.id });
      }
    }),
  );
  const outcomes = intents.map((i): BatchOutcome => {
    const done = outcome.get(i.idempotencyKey);
    if (done) return done;
    const r = created.get(i.idempotencyKey);
    return r ? { state: 'queued', notificationId: r.id } : { state: 'duplicate' };
  });
  await Promise.all([accepted.length ? markAccepted(engine, accepted) : undefined, opts.settled?.(outcomes)]);
  return outcomes;
}

/** attemptAccepted for many rows in one statement (attempts and their notifications). */
async function markAccepted(
  engine: NotifyEngine,
  rows: { id: string; attemptId: string; result: NotifySendResult; cost: number; channel: NotifyChannel }[],
) {
  const data = JSON.stringify(
    rows.map((r) => ({
      id: r.id,
      attempt_id: r.attemptId,
      provider_message_id: r.result.providerMessageId,
      cost: Math.round(r.cost),
      fresh: r.result.delivered ? 'delivered' : 'sent',
      channel: r.channel,
    })),
  );
  await engine.deps.db.execute(sql`
    with v as (
      select * from jsonb_to_recordset(${data}::jsonb)
        as v(id uuid, attempt_id uuid, provider_message_id text, cost bigint, fresh text, channel text)),
    a as (
      update notification_attempts a
         set state = case when a.state in ('delivered', 'read') then a.state else v.fresh::delivery_state end,
             provider_message_id = v.provider_message_id,
             cost_vnd = v.cost,
             sent_at = coalesce(a.sent_at, now()),
             delivered_at = case when v.fresh = 'delivered' then coalesce(a.delivered_at, now()) else a.delivered_at end
        from v where a.id = v.attempt_id
      returning a.id)
    update notifications n
       set state = case when n.state in ('delivered', 'read') then n.state else v.fresh::notification_state end,
           delivered_via = v.channel::channel,
           lease_until = null,
           last_error = null,
           completed_at = coalesce(n.completed_at, now()),
           updated_at = now()
      from v
     where n.id = v.id and n.state in ('sending', 'delivered', 'read')`);
}
