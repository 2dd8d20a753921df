import type { Job, Processor } from 'bullmq';
import { and, asc, eq, sql } from 'drizzle-orm';
import { integrationMessages } from '../../db/schema/index.ts';
import type { AppDeps } from '../platform/context.ts';
import { jobId } from '../platform/queues.ts';
import { type AppliedBatch, applyStored } from './apply-stored.ts';
import { type Hl7InboundJobData, inboundBatchJobs } from './inbound-intake.ts';

/** The scheduled job that re-queues stored messages no job took (a crash between commit and queueing). */
export const inboundSweep = 'sweep';

/**
 * Batches applied at once by one process. Each holds a database connection for its whole transaction and the work is
 * mostly CPU (parsing), so more would only take connections from the intake, whose commits the ACKs wait for.
 */
const maxConcurrentBatches = 2;

function limiter(max: number) {
  let running = 0;
  const waiting: (() => void)[] = [];
  return async <T>(fn: () => Promise<T>): Promise<T> => {
    // a slot freed is handed straight to the next in line, so that a newcomer cannot take it meanwhile
    if (running >= max) await new Promise<void>((resolve) => waiting.push(resolve));
    else running++;
    try {
      return await fn();
    } finally {
      const next = waiting.shift();
      if (next) next();
      else running--;
    }
  };
}

/** Re-queues stored inbound messages still waiting to be applied that no job is about to take. */
export async function requeueStrandedInbound(deps: AppDeps, olderThanSeconds = 60): Promise<number> {
  // while jobs wait, the workers are behind, not missing anything: sweeping now would only queue the same work
  if ((await deps.queues['hl7-inbound'].getWaitingCount()) > 0) return 0;
  const m = integrationMessages;
  const rows = await deps.db
    .select({ id: m.id })
    .from(m)
    .where(
      and(
        eq(m.direction, 'inbound'),
        eq(m.status, 'received'),
        sql`${m.createdAt} < now() - make_interval(secs => ${olderThanSeconds})`,
      ),
    )
    .orderBy(asc(m.seq))
    .limit(1000);
  if (rows.length === 0) return 0;
  // a fresh id per minute: the sweep of a minute ago may have completed and left some waiting (a retry still due)
  await deps.queues['hl7-inbound'].addBulk(
    inboundBatchJobs(
      rows.map((r) => r.id),
      `sweep-${Math.floor(Date.now() / 60_000)}`,
    ),
  );
  return rows.length;
}

/** The sweep's schedule (idempotent across replicas). */
export async function scheduleInboundSweep(deps: AppDeps): Promise<void> {
  await deps.queues['hl7-inbound'].upsertJobScheduler(
    jobId.hl7InboundScheduler(inboundSweep),
    { every: 60_000 },
    { name: inboundSweep, data: { messageIds: [] } },
  );
}

/**
 * The `hl7-inbound` queue: stored, commit-ACKed inbound messages applied a batch per job (apply-stored.ts), and the
 * sweep. A job with messages left waiting for a retry fails so that BullMQ tries it again with the queue's backoff.
 */
export function hl7InboundProcessor(deps: AppDeps): Processor<Hl7InboundJobData> {
  const limit = limiter(maxConcurrentBatches);
  return async (job: Job<Hl7InboundJobData>) => {
    if (job.name === inboundSweep) return { requeued: await requeueStrandedInbound(deps) };
    const lastAttempt = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
    const outcome: AppliedBatch = await limit(() => applyStored(deps, job.data.messageIds, lastAttempt));
    if (outcome.retry > 0) throw new Error(`${outcome.retry} HL7 message(s) left to retry`);
    return outcome;
  };
}
