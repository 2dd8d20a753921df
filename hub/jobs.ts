import { bookingProcessor } from './booking/booking.jobs.ts';
import { inboundProcessor, outboundProcessor } from './channels/index.ts';
import { inboxProcessor, replyTopic } from './inbox/index.ts';
import { maintenanceProcessor } from './maintenance/maintenance.jobs.ts';
import type { AppDeps } from './platform/context.ts';
import type { EventRouting } from './platform/outbox.ts';
import type { Processors } from './platform/workers.ts';

/**
 * Which queues consume which outbox topics. A feature that publishes or consumes events adds its line here,
 * so the whole event flow of the hub reads in one place.
 */
export const eventRouting: EventRouting = {
  // an agent's reply, queued in the same transaction as the message row
  [replyTopic]: ['outbound'],
};

/** The processor of every queue this process works on (ROLE=worker or all). */
export function processors(deps: AppDeps): Processors {
  return {
    maintenance: maintenanceProcessor(deps),
    booking: bookingProcessor(deps),
    inbound: inboundProcessor(deps),
    outbound: outboundProcessor(deps),
    inbox: inboxProcessor(deps),
  };
}
