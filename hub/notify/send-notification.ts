import { and, eq, sql } from 'drizzle-orm';
import { PermanentError, RateLimitError, TransientError } from '../../adapters/channels/errors.ts';
import type { NotifyChannel, NotifySendResult } from '../../adapters/notify/types.ts';
import { notifications } from '../../db/schema/index.ts';
import { attemptAccepted, attemptFailed, openAttempt, skippedAttempt } from './attempts.ts';
import type { NotifyEngine } from './engine.ts';
import { optOutToken, optOutUrl } from './opt-out-links.ts';
import { quietUntil } from './quiet-hours.ts';
import { consentAllows, loadReach } from './recipients.ts';
import { estimateCostVnd, prepare, toNotifyMessage } from './render-notification.ts';
import type { SendJobData } from './schedule-send.ts';
import { type Held, nextChannel, release } from './transitions.ts';

/** Longest a worker waits in place for a rate-limit slot; longer waits go back to the queue as a delayed job. */
const inlineWaitMs = 1_000;
/** A provider's "wait until …" longer than this moves the plan on instead (a day-late reminder is useless). */
const longestProviderWaitMs = 3_600_000;

const label: Record<NotifyChannel, string> = {
  zns: 'ZNS',
  sms: 'SMS',
  email: 'Email',
  zalo_oa: 'Zalo OA',
  miniapp: 'Mini App',
};

/**
 * One send round of one notification (the `send` job). Claims the row (pending → sending, with a lease), checks
 * quiet hours, consent, address, quota and the provider account's rate, records the attempt, calls the provider with
 * the notification id as tracking id, and moves the row by the outcome: accepted → sent (no later channel is ever
 * tried); permanent error or exhausted quota → next channel; rate limit → wait; transient → retry with backoff, then
 * next channel. A job for an old version, or a row another worker holds, does nothing.
 */
export async function sendNotification(engine: NotifyEngine, job: SendJobData): Promise<string> {
  const { db } = engine.deps;
  const [row] = await db
    .update(notifications)
    .set({ state: 'sending', leaseUntil: sql`now() + make_interval(secs => ${engine.settings.leaseMs / 1000})` })
    .where(
      and(
        eq(notifications.id, job.notificationId),
        eq(notifications.state, 'pending'),
        eq(notifications.version, job.version),
        // a delayed job may be promoted a moment before PostgreSQL's clock says it is due
        sql`${notifications.sendAfter} <= now() + interval '1 second'`,
      ),
    )
    .returning();
  if (!row) return 'stale';
  const held: Held = { id: row.id, channelPlan: row.channelPlan, planIndex: row.planIndex };
  const channel = row.channelPlan[row.planIndex] as NotifyChannel | undefined;
  const def = engine.templates.get(row.templateKey as never);
  if (!channel || !def)
    return nextChannel(engine, { ...held, planIndex: row.channelPlan.length }, 'Mẫu hoặc kênh không hợp lệ');

  if (!row.urgent && row.purpose !== 'transactional') {
    const until = quietUntil(engine.now(), engine.settings.timeZone, engine.settings.quiet);
    if (until)
      return (await release(engine, held, until, { lastError: 'Chờ hết giờ yên lặng' })) ? 'quiet_hours' : 'stale';
  }

  const reach = await loadReach(db, row.contactId);
  const adapter = engine.adapters[channel];
  const to = reach?.addresses[channel];
  if (!reach || !to) return nextChannel(engine, held, `${label[channel]}: chưa có địa chỉ nhận`);
  if (!consentAllows(reach, channel, row.purpose))
    return nextChannel(engine, held, `${label[channel]}: chưa có đồng ý`);
  if (!adapter) {
    await skippedAttempt(db, row.id, channel, 'permanent', 'channel_not_configured', 'Kênh chưa được cấu hình');
    return nextChannel(engine, held, `${label[channel]}: kênh chưa được cấu hình`);
  }

  const vars = def.variables.safeParse(Object.fromEntries(Object.entries(row.params).map(([k, v]) => [k, String(v)])));
  const s = engine.settings;
  const unsubscribeUrl =
    row.purpose === 'transactional'
      ? undefined
      : optOutUrl(
          s.publicUrl,
          optOutToken(s.linkSecret, {
            contactId: row.contactId,
            channel,
            purpose: row.purpose,
            notificationId: row.id,
          }),
        );
  const rendering = vars.success
    ? prepare(s, def, channel, vars.data as Record<string, string>, { unsubscribeUrl })
    : undefined;
  if (!rendering) {
    await skippedAttempt(db, row.id, channel, 'permanent', 'template', 'Không dựng được nội dung cho kênh này');
    return nextChannel(engine, held, `${label[channel]}: không dựng được nội dung`);
  }

  const account = adapter.account;
  if (channel === 'zns' && !(await engine.quota.take(account))) {
    await skippedAttempt(db, row.id, channel, 'rate_limited', 'quota', 'Hết hạn mức ZNS trong ngày');
    return nextChannel(engine, held, 'ZNS: hết hạn mức trong ngày');
  }
  const giveBack = () => (channel === 'zns' ? engine.quota.giveBack(account) : Promise.resolve());
  if (!job.reserved) {
    const wait = await engine.limiter.reserve(`${adapter.provider}:${account}`, s.rates[channel]);
    if (wait > inlineWaitMs) {
      await giveBack();
      const moved = await release(engine, held, new Date(Date.now() + wait), { reserved: true });
      return moved ? 'rate_wait' : 'stale';
    }
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
  }

  const attemptId = await openAttempt(db, row.id, channel, adapter.provider, account);
  let result: NotifySendResult;
  try {
    result = await adapter.send(toNotifyMessage(rendering, row.id, to));
  } catch (err) {
    await giveBack();
    return failed(engine, held, row.channelTries, channel, attemptId, err);
  }
  await attemptAccepted(db, row.id, attemptId, channel, result, result.costVnd ?? estimateCostVnd(s, rendering));
  if (channel === 'zns' && result.remainingQuota === 0) await engine.quota.exhaust(account);
  return 'sent';
}

/** A provider call threw: the attempt is closed and the row moves by the error's class (also used by send-batch). */
export async function failed(
  engine: NotifyEngine,
  held: Held,
  tries: number,
  channel: NotifyChannel,
  attemptId: string,
  err: unknown,
): Promise<string> {
  const { db, logger } = engine.deps;
  const code =
    err instanceof PermanentError || err instanceof RateLimitError || err instanceof TransientError
      ? err.providerCode
      : 'error';
  const reason =
    err instanceof PermanentError || err instanceof RateLimitError || err instanceof TransientError
      ? err.reason
      : 'Lỗi không xác định khi gửi';
  // the class and code only: a provider's text may quote the recipient
  logger.info({ notificationId: held.id, channel, code, error: (err as Error)?.name }, 'notification send failed');
  if (err instanceof PermanentError) {
    await attemptFailed(db, attemptId, 'permanent', code, reason);
    return nextChannel(engine, held, `${label[channel]}: ${reason} (${code})`);
  }
  if (err instanceof RateLimitError) {
    await attemptFailed(db, attemptId, 'rate_limited', code, reason);
    if (code === 'quota' && channel === 'zns') {
      await engine.quota.exhaust(engine.adapters.zns?.account ?? '');
      return nextChannel(engine, held, `${label[channel]}: ${reason}`);
    }
    if (code === 'quota' || err.retryAfterMs > longestProviderWaitMs) {
      return nextChannel(engine, held, `${label[channel]}: ${reason}`);
    }
    const moved = await release(engine, held, new Date(Date.now() + err.retryAfterMs), { lastError: reason });
    return moved ? 'rate_limited' : 'stale';
  }
  await attemptFailed(db, attemptId, 'transient', code, reason);
  const n = tries + 1;
  if (n >= engine.settings.maxTries) {
    return nextChannel(engine, held, `${label[channel]}: ${reason} (đã thử ${n} lần)`);
  }
  const backoff = Math.min(engine.settings.retryBaseMs * 2 ** (n - 1), 3_600_000);
  const moved = await release(engine, held, new Date(Date.now() + backoff), { channelTries: n, lastError: reason });
  return moved ? 'retry' : 'stale';
}
