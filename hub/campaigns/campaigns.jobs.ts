import { DelayedError, type Job, type Processor } from 'bullmq';
import type { AppDeps } from '../platform/context.ts';
import { campaignJob, type PageJob, type RecipientJob, type RequeueJob, type TickJob } from './campaign-jobs-data.ts';
import { startScheduled } from './control-campaign.ts';
import { fanOutPage, requeuePending } from './fan-out-page.ts';
import { nextSendingDay, sendRecipient } from './send-recipients.ts';
import { tickCampaign } from './sync-recipients.ts';

/** `campaigns`: scheduled starts, fan-out pages, one job per recipient, and each running campaign's clock. */
export function campaignsProcessor(deps: AppDeps): Processor {
  return async (job: Job, token?: string) => {
    switch (job.name) {
      case campaignJob.recipient: {
        const out = await sendRecipient(deps, job.data as RecipientJob);
        if (out !== 'next_day') return out;
        // the OA's ZNS quota of the day is used up: the recipient waits, pending, for tomorrow morning
        await job.moveToDelayed(nextSendingDay(new Date(), deps.config.CLINIC_TIMEZONE).getTime(), token);
        throw new DelayedError();
      }
      case campaignJob.page:
        return fanOutPage(deps, job.data as PageJob);
      case campaignJob.requeue:
        return requeuePending(deps, job.data as RequeueJob);
      case campaignJob.tick:
        return tickCampaign(deps, job.data as TickJob);
      case campaignJob.start:
        return startScheduled(deps, (job.data as { campaignId: string }).campaignId);
      default:
        return 'unknown job';
    }
  };
}
