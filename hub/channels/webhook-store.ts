import { sql } from 'drizzle-orm';
import { webhookEvents } from '../../db/schema/index.ts';
import type { AppDeps } from '../platform/context.ts';
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

export interface InboundJobData {
  webhookEventId: string;
  source: string;
}

interface Pending {
  row: IncomingWebhook;
  resolve(r: StoredWebhook): void;
  reject(err: unknown): void;
}

export interface WebhookStore {
  /** Resolves once the event is committed (or known as a duplicate): only then may the provider get its 200. */
  store(row: IncomingWebhook): Promise<StoredWebhook>;
}

const stores = new WeakMap<AppDeps, WebhookStore>();
const maxBatch = 250;
const maxInFlight = 4;

export function inboundJob(source: string, dedupeKey: string, webhookEventId: string) {
  return {
    name: source,
    data: { webhookEventId, source } satisfies InboundJobData,
    opts: { jobId: jobId.inbound(source, dedupeKey) },
  };
}

/**
 * Stores provider events in webhook_events before they are acknowledged. Requests arriving together are written in
 * one multi-row INSERT … ON CONFLICT DO NOTHING (the unique (source, dedupe_key) makes a replay a no-op), then queued
 * for the `inbound` workers with deterministic job ids. The acknowledgement waits for the commit only; queueing that
 * fails (or a crash right after the commit) is repaired by the intake sweep, which re-queues stored events still
 * waiting.
 */
export function webhookStore(deps: AppDeps): WebhookStore {
  const existing = stores.get(deps);
  if (existing) return existing;
  let pending: Pending[] = [];
  let inFlight = 0;

  const flush = async () => {
    if (inFlight >= maxInFlight || pending.length === 0) return;
    const batch = pending.slice(0, maxBatch);
    pending = pending.slice(batch.length);
    inFlight++;
    try {
      // the same event twice in one batch: the first is written, the others are its duplicates
      const firstByKey = new Map<string, Pending>();
      for (const p of batch) {
        const k = `${p.row.source}\u0000${p.row.dedupeKey}`;
        if (!firstByKey.has(k)) firstByKey.set(k, p);
      }
      const rows = [...firstByKey.values()].map((p) => p.row);
      const inserted = await deps.db
        .insert(webhookEvents)
        .values(rows)
        .onConflictDoNothing({ target: [webhookEvents.source, webhookEvents.dedupeKey] })
        .returning({ id: webhookEvents.id, source: webhookEvents.source, dedupeKey: webhookEvents.dedupeKey });
      const idByKey = new Map(inserted.map((r) => [`${r.source}\u0000${r.dedupeKey}`, r.id]));
      // committed: the providers get their 200 now; queueing follows (the sweep re-queues what it misses)
      for (const p of batch) {
        const k = `${p.row.source}\u0000${p.row.dedupeKey}`;
        const id = idByKey.get(k);
        p.resolve(id && firstByKey.get(k) === p ? { id, duplicate: false } : { id: null, duplicate: true });
      }
      if (inserted.length > 0) {
        // outside the write slot: the next batch's INSERT does not wait for Redis
        void deps.queues.inbound
          .addBulk(inserted.map((r) => inboundJob(r.source, r.dedupeKey, r.id)))
          .catch((err: unknown) => deps.logger.warn({ err }, 'inbound enqueue failed; the intake sweep will retry'));
      }
    } catch (err) {
      for (const p of batch) p.reject(err);
    } finally {
      inFlight--;
      if (pending.length > 0) void flush();
    }
  };

  const store: WebhookStore = {
    store(row) {
      return new Promise<StoredWebhook>((resolve, reject) => {
        pending.push({ row, resolve, reject });
        if (pending.length >= maxBatch) void flush();
        else if (pending.length === 1) setImmediate(() => void flush());
      });
    },
  };
  stores.set(deps, store);
  return store;
}

/** Re-queues stored events that no worker has taken (a crash between commit and queueing). */
export async function requeueStranded(deps: AppDeps, olderThanSeconds = 60): Promise<number> {
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
