import { and, eq, sql } from 'drizzle-orm';
import type { NotifyChannel, NotifySendResult } from '../../adapters/notify/types.ts';
import type { DbOrTx } from '../../db/client.ts';
import { notificationAttempts, type SendErrorClass } from '../../db/schema/index.ts';

const nextNo = (notificationId: string, channel: NotifyChannel) =>
  sql`(select coalesce(max(a.attempt_no), 0) + 1 from notification_attempts a
        where a.notification_id = ${notificationId} and a.channel = ${channel})`;

/**
 * Records a try before the provider is called and commits it: if the worker dies during the call, the `queued` row
 * is the evidence that the provider may have the message (reconciled by the sweep, see reconcile.ts).
 */
export async function openAttempt(
  db: DbOrTx,
  notificationId: string,
  channel: NotifyChannel,
  provider: string,
  account: string,
): Promise<string> {
  const [a] = await db
    .insert(notificationAttempts)
    .values({ notificationId, channel, provider, account, attemptNo: nextNo(notificationId, channel), state: 'queued' })
    .returning({ id: notificationAttempts.id });
  return a!.id;
}

/** A channel passed over without a call (not configured, quota used up, no version of the template). */
export async function skippedAttempt(
  db: DbOrTx,
  notificationId: string,
  channel: NotifyChannel,
  errorClass: SendErrorClass,
  code: string,
  reason: string,
) {
  await db.insert(notificationAttempts).values({
    notificationId,
    channel,
    attemptNo: nextNo(notificationId, channel),
    state: 'failed',
    errorClass,
    errorCode: code.slice(0, 100),
    errorMessage: reason.slice(0, 500),
    failedAt: sql`now()`,
  });
}

export async function attemptFailed(
  db: DbOrTx,
  attemptId: string,
  errorClass: SendErrorClass,
  code: string,
  reason: string,
) {
  await db
    .update(notificationAttempts)
    .set({
      state: 'failed',
      errorClass,
      errorCode: code.slice(0, 100),
      errorMessage: reason.slice(0, 500),
      failedAt: sql`now()`,
    })
    .where(and(eq(notificationAttempts.id, attemptId), eq(notificationAttempts.state, 'queued')));
}

/**
 * The provider took the message: the attempt and the notification become `sent` (or `delivered` when the provider
 * confirmed delivery on acceptance), unless a delivery report already moved them further while the answer was on its
 * way (the twin and real providers can report before the HTTP answer is stored).
 */
export async function attemptAccepted(
  db: DbOrTx,
  notificationId: string,
  attemptId: string,
  channel: NotifyChannel,
  result: NotifySendResult,
  costVnd: number,
) {
  const fresh = result.delivered ? 'delivered' : 'sent';
  const deliveredAt = result.delivered ? sql`coalesce(a.delivered_at, now())` : sql`a.delivered_at`;
  // one statement for both rows: this runs for every send
  await db.execute(sql`
    with a as (
      update notification_attempts a
         set state = case when a.state in ('delivered', 'read') then a.state else ${fresh}::delivery_state end,
             provider_message_id = ${result.providerMessageId},
             cost_vnd = ${Math.round(costVnd)},
             sent_at = coalesce(a.sent_at, now()),
             delivered_at = ${deliveredAt}
       where a.id = ${attemptId}
      returning a.id)
    update notifications n
       set state = case when n.state in ('delivered', 'read') then n.state else ${fresh}::notification_state end,
           delivered_via = ${channel},
           lease_until = null,
           last_error = null,
           completed_at = coalesce(n.completed_at, now()),
           updated_at = now()
     where n.id = ${notificationId} and n.state in ('sending', 'delivered', 'read')`);
}
