import { sql } from 'drizzle-orm';
import { webhookEvents } from '../../db/schema/index.ts';
import type { AppDeps } from '../platform/context.ts';
import { groupCommit } from '../platform/group-commit.ts';
import { jobId } from '../platform/queues.ts';

export interface IncomingWebhook {
  source: string;
  dedupeKey: string;
  eventType: string;
  rawBody: string;
  headers: Record<string, string>;
}

export interface StoredWebhook {
  id: string | null;
  /** the same event was stored before: nothing new was written or queued */
  duplicate: boolean;
}

/** The stored events one `inbound` job normalises, in the order they arrived: a whole intake batch, or one event. */
export interface InboundJobData {
  webhookEventIds: string[];
}

export interface WebhookStore {
  /** Resolves once the event is committed (or known as a duplicate): only then may the provider get its 200. */
  store(row: IncomingWebhook): Promise<StoredWebhook>;
}

const stores = new WeakMap<AppDeps, WebhookStore>();

/**
 * The batch INSERT of the intake: one array per column (five parameters whatever the batch size), a statement each
 * connection prepares once. ON CONFLICT on the unique (source, dedupe_key) makes a replay a no-op.
 */
const insertEvents = `insert into webhook_events (source, dedupe_key, event_type, raw_body, headers)
  select * from unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::jsonb[])
  on conflict (source, dedupe_key) do nothing
  returning id, source, dedupe_key`;
const maxBatch = 250;
const maxInFlight = 4;
/** how long stored events wait for more before their job is queued: several inserts' events become one job */
const queueLingerMs = 10;

/** One stored event on its own (the sweep's re-queue): its id is the event's, so a repeat sweep queues nothing new. */
export function inboundJob(source: string, dedupeKey: string, webhookEventId: string) {
  return {
    name: source,
    data: { webhookEventIds: [webhookEventId] } satisfies InboundJobData,
    opts: { jobId: jobId.inbound(source, dedupeKey) },
  };
}

/** Everything one INSERT stored, as one job: the worker applies it in one transaction (one commit, not hundreds). */
export function inboundBatchJob(webhookEventIds: string[]) {
  return {
    name: 'batch',
    data: { webhookEventIds } satisfies InboundJobData,
    opts: { jobId: jobId.inboundBatch(webhookEventIds[0]!) },
  };
}

/**
 * Stores provider events in webhook_events before they are acknowledged. Requests arriving together are written in
 * one multi-row INSERT … ON CONFLICT DO NOTHING (the unique (source, dedupe_key) makes a replay a no-op), then queued
 * for the `inbound` workers with deterministic job ids (the events of inserts made within a few milliseconds of each
 * other go as one job). The acknowledgement waits for the commit only; queueing that
 * fails (or a crash right after the commit) is repaired by the intake sweep, which re-queues stored events still
 * waiting.
 */
export function webhookStore(deps: AppDeps): WebhookStore {
  const existing = stores.get(deps);
  if (existing) return existing;
  // committed events not queued yet: the workers apply a batch set-wise, so bigger jobs cost less per event
  let toQueue: string[] = [];
  let queueTimer: NodeJS.Timeout | undefined;
  const queueNow = () => {
    clearTimeout(queueTimer);
    queueTimer = undefined;
    const ids = toQueue;
    toQueue = [];
    if (ids.length === 0) return;
    void deps.queues.inbound
      .add(...jobArgs(inboundBatchJob(ids)))
      .catch((err: unknown) => deps.logger.warn({ err }, 'inbound enqueue failed; the intake sweep will retry'));
  };
  const enqueue = (ids: string[]) => {
    toQueue.push(...ids);
    if (toQueue.length >= maxBatch) queueNow();
    else queueTimer ??= setTimeout(queueNow, queueLingerMs);
  };

  const insert = async (batch: IncomingWebhook[]): Promise<StoredWebhook[]> => {
    const key = (r: IncomingWebhook) => `${r.source}\u0000${r.dedupeKey}`;
    // the same event twice in one batch: the first is written, the others are its duplicates
    const firstByKey = new Map<string, IncomingWebhook>();
    for (const r of batch) if (!firstByKey.has(key(r))) firstByKey.set(key(r), r);
    const rows = [...firstByKey.values()];
    const inserted = (
      await deps.db.$client.query<{ id: string; source: string; dedupe_key: string }>({
        name: 'webhook-events-insert',
        text: insertEvents,
        values: [
          rows.map((r) => r.source),
          rows.map((r) => r.dedupeKey),
          rows.map((r) => r.eventType),
          rows.map((r) => r.rawBody),
          rows.map((r) => JSON.stringify(r.headers)),
        ],
      })
    ).rows;
    const idByKey = new Map(inserted.map((r) => [`${r.source}\u0000${r.dedupe_key}`, r.id]));
    // committed: the providers get their 200 now; queueing follows, outside the write slot (the sweep re-queues
    // what it misses)
    if (inserted.length > 0) enqueue(inserted.map((r) => r.id));
    return batch.map((r) => {
      const id = idByKey.get(key(r));
      return id && firstByKey.get(key(r)) === r ? { id, duplicate: false } : { id: null, duplicate: true };
    });
  };

  // a failed INSERT fails its whole batch: each provider gets an error and delivers again
  const store: WebhookStore = { store: groupCommit(insert, { maxBatch, maxInFlight, isFatal: () => true }) };
  stores.set(deps, store);
  return store;
}

const jobArgs = (j: ReturnType<typeof inboundBatchJob>) => [j.name, j.data, j.opts] as const;

/** Re-queues stored events that no worker has taken (a crash between commit and queueing). */
export async function requeueStranded(deps: AppDeps, olderThanSeconds = 60): Promise<number> {
  // while jobs are waiting the workers are behind, not missing anything: sweeping now would only queue the same work
  if ((await deps.queues.inbound.getWaitingCount()) > 0) return 0;
  const rows = await deps.db
    .select({ id: webhookEvents.id, source: webhookEvents.source, dedupeKey: webhookEvents.dedupeKey })
    .from(webhookEvents)
    .where(
      sql`${webhookEvents.state} = 'received' and ${webhookEvents.receivedAt} < now() - make_interval(secs => ${olderThanSeconds})`,
    )
    .limit(1000);
  if (rows.length > 0) await deps.queues.inbound.addBulk(rows.map((r) => inboundJob(r.source, r.dedupeKey, r.id)));
  return rows.length;
}
