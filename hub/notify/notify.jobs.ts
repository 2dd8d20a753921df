import type { Job, Processor } from 'bullmq';
import type { AppDeps } from '../platform/context.ts';
import type { OutboxJobData } from '../platform/outbox.ts';
import { jobId } from '../platform/queues.ts';
import type { NotifyEngine } from './engine.ts';
import { notifyEngine } from './engine-registry.ts';
import { handleNotifyEvent } from './handle-event.ts';
import { reconcileAbandoned, requeueDue } from './reconcile.ts';
import { processReport, type ReportJobData, reportJobName, requeueReports } from './report-intake.ts';
import { type SendJobData, sendJobName } from './schedule-send.ts';
import { sendNotification } from './send-notification.ts';

/** The scheduled job that reconciles abandoned sends and re-queues due rows and callbacks without a job. */
export const notifySweep = 'notify-sweep';

/** The provider's daily ZNS quota, read every few minutes: the tiers move with the OA's quality (PROVIDERS.md §2.6). */
async function refreshZnsQuota(engine: NotifyEngine) {
  const zns = engine.adapters.zns;
  if (!zns?.quota || !(await engine.quota.due(zns.account, 300))) return;
  try {
    await engine.quota.learn(zns.account, await zns.quota());
  } catch (err) {
    engine.deps.logger.warn({ err: (err as Error).name }, 'zns quota read failed; the hub keeps its own count');
  }
}

async function sweep(engine: NotifyEngine) {
  const abandoned = await reconcileAbandoned(engine);
  await refreshZnsQuota(engine);
  return { ...abandoned, requeued: await requeueDue(engine), reports: await requeueReports(engine) };
}

type NotifyJob = Job<OutboxJobData | SendJobData | ReportJobData>;

function run(deps: AppDeps, job: NotifyJob) {
  const engine = notifyEngine(deps);
  if (job.name === sendJobName) return sendNotification(engine, job.data as SendJobData);
  if (job.name === reportJobName) {
    return processReport(engine, job.data as ReportJobData, job.attemptsMade + 1 >= (job.opts.attempts ?? 1));
  }
  if (job.name === notifySweep) return sweep(engine);
  return handleNotifyEvent(engine, job.data as OutboxJobData);
}

/** `notify`: domain events → notifications, sends that are due now, delivery callbacks. */
export function notifyProcessor(deps: AppDeps): Processor {
  return (job: NotifyJob) => run(deps, job);
}

/** `reminders`: sends due later (appointment and re-exam reminders, deferrals, retries) and the sweep. */
export function remindersProcessor(deps: AppDeps): Processor {
  return (job: NotifyJob) => run(deps, job);
}

/** Schedules the sweep (ROLE=worker or all). */
export async function scheduleNotify(deps: AppDeps): Promise<void> {
  await deps.queues.reminders.upsertJobScheduler(
    jobId.notifyScheduler(notifySweep),
    { every: Math.round(notifyEngine(deps).settings.sweepMs) },
    { name: notifySweep, data: {} },
  );
}
