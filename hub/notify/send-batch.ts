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
): Promise<BatchOutcome[]> {
  const { db } = engine.deps;
  const s = engine.settings;
  const reaches = await loadReaches(engine.deps.db, [...new Set(intents.map((i) => i.contactId))]);
  const quiet = quietUntil(engine.now(), s.timeZone, s.quiet);
  const fast = new Map<string, Fast>();
  const takenQuota: string[] = [];
  await Promise.all(
    intents.map(async (intent) => {
      const def = engine.templates.get(intent.type);
      const plan = intent.plan ?? engine.settings.plans[intent.type] ?? def?.plan ?? [];
      const channel = plan[0] as NotifyChannel | undefined;
      const purpose = intent.purpose ?? def?.purpose ?? 'marketing';
      const reach = reaches.get(intent.contactId);
      const adapter = channel ? engine.adapters[channel] : undefined;
      const to = channel ? reach?.addresses[channel] : undefined;
      if (!def || !channel || !reach || !to || !adapter) return;
      if (quiet && !(intent.urgent ?? def.urgent) && purpose !== 'transactional') return;
      if (!consentAllows(reach, channel, purpose)) return;
      // the opt-out link is made per notification id, which is not known yet: channels that carry one go slowly
      if (purpose !== 'transactional' && channel === 'email') return;
      const vars = def.variables.safeParse(intent.params);
      if (!vars.success) return;
      const rendering = prepare(s, def, channel, vars.data as Record<string, string>);
      if (!rendering) return;
      if (channel === 'zns') {
        if (!(await engine.quota.take(adapter.account))) return;
        takenQuota.push(intent.idempotencyKey);
      }
      fast.set(intent.idempotencyKey, { intent, channel, to, rendering });
    }),
  );

  // one insert for the batch: the fast ones claimed for this worker (`sending` with a lease), the others `pending`
  const slowIntents = intents.filter((i) => !fast.has(i.idempotencyKey));
  const created = new Map<string, { id: string; version: number; sendAfter: Date }>();
  await db.transaction(async (tx) => {
    const slow = await createNotifications(engine, tx, slowIntents);
    const fastRows = [...fast.values()];
    const made = fastRows.length
      ? await tx.execute<{ id: string; idempotency_key: string }>(sql`
          insert into ${notifications}
            (contact_id, patient_id, purpose, template_key, params, channel_plan, idempotency_key, urgent, state,
             lease_until)
          select v.contact_id, v.patient_id, v.purpose::consent_purpose, v.template_key, v.params,
                 v.channel_plan::channel[], v.idempotency_key, v.urgent, 'sending',
                 now() + make_interval(secs => ${s.leaseMs / 1000})
            from jsonb_to_recordset(${JSON.stringify(
              fastRows.map((f) => {
                const def = engine.templates.get(f.intent.type)!;
                return {
                  contact_id: f.intent.contactId,
                  patient_id: f.intent.patientId ?? null,
                  purpose: f.intent.purpose ?? def.purpose,
                  template_key: f.intent.type,
                  params: f.intent.params,
                  channel_plan: `{${(f.intent.plan ?? s.plans[f.intent.type] ?? def.plan).join(',')}}`,
                  idempotency_key: f.intent.idempotencyKey,
                  urgent: f.intent.urgent ?? def.urgent,
                };
              }),
            )}::jsonb) as v(contact_id uuid, patient_id uuid, purpose text, template_key text, params jsonb,
                            channel_plan text, idempotency_key text, urgent boolean)
          on conflict (idempotency_key) do nothing
          returning id, idempotency_key`)
      : { rows: [] };
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
  const unused = takenQuota.filter((k) => !created.has(k));
  await Promise.all(unused.map((k) => engine.quota.giveBack(engine.adapters[fast.get(k)!.channel]!.account)));
  const slowRows = slowIntents.flatMap((i) => {
    const r = created.get(i.idempotencyKey);
    return r ? [r] : [];
  });
  await scheduleSends(engine, slowRows);

  // the attempts of the claimed rows, written before any provider call (the evidence reconcile.ts relies on)
  const claimed = [...fast.values()].flatMap((f) => {
    const r = created.get(f.intent.idempotencyKey);
    return r ? [{ ...f, id: r.id }] : [];
  });
  const attemptIds = new Map<string, string>();
  if (claimed.length) {
    const a = await db.execute<{ id: string; notification_id: string }>(sql`
      insert into notification_attempts (notification_id, channel, provider, account, attempt_no, state)
      select v.notification_id, v.channel::channel, v.provider, v.account, 1, 'queued'
        from jsonb_to_recordset(${JSON.stringify(
          claimed.map((c) => ({
            notification_id: c.id,
            channel: c.channel,
            provider: engine.adapters[c.channel]!.provider,
            account: engine.adapters[c.channel]!.account,
          })),
        )}::jsonb) as v(notification_id uuid, channel text, provider text, account text)
      returning id, notification_id`);
    for (const r of a.rows) attemptIds.set(r.notification_id, r.id);
  }

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
        const plan = c.intent.plan ?? s.plans[c.intent.type] ?? engine.templates.get(c.intent.type)!.plan;
        await failed(engine, { id: c.id, channelPlan: plan, planIndex: 0 }, 0, c.channel, attemptId, err);
        outcome.set(c.intent.idempotencyKey, { state: 'queued', notificationId: c.id });
      }
    }),
  );
  if (accepted.length) await markAccepted(engine, accepted);

  return intents.map((i) => {
    const done = outcome.get(i.idempotencyKey);
    if (done) return done;
    const r = created.get(i.idempotencyKey);
    return r ? { state: 'queued', notificationId: r.id } : { state: 'duplicate' };
  });
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
