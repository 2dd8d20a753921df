import { consumeOnce, type OutboxJobData } from '../platform/outbox.ts';
import { createNotifications } from './create-notifications.ts';
import type { NotifyEngine } from './engine.ts';
import { applyRules } from './event-rules.ts';
import { type Due, scheduleSends } from './schedule-send.ts';
import { sendNotification } from './send-notification.ts';

/**
 * One domain event on the `notify` queue: its rules run once per event (consumeOnce) in one transaction with the
 * notifications they create and the reminders they cancel. After the commit, what is due now is sent right here (one
 * queue hop less per notice) and the rest is queued for later; a crash in between leaves due rows without a job,
 * which the sweep queues again.
 */
export async function handleNotifyEvent(engine: NotifyEngine, ev: OutboxJobData): Promise<string> {
  let created: Due[] = [];
  const fresh = await consumeOnce(engine.deps.db, 'notify', ev.eventId, async (tx) => {
    created = await createNotifications(engine, tx, await applyRules(engine, tx, ev));
  });
  if (!fresh) return 'already_consumed';
  const now = Date.now();
  await scheduleSends(
    engine,
    created.filter((r) => r.sendAfter.getTime() > now),
  );
  for (const r of created.filter((x) => x.sendAfter.getTime() <= now)) {
    await sendNotification(engine, { notificationId: r.id, version: r.version });
  }
  return `created ${created.length}`;
}
