import { and, asc, inArray, isNull, sql, type WithSubquery } from 'drizzle-orm';
import type { PoolClient } from 'pg';
import type { Db, DbOrTx } from '../../db/client.ts';
import { consumedEvents, outboxEvents } from '../../db/schema/index.ts';
import { jobId, type QueueName, type Queues } from './queues.ts';

export interface DomainEvent {
  topic: string;
  aggregateType: string;
  aggregateId: string;
  payload: Record<string, unknown>;
}

/** What a queue receives for each outbox event. */
export interface OutboxJobData extends DomainEvent {
  eventId: number;
  occurredAt: string;
}

const channel = 'medicrm_outbox';

/**
 * Records an event in the caller's transaction: it becomes visible to the relay only if the change
 * that caused it commits. NOTIFY is also transactional, so the relay wakes exactly on commit. One statement (the
 * insert as a CTE, the NOTIFY on its row), which may carry the writes the event is about (`together`: data-modifying
 * CTEs, `tx.$with(name).as(tx.insert(…))`): a hot path (every result applied) pays one round trip, not three.
 */
export async function publishEvent(tx: DbOrTx, event: DomainEvent, together: WithSubquery[] = []): Promise<number> {
  const inserted = tx
    .$with('published_event')
    .as(tx.insert(outboxEvents).values(event).returning({ id: outboxEvents.id }));
  const [row] = await tx
    .with(...together, inserted)
    .select({ id: inserted.id, notified: sql<string>`pg_notify(${channel}, '')` })
    .from(inserted);
  return row!.id;
}

/** Which queues consume a topic: exact topics or `prefix.*` patterns. */
export type EventRouting = Record<string, readonly QueueName[]>;

export function routeTopic(routing: EventRouting, topic: string): QueueName[] {
  const out = new Set<QueueName>();
  for (const [pattern, queues] of Object.entries(routing)) {
    const hit = pattern.endsWith('.*') ? topic.startsWith(pattern.slice(0, -1)) : pattern === topic;
    if (hit) for (const q of queues) out.add(q);
  }
  return [...out];
}

export interface RelayOptions {
  db: Db;
  queues: Queues;
  routing: EventRouting;
  batchSize: number;
  /** Called after the batch's jobs are added and before the rows are marked published (fault injection in tests). */
  afterEnqueue?: (eventIds: number[]) => void | Promise<void>;
}

/**
 * Moves one batch of unpublished events to their queues. Rows are locked (SKIP LOCKED, so several relays can
 * run); the job id `evt-<id>` makes a re-add after a crash between "added" and "marked" a no-op in BullMQ.
 */
export async function relayBatch(opts: RelayOptions): Promise<number> {
  return opts.db.transaction(async (tx) => {
    const rows = await tx
      .select()
      .from(outboxEvents)
      .where(isNull(outboxEvents.publishedAt))
      .orderBy(asc(outboxEvents.id))
      .limit(opts.batchSize)
      .for('update', { skipLocked: true });
    if (rows.length === 0) return 0;

    const perQueue = new Map<QueueName, { name: string; data: OutboxJobData; opts: { jobId: string } }[]>();
    for (const r of rows) {
      const data: OutboxJobData = {
        eventId: r.id,
        topic: r.topic,
        aggregateType: r.aggregateType,
        aggregateId: r.aggregateId,
        payload: r.payload,
        occurredAt: r.createdAt.toISOString(),
      };
      for (const q of routeTopic(opts.routing, r.topic)) {
        const list = perQueue.get(q) ?? [];
        list.push({ name: r.topic, data, opts: { jobId: jobId.outboxEvent(r.id) } });
        perQueue.set(q, list);
      }
    }
    for (const [q, jobs] of perQueue) await opts.queues[q].addBulk(jobs);

    const ids = rows.map((r) => r.id);
    await opts.afterEnqueue?.(ids);
    await tx
      .update(outboxEvents)
      .set({ publishedAt: sql`now()` })
      .where(and(inArray(outboxEvents.id, ids), isNull(outboxEvents.publishedAt)));
    return rows.length;
  });
}

export interface Relay {
  stop(): Promise<void>;
}

/**
 * Runs the relay until stopped: drains full batches back to back, then waits for a NOTIFY from a commit
 * or the poll interval, whichever comes first.
 */
export function startRelay(
  opts: RelayOptions & { pollMs: number; onError: (err: unknown) => void; onPublished?: (n: number) => void },
): Relay {
  let stopping = false;
  let wake: (() => void) | undefined;
  let listener: PoolClient | undefined;

  const listen = async () => {
    try {
      const client = await opts.db.$client.connect();
      listener = client;
      client.on('notification', () => wake?.());
      client.on('error', () => {}); // polling carries on if the listening connection drops
      await client.query(`listen ${channel}`);
    } catch (err) {
      opts.onError(err);
    }
  };

  const loop = (async () => {
    await listen();
    while (!stopping) {
      let n = 0;
      try {
        n = await relayBatch(opts);
        if (n > 0) opts.onPublished?.(n);
      } catch (err) {
        opts.onError(err);
      }
      if (n >= opts.batchSize || stopping) continue;
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, opts.pollMs);
        wake = () => {
          clearTimeout(t);
          resolve();
        };
      });
      wake = undefined;
    }
  })();

  return {
    async stop() {
      stopping = true;
      wake?.();
      await loop;
      const client = listener;
      if (client) {
        await client.query(`unlisten ${channel}`).catch(() => {});
        client.release();
      }
    },
  };
}

/**
 * Runs `fn` at most once per (consumer, event): the mark and the consumer's own writes commit together,
 * so a redelivered job (BullMQ retry, relay re-add) finds the mark and does nothing.
 * Returns false when the event had already been consumed.
 */
export async function consumeOnce(
  db: Db,
  consumer: string,
  eventId: number,
  fn: (tx: DbOrTx) => Promise<void>,
): Promise<boolean> {
  return db.transaction(async (tx) => {
    const inserted = await tx
      .insert(consumedEvents)
      .values({ consumer, eventId })
      .onConflictDoNothing()
      .returning({ eventId: consumedEvents.eventId });
    if (inserted.length === 0) return false;
    await fn(tx);
    return true;
  });
}
