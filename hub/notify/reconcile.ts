import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import { notificationAttempts, notifications, webhookEvents } from '../../db/schema/index.ts';
import { jobId } from '../platform/queues.ts';
import { attemptFailed } from './attempts.ts';
import type { NotifyEngine } from './engine.ts';
import { reportSources } from './report-intake.ts';
import { scheduleSends } from './schedule-send.ts';
import { release } from './transitions.ts';

const batch = 500;

/**
 * Sends whose worker died (SIGKILL, crash, lost node): the row is still `sending` after its lease. If the dead worker
 * had recorded an attempt (`queued`) the provider may have the message: the provider's delivery report, which carries
 * the notification id as tracking id, settles it (delivery-reports.ts). Only when no report came within
 * NOTIFY_INDOUBT_GRACE_SECONDS is it sent again. Without such an attempt the provider was never called: the row simply
 * goes back to `pending`.
 */
export async function reconcileAbandoned(engine: NotifyEngine): Promise<{ released: number; resent: number }> {
  const { db } = engine.deps;
  const rows = await db
    .select({
      id: notifications.id,
      channelPlan: notifications.channelPlan,
      planIndex: notifications.planIndex,
      channelTries: notifications.channelTries,
    })
    .from(notifications)
    .where(and(eq(notifications.state, 'sending'), sql`${notifications.leaseUntil} < now()`))
    .limit(batch);
  let released = 0;
  let resent = 0;
  for (const row of rows) {
    const channel = row.channelPlan[row.planIndex];
    const [open] = await db
      .select({ id: notificationAttempts.id, createdAt: notificationAttempts.createdAt })
      .from(notificationAttempts)
      .where(
        and(
          eq(notificationAttempts.notificationId, row.id),
          eq(notificationAttempts.state, 'queued'),
          ...(channel ? [sql`${notificationAttempts.channel} = ${channel}`] : []),
        ),
      )
      .orderBy(desc(notificationAttempts.createdAt))
      .limit(1);
    if (open && Date.now() - open.createdAt.getTime() < engine.settings.inDoubtGraceMs) continue;
    // a stored report not applied yet that names this notification settles it first (the next sweep looks again)
    if (open && (await reportWaiting(engine, row.id))) continue;
    if (open) {
      await attemptFailed(
        db,
        open.id,
        'transient',
        'in_doubt',
        'Tiến trình gửi bị dừng, không có báo cáo từ nhà cung cấp: gửi lại',
      );
      resent++;
    } else {
      released++;
    }
    await release(engine, row, new Date(), { lastError: 'Tiến trình gửi bị dừng giữa chừng' });
  }
  return { released, resent };
}

/** A delivery callback stored but not yet applied whose body carries this tracking id (ZNS, eSMS echo it). */
async function reportWaiting(engine: NotifyEngine, notificationId: string): Promise<boolean> {
  const r = await engine.deps.db
    .select({ id: webhookEvents.id })
    .from(webhookEvents)
    .where(
      and(
        inArray(webhookEvents.source, [...reportSources]),
        eq(webhookEvents.state, 'processing'),
        sql`(strpos(${webhookEvents.rawBody}, ${notificationId}) > 0 or strpos(${webhookEvents.headers}::text, ${notificationId}) > 0)`,
      ),
    )
    .limit(1);
  return r.length > 0;
}

const waitingStates = new Set<string>(['waiting', 'active', 'delayed', 'prioritized', 'waiting-children']);

/**
 * Due notifications with no job to send them: a crash between the commit and the queueing, or a job that failed
 * outright (the database was away). They get a new version and a fresh job; a job still waiting keeps its row alone.
 */
export async function requeueDue(engine: NotifyEngine): Promise<number> {
  const { db, queues } = engine.deps;
  const rows = await db
    .select({ id: notifications.id, version: notifications.version, sendAfter: notifications.sendAfter })
    .from(notifications)
    .where(
      and(
        eq(notifications.state, 'pending'),
        sql`${notifications.sendAfter} < now() - make_interval(secs => ${engine.settings.sweepMs / 1000})`,
      ),
    )
    .limit(batch);
  const stranded: { id: string; version: number }[] = [];
  for (const r of rows) {
    const id = jobId.notifySend(r.id, r.version);
    const states = await Promise.all([queues.notify.getJobState(id), queues.reminders.getJobState(id)]);
    // an `active` job that has not claimed its row within a lease belongs to a worker that died: BullMQ would give
    // it back only after its own lock runs out, so a fresh version goes now (the old job then finds nothing to do)
    const abandoned = states.includes('active') && Date.now() - r.sendAfter.getTime() > engine.settings.leaseMs;
    if (abandoned || !states.some((s) => waitingStates.has(s))) stranded.push(r);
  }
  if (stranded.length === 0) return 0;
  const bumped = await db
    .update(notifications)
    .set({ version: sql`${notifications.version} + 1` })
    .where(
      and(
        eq(notifications.state, 'pending'),
        sql`(${notifications.id}, ${notifications.version}) in (${sql.join(
          stranded.map((s) => sql`(${s.id}::uuid, ${s.version})`),
          sql`, `,
        )})`,
      ),
    )
    .returning({ id: notifications.id, version: notifications.version, sendAfter: notifications.sendAfter });
  await scheduleSends(engine, bumped);
  return bumped.length;
}
