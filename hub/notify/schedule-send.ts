import { jobId } from '../platform/queues.ts';
import type { NotifyEngine } from './engine.ts';

export const sendJobName = 'send';

export interface SendJobData {
  notificationId: string;
  /** the row version this round was queued for; a newer version makes the job a no-op */
  version: number;
  /** a rate-limit slot was already reserved for this round (the job waited for it) */
  reserved?: boolean;
}

export interface Due {
  id: string;
  version: number;
  sendAfter: Date;
}

/**
 * Queues one send round per row: due ones on `notify` at once, later ones as delayed jobs on `reminders` (appointment
 * and re-exam reminders, quiet-hour deferrals, retry backoff, rate-limit slots). Job ids carry the row version, so
 * queueing twice is a no-op and a rescheduled row's old job finds a newer version and does nothing.
 */
export async function scheduleSends(engine: NotifyEngine, rows: Due[], opts: { reserved?: boolean } = {}) {
  if (rows.length === 0) return;
  const now = Date.now();
  const job = (r: Due, delay: number) => ({
    name: sendJobName,
    data: {
      notificationId: r.id,
      version: r.version,
      ...(opts.reserved ? { reserved: true } : {}),
    } satisfies SendJobData,
    opts: { jobId: jobId.notifySend(r.id, r.version), ...(delay > 0 ? { delay } : {}) },
  });
  const soon = rows.filter((r) => r.sendAfter.getTime() - now <= 1_000);
  const later = rows.filter((r) => r.sendAfter.getTime() - now > 1_000);
  const { queues } = engine.deps;
  if (soon.length) await queues.notify.addBulk(soon.map((r) => job(r, r.sendAfter.getTime() - now)));
  if (later.length) await queues.reminders.addBulk(later.map((r) => job(r, r.sendAfter.getTime() - now)));
}
