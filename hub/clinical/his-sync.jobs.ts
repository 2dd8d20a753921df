import type { Processor } from 'bullmq';
import type { AppDeps } from '../platform/context.ts';
import { consumeOnce, type OutboxJobData } from '../platform/outbox.ts';
import { type AppointmentChange, type AppointmentEventPayload, queueHisMessages } from './queue-his-messages.ts';

/** The appointment topics the HIS must hear about; hub/jobs.ts routes them to the his-sync queue. */
export const hisSyncTopics = ['appointment.confirmed', 'appointment.rescheduled', 'appointment.cancelled'] as const;

/**
 * his-sync: an appointment event becomes stored HL7 messages (exactly once per event); the HIS sender
 * (his-sender.ts) delivers them in order. Without a HIS configured the events are let through untouched.
 */
export function hisSyncProcessor(deps: AppDeps): Processor<OutboxJobData> {
  return async (job) => {
    if (!deps.config.HIS_MLLP_HOST) return 'his-off';
    const change = job.data.topic.replace('appointment.', '') as AppointmentChange;
    if (!(hisSyncTopics as readonly string[]).includes(job.data.topic)) return 'ignored';
    let queued: string | undefined;
    await consumeOnce(deps.db, 'his-sync', job.data.eventId, async (tx) => {
      queued = await queueHisMessages(tx, deps.config, change, job.data.payload as unknown as AppointmentEventPayload);
    });
    return queued ?? 'nothing-to-send';
  };
}
