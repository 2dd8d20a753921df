import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import type { DeliveryReport } from '../../adapters/notify/types.ts';
import { notificationAttempts, notifications } from '../../db/schema/index.ts';
import type { NotifyEngine } from './engine.ts';
import { nextChannel } from './transitions.ts';

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A report that names no attempt the hub has recorded yet (the send's answer is still being stored). */
export class ReportTooEarlyError extends Error {}

/** The attempt a report is about: by the provider's id, else by our tracking id (the notification id) and channel. */
async function findAttempt(engine: NotifyEngine, r: DeliveryReport) {
  const { db } = engine.deps;
  const [byId] = await db
    .select()
    .from(notificationAttempts)
    .where(
      and(eq(notificationAttempts.channel, r.channel), eq(notificationAttempts.providerMessageId, r.providerMessageId)),
    );
  if (byId) return byId;
  if (!r.trackingId || !uuid.test(r.trackingId)) return undefined;
  // the send's answer is not stored yet, or its worker died during the call: the open attempt is this one
  const [byTracking] = await db
    .select()
    .from(notificationAttempts)
    .where(
      and(
        eq(notificationAttempts.notificationId, r.trackingId),
        eq(notificationAttempts.channel, r.channel),
        inArray(notificationAttempts.state, ['queued', 'sent']),
      ),
    )
    .orderBy(desc(notificationAttempts.createdAt))
    .limit(1);
  return byTracking;
}

/**
 * Applies one delivery report: the attempt moves forward only (sent → delivered → read; a report never undoes a
 * later state), and so does its notification. A delivery failure of the channel that had taken the notification sends
 * it on to the next channel of its plan (a ZNS the phone never got → SMS).
 */
export async function applyDeliveryReport(engine: NotifyEngine, r: DeliveryReport, lastTry: boolean): Promise<boolean> {
  const { db } = engine.deps;
  const attempt = await findAttempt(engine, r);
  if (!attempt) {
    if (lastTry) return false;
    throw new ReportTooEarlyError('delivery report before its send was recorded');
  }
  const at = r.at.toISOString();
  if (r.state === 'failed') {
    const [failed] = await db
      .update(notificationAttempts)
      .set({
        state: 'failed',
        errorClass: 'permanent',
        errorCode: (r.code ?? 'undelivered').slice(0, 100),
        errorMessage: 'Nhà cung cấp báo không giao được tin',
        failedAt: sql`${at}::timestamptz`,
        providerMessageId: sql`coalesce(${notificationAttempts.providerMessageId}, ${r.providerMessageId})`,
      })
      .where(and(eq(notificationAttempts.id, attempt.id), inArray(notificationAttempts.state, ['queued', 'sent'])))
      .returning({ id: notificationAttempts.id });
    if (!failed) return true;
    const [n] = await db.select().from(notifications).where(eq(notifications.id, attempt.notificationId));
    if (n?.state === 'sent' && n.deliveredVia === attempt.channel) {
      await nextChannel(
        engine,
        n,
        `${attempt.channel}: nhà cung cấp báo không giao được (${r.code ?? 'undelivered'})`,
        'sent',
      );
    }
    return true;
  }
  const read = r.state === 'read';
  await db.transaction(async (tx) => {
    await tx
      .update(notificationAttempts)
      .set({
        state: sql`case when ${notificationAttempts.state} = 'read' then 'read'::delivery_state
                   else ${r.state}::delivery_state end`,
        providerMessageId: sql`coalesce(${notificationAttempts.providerMessageId}, ${r.providerMessageId})`,
        ...(r.costVnd !== undefined ? { costVnd: Math.round(r.costVnd) } : {}),
        sentAt: sql`coalesce(${notificationAttempts.sentAt}, ${at}::timestamptz)`,
        deliveredAt: sql`coalesce(${notificationAttempts.deliveredAt}, ${at}::timestamptz)`,
        ...(read ? { readAt: sql`coalesce(${notificationAttempts.readAt}, ${at}::timestamptz)` } : {}),
      })
      .where(
        and(
          eq(notificationAttempts.id, attempt.id),
          inArray(notificationAttempts.state, ['queued', 'sent', 'delivered']),
        ),
      );
    // a delivered message settles its notification whatever it was doing: even a row waiting to be re-sent after its
    // worker died (the report proves the provider had it), so the patient is never told twice
    await tx
      .update(notifications)
      .set({
        state: read
          ? 'read'
          : sql`case when ${notifications.state} = 'read' then 'read'::notification_state else 'delivered'::notification_state end`,
        deliveredVia: attempt.channel,
        leaseUntil: null,
        lastError: null,
        completedAt: sql`coalesce(${notifications.completedAt}, now())`,
      })
      .where(
        and(
          eq(notifications.id, attempt.notificationId),
          inArray(notifications.state, [
            'pending',
            'sending',
            'sent',
            'delivered',
            ...(read ? [] : (['read'] as const)),
          ]),
        ),
      );
  });
  return true;
}
