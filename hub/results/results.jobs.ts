import type { Processor } from 'bullmq';
import type { AppDeps } from '../platform/context.ts';
import { consumeOnce, type OutboxJobData } from '../platform/outbox.ts';
import { jobId } from '../platform/queues.ts';
import { applyAutoRelease, resultReceivedTopic } from './auto-release.ts';
import { pacsSource } from './pacs/pacs-source.ts';
import { pollPacs } from './pacs/poll-pacs.ts';

const pollScheduler = jobId.pacsPollScheduler('orthanc');

/** The PACS poller's job scheduler (idempotent across replicas); removed again when ORTHANC_URL is unset. */
export async function scheduleResults(deps: AppDeps): Promise<void> {
  const queue = deps.queues['pacs-poll'];
  if (!pacsSource(deps.config)) {
    await queue.removeJobScheduler(pollScheduler);
    return;
  }
  await queue.upsertJobScheduler(
    pollScheduler,
    { every: deps.config.PACS_POLL_SECONDS * 1_000 },
    { name: 'poll', data: {} },
  );
}

export function pacsPollProcessor(deps: AppDeps): Processor {
  const source = pacsSource(deps.config);
  return async (job) => {
    if (job.name !== 'poll') throw new Error(`unknown pacs-poll job ${job.name}`);
    if (!source) return null;
    const outcome = await pollPacs(deps, source);
    if (outcome.studies > 0 || outcome.linked > 0) deps.logger.info(outcome, 'pacs: poll');
    return outcome;
  };
}

/** The `results` queue: outbox events about results; today `result.received`, which applies auto-release rules. */
export function resultsProcessor(deps: AppDeps): Processor {
  return async (job) => {
    if (job.name !== resultReceivedTopic) throw new Error(`unknown results job ${job.name}`);
    const event = job.data as OutboxJobData;
    let rule: string | null = null;
    await consumeOnce(deps.db, 'results.auto-release', event.eventId, async (tx) => {
      rule = await applyAutoRelease(tx, deps.config, String(event.payload.resultId));
    });
    return { rule };
  };
}
