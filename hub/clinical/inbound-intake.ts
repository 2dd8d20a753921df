import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import type { AppDeps } from '../platform/context.ts';
import { groupCommit } from '../platform/group-commit.ts';
import { jobId } from '../platform/queues.ts';
import { isUnavailable } from './db-errors.ts';

/** The dedupe key and content of one inbound message as received. */
export interface InboundKey {
  /** the sender's "MSH-3|MSH-4" */
  peer: string;
  controlId: string;
  messageType: string;
  payload: string;
  orderingKey: string | null;
}

/** A message stored with the ACK it is answered with, decided before it is stored (commit ACK, or a refusal). */
export interface IntakeRow extends InboundKey {
  /** received = to be applied by the `hl7-inbound` queue; failed = refused at intake, parked */
  status: 'received' | 'failed';
  ackCode: string;
  ackPayload: string;
  lastError?: string;
}

/** The row's id when this delivery stored it; for a replay (or a copy in the same batch), the ACK stored first. */
export interface Stored {
  id: string | null;
  duplicate: boolean;
  ackCode: string | null;
  ackPayload: string | null;
}

/** The stored messages one `hl7-inbound` job applies: a whole intake batch, or what the sweep found waiting. */
export interface Hl7InboundJobData {
  messageIds: string[];
}

const keyOf = (r: { peer: string; controlId: string }) => `${r.peer}\u0000${r.controlId}`;

/** Each key once, with how many times it came in this batch (the first copy is written, the others are replays). */
export function firstOfEach<T extends { peer: string; controlId: string }>(items: T[]) {
  const first = new Map<string, { item: T; copies: number }>();
  for (const item of items) {
    const e = first.get(keyOf(item));
    if (e) e.copies++;
    else first.set(keyOf(item), { item, copies: 1 });
  }
  return first;
}

/**
 * The ACK stored for messages already there (replays), counting the new deliveries. The conflicting row is committed
 * by then: ON CONFLICT DO NOTHING waits for a concurrent insert of the same key to finish. The rows are locked in seq
 * order, the order an `hl7-inbound` job locks the messages it applies in (apply-stored.ts), so that a replay of a
 * message being applied waits for the job, or the job for it, and neither deadlocks.
 */
export async function storedAcks(db: DbOrTx, replays: { peer: string; controlId: string; copies: number }[]) {
  if (replays.length === 0) return new Map<string, { ackCode: string | null; ackPayload: string | null }>();
  const values = replays.map((r) => sql`(${r.peer}, ${r.controlId}, ${r.copies}::int)`);
  const res = await db.execute<{
    peer: string;
    control_id: string;
    ack_code: string | null;
    ack_payload: string | null;
  }>(
    sql`with v(peer, control_id, n) as (values ${sql.join(values, sql`, `)}),
        l as (
          select m.id, v.n from integration_messages m
          join v on m.peer = v.peer and m.direction = 'inbound' and m.control_id = v.control_id
          order by m.seq
          for update of m
        )
        update integration_messages m set attempts = m.attempts + l.n, updated_at = now()
        from l where m.id = l.id
        returning m.peer, m.control_id, m.ack_code, m.ack_payload`,
  );
  return new Map(
    res.rows.map((r) => [
      keyOf({ peer: r.peer, controlId: r.control_id }),
      { ackCode: r.ack_code, ackPayload: r.ack_payload },
    ]),
  );
}

/** Most messages one job applies (one transaction). */
const maxJobMessages = 250;

/**
 * Stored messages to apply as jobs of at most `maxJobMessages`, each named by its first message (a re-add is a
 * no-op); `round` tells the sweep's re-queues apart.
 */
export function inboundBatchJobs(messageIds: string[], round?: string) {
  const jobs = [];
  for (let i = 0; i < messageIds.length; i += maxJobMessages) {
    const ids = messageIds.slice(i, i + maxJobMessages);
    jobs.push({
      name: 'batch',
      data: { messageIds: ids } satisfies Hl7InboundJobData,
      opts: { jobId: jobId.hl7Inbound(ids[0]!, round) },
    });
  }
  return jobs;
}

/**
 * One multi-row INSERT … ON CONFLICT DO NOTHING of inbound messages, written as SQL: drizzle's insert builder costs
 * more CPU per row than the statement costs PostgreSQL, and this runs for every frame. Returns the rows written.
 */
export async function insertInbound(
  db: DbOrTx,
  rows: {
    item: InboundKey & { status: 'received' | 'failed'; ackCode?: string; ackPayload?: string; lastError?: string };
    copies: number;
  }[],
) {
  const values = rows.map(
    ({ item: r, copies }) =>
      sql`(${r.peer}, 'inbound', ${r.messageType}, ${r.controlId}, ${r.payload}, ${r.orderingKey}, ${r.status}::integration_status,
        ${r.ackCode ?? null}, ${r.ackPayload ?? null}, ${r.lastError ?? null}, ${copies}::int,
        ${r.status === 'failed' ? sql`now()` : sql`null`})`,
  );
  const res = await db.execute<{ id: string; peer: string; control_id: string }>(sql`
    insert into integration_messages (peer, direction, message_type, control_id, payload, ordering_key, status, ack_code,
      ack_payload, last_error, attempts, processed_at)
    values ${sql.join(values, sql`, `)}
    on conflict (peer, direction, control_id) do nothing
    returning id, peer, control_id`);
  return res.rows.map((r) => ({ id: r.id, peer: r.peer, controlId: r.control_id }));
}

/**
 * Queues stored messages for the `hl7-inbound` workers, one BullMQ call at a time: the ids of the flushes committed
 * while a call is under way go together into the next jobs (adding a job costs more CPU than storing its messages).
 */
function inboundQueuer(deps: AppDeps): (messageIds: string[]) => Promise<void> {
  return groupCommit<string[], void>(
    async (batches) => {
      await deps.queues['hl7-inbound'].addBulk(inboundBatchJobs(batches.flat()));
      return batches.map(() => undefined);
    },
    { maxBatch: 50, maxInFlight: 1, isFatal: () => true },
  );
}

const intakes = new WeakMap<AppDeps, (row: IntakeRow) => Promise<Stored>>();

/**
 * Stores inbound messages whose answer is known before processing — the commit ACK of the enhanced mode (CA), or a
 * refusal (CE/CR, AE/AR) — in one multi-row INSERT … ON CONFLICT DO NOTHING per batch, shared by every connection;
 * the unique (peer, direction, control_id) turns a replay into a no-op that gets the stored ACK back. The promise
 * resolves after the commit: only then may the ACK go out. The rows to apply are then queued for the `hl7-inbound`
 * workers; a crash between commit and queueing is repaired by the sweep (inbound.jobs.ts).
 */
export function inboundIntake(deps: AppDeps): (row: IntakeRow) => Promise<Stored> {
  const existing = intakes.get(deps);
  if (existing) return existing;
  const queue = inboundQueuer(deps);
  const store = groupCommit<IntakeRow, Stored>(
    async (rows) => {
      const first = firstOfEach(rows);
      const inserted = await insertInbound(deps.db, [...first.values()]);
      const idByKey = new Map(inserted.map((r) => [keyOf(r), r.id]));
      const replays = [...first.entries()]
        .filter(([k]) => !idByKey.has(k))
        .map(([, e]) => ({ ...e.item, copies: e.copies }));
      const toApply = [...first.values()]
        .filter((e) => e.item.status === 'received' && idByKey.has(keyOf(e.item)))
        .map((e) => idByKey.get(keyOf(e.item))!);
      let stored: Awaited<ReturnType<typeof storedAcks>>;
      try {
        stored = await storedAcks(deps.db, replays);
      } finally {
        // the rows inserted are committed whatever comes next: they are queued even when the replays' update fails (the
        // batch then runs again item by item and finds them stored, as replays that would not be queued again)
        if (toApply.length > 0) {
          // after the ACKs are written (next turn), not awaited: a failed add is repaired by the sweep
          setImmediate(() => {
            queue(toApply).catch((err: unknown) =>
              deps.logger.warn({ error: (err as Error).message }, 'hl7: queueing failed; the inbound sweep will retry'),
            );
          });
        }
      }
      return rows.map((r) => {
        const k = keyOf(r);
        const id = idByKey.get(k);
        if (id && first.get(k)!.item === r)
          return { id, duplicate: false, ackCode: r.ackCode, ackPayload: r.ackPayload };
        // a copy in the same batch gets the first one's ACK, a replay the one stored before
        const f = first.get(k)!.item;
        const before = id ? { ackCode: f.ackCode, ackPayload: f.ackPayload } : stored.get(k);
        return { id: null, duplicate: true, ackCode: before?.ackCode ?? null, ackPayload: before?.ackPayload ?? null };
      });
    },
    { maxBatch: 250, maxInFlight: 4, isFatal: isUnavailable },
  );
  intakes.set(deps, store);
  return store;
}
