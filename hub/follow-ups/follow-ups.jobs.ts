import type { Processor } from 'bullmq';
import { z } from 'zod';
import type { AppDeps } from '../platform/context.ts';
import { consumeOnce, type OutboxJobData } from '../platform/outbox.ts';
import { createVisitTasks } from './visit-tasks.ts';

/** The outbox topic that starts after-visit care. */
export const visitCompletedTopic = 'appointment.completed';

const payload = z.object({ appointmentId: z.uuid() }).loose();

/** `follow-ups` queue: a completed visit → its after-visit tasks, once per event. */
export function followUpsProcessor(deps: AppDeps): Processor {
  return async (job) => {
    const ev = job.data as OutboxJobData;
    if (ev.topic !== visitCompletedTopic) return 'ignored';
    const { appointmentId } = payload.parse(ev.payload);
    let created = 0;
    const fresh = await consumeOnce(deps.db, 'follow-ups', ev.eventId, async (tx) => {
      created = await createVisitTasks(tx, appointmentId, deps.config.CLINIC_TIMEZONE);
    });
    if (!fresh) return 'already_consumed';
    if (created > 0) deps.logger.info({ appointmentId, created }, 'follow-ups: after-visit tasks created');
    return `created ${created}`;
  };
}
