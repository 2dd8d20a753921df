import { bookingProcessor } from './booking/booking.jobs.ts';
import { campaignsProcessor } from './campaigns/index.ts';
import { inboundProcessor, outboundProcessor } from './channels/index.ts';
import { hisSyncProcessor, hisSyncTopics, hl7InboundProcessor } from './clinical/index.ts';
import { followUpsProcessor, visitCompletedTopic } from './follow-ups/index.ts';
import { inboxProcessor, replyTopic } from './inbox/index.ts';
import { maintenanceProcessor } from './maintenance/maintenance.jobs.ts';
import { notifyProcessor, remindersProcessor } from './notify/index.ts';
import type { AppDeps } from './platform/context.ts';
import type { EventRouting } from './platform/outbox.ts';
import type { Processors } from './platform/workers.ts';
import { pacsPollProcessor, resultReceivedTopic, resultsProcessor } from './results/index.ts';

/**
 * Which queues consume which outbox topics. A feature that publishes or consumes events adds its line here,
 * so the whole event flow of the hub reads in one place.
 */
export const eventRouting: EventRouting = {
  // an agent's reply, queued in the same transaction as the message row
  [replyTopic]: ['outbound'],
  // a result written by the LIS intake or the PACS poller: auto-release rules (hub/results)
  [resultReceivedTopic]: ['results'],
  // appointments the HIS must hear about: stored as SIU (and ADT) messages, sent in order (hub/clinical)
  ...Object.fromEntries(hisSyncTopics.map((t) => [t, ['his-sync'] as const])),
  // appointment changes, released results, re-exam dates → notifications and reminders (hub/notify; a pattern, so
  // the HIS sync's exact appointment topics above are kept: routeTopic unions every match)
  'appointment.*': ['notify'],
  'result.released': ['notify'],
  'reexam.due': ['notify'],
  // a completed visit → after-visit care tasks by the package's or department's rules (hub/follow-ups)
  [visitCompletedTopic]: ['follow-ups'],
};

/** The processor of every queue this process works on (ROLE=worker or all). */
export function processors(deps: AppDeps): Processors {
  return {
    maintenance: maintenanceProcessor(deps),
    booking: bookingProcessor(deps),
    inbound: inboundProcessor(deps),
    outbound: outboundProcessor(deps),
    inbox: inboxProcessor(deps),
    'his-sync': hisSyncProcessor(deps),
    'hl7-inbound': hl7InboundProcessor(deps),
    results: resultsProcessor(deps),
    'pacs-poll': pacsPollProcessor(deps),
    notify: notifyProcessor(deps),
    'follow-ups': followUpsProcessor(deps),
    reminders: remindersProcessor(deps),
    campaigns: campaignsProcessor(deps),
  };
}
