import { and, count, eq, inArray, sql } from 'drizzle-orm';
import { type NotificationState, notificationAttempts, notifications } from '../../db/schema/index.ts';
import type { NotifyEngine } from './engine.ts';
import { scheduleSends } from './schedule-send.ts';

/**
 * The moves of a notification once a worker holds it (`sending`), or once its accepted channel reports a failure
 * (`sent`). Every move is a conditional UPDATE on the state it starts from, so two workers (or a worker and a late
 * delivery report) can never both move the same row; the one that loses changes nothing.
 */
type From = Extract<NotificationState, 'sending' | 'sent'>;

export interface Held {
  id: string;
  channelPlan: string[];
  planIndex: number;
}

const clip = (s: string) => s.slice(0, 500);

/** Back to `pending` until `at` (quiet hours, a retry's backoff, a rate-limit slot), as a new version. */
export async function release(
  engine: NotifyEngine,
  row: Held,
  at: Date,
  opts: { reserved?: boolean; channelTries?: number; lastError?: string } = {},
): Promise<boolean> {
  const [r] = await engine.deps.db
    .update(notifications)
    .set({
      state: 'pending',
      sendAfter: at,
      version: sql`${notifications.version} + 1`,
      leaseUntil: null,
      ...(opts.channelTries !== undefined ? { channelTries: opts.channelTries } : {}),
      ...(opts.lastError !== undefined ? { lastError: clip(opts.lastError) } : {}),
    })
    .where(and(eq(notifications.id, row.id), eq(notifications.state, 'sending')))
    .returning({ id: notifications.id, version: notifications.version, sendAfter: notifications.sendAfter });
  if (r) await scheduleSends(engine, [r], { reserved: opts.reserved });
  return !!r;
}

/**
 * The current channel is done without delivering: the plan moves to its next channel at once, or, when none is left,
 * the notification is parked. Parked means `failed` (visible in the console, replayable) when some channel was tried,
 * `suppressed` when none could be (no consent, no address on any channel).
 */
export async function nextChannel(engine: NotifyEngine, row: Held, lastError: string, from: From = 'sending') {
  const next = row.planIndex + 1;
  const db = engine.deps.db;
  if (next < row.channelPlan.length) {
    const [r] = await db
      .update(notifications)
      .set({
        state: 'pending',
        planIndex: next,
        channelTries: 0,
        sendAfter: sql`now()`,
        version: sql`${notifications.version} + 1`,
        leaseUntil: null,
        deliveredVia: null,
        lastError: clip(lastError),
      })
      .where(
        and(eq(notifications.id, row.id), eq(notifications.state, from), eq(notifications.planIndex, row.planIndex)),
      )
      .returning({ id: notifications.id, version: notifications.version, sendAfter: notifications.sendAfter });
    if (r) await scheduleSends(engine, [r]);
    return r ? 'next_channel' : 'stale';
  }
  const [tried] = await db
    .select({ n: count() })
    .from(notificationAttempts)
    .where(eq(notificationAttempts.notificationId, row.id));
  const [r] = await db
    .update(notifications)
    .set({
      state: (tried?.n ?? 0) > 0 ? 'failed' : 'suppressed',
      completedAt: sql`now()`,
      leaseUntil: null,
      deliveredVia: null,
      lastError: clip(lastError),
    })
    .where(and(eq(notifications.id, row.id), inArray(notifications.state, [from])))
    .returning({ state: notifications.state });
  return r ? r.state : 'stale';
}
