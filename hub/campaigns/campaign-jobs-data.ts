import type { AppDeps } from '../platform/context.ts';
import { jobId } from '../platform/queues.ts';

/** The jobs of the `campaigns` queue and how they are added (deterministic ids, see hub/platform/queues.ts). */
export const campaignJob = {
  start: 'start',
  page: 'page',
  recipient: 'recipient',
  requeue: 'requeue',
  tick: 'tick',
} as const;

export interface PageJob {
  campaignId: string;
  page: number;
  round: number;
}
export interface RecipientJob {
  campaignId: string;
  contactId: string;
  round: number;
}
export interface RequeueJob {
  campaignId: string;
  round: number;
  n: number;
  after: string | null;
}
export interface TickJob {
  campaignId: string;
  round: number;
  n: number;
}

export const tickMs = 1_000;

/**
 * Fan-out pages, requeues and ticks go to the front of the queue (LIFO): they must not wait behind the thousands of
 * recipient jobs the previous page added, or the fan-out would only move as fast as the sends drain.
 */
const ahead = { lifo: true } as const;

export async function addPage(deps: AppDeps, j: PageJob) {
  await deps.queues.campaigns.add(campaignJob.page, j, {
    jobId: jobId.campaignPage(j.campaignId, j.page, j.round),
    ...ahead,
  });
}

export async function addRecipients(deps: AppDeps, campaignId: string, contactIds: string[], round: number) {
  if (contactIds.length === 0) return;
  await deps.queues.campaigns.addBulk(
    contactIds.map((contactId) => ({
      name: campaignJob.recipient,
      data: { campaignId, contactId, round } satisfies RecipientJob,
      // the recipient's row, not a kept job, says it was sent: a page added twice finds the row done and sends
      // nothing, so a finished job goes at once (a 100,000-recipient campaign would otherwise leave as many in Redis)
      opts: { jobId: jobId.campaignRecipient(campaignId, contactId, round), removeOnComplete: true },
    })),
  );
}

export async function addTick(deps: AppDeps, j: TickJob, delay = tickMs) {
  await deps.queues.campaigns.add(campaignJob.tick, j, {
    jobId: jobId.campaignTask(j.campaignId, `tick-${j.round}-${j.n}`),
    delay,
    ...ahead,
    attempts: 3,
    removeOnComplete: { age: 3600 },
  });
}

export async function addRequeue(deps: AppDeps, j: RequeueJob) {
  await deps.queues.campaigns.add(campaignJob.requeue, j, {
    jobId: jobId.campaignTask(j.campaignId, `requeue-${j.round}-${j.n}`),
    ...ahead,
  });
}

/** Starts (or restarts after a resume) the fan-out and the campaign's clock. */
export async function startRound(
  deps: AppDeps,
  c: { id: string; round: number; fanoutPage: number; fanoutDone: boolean },
) {
  if (!c.fanoutDone) await addPage(deps, { campaignId: c.id, page: c.fanoutPage, round: c.round });
  if (c.round > 0) await addRequeue(deps, { campaignId: c.id, round: c.round, n: 0, after: null });
  await addTick(deps, { campaignId: c.id, round: c.round, n: 0 }, 0);
}
