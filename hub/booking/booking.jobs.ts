import type { Processor } from 'bullmq';
import type { AppDeps } from '../platform/context.ts';
import { jobId } from '../platform/queues.ts';
import { expireHolds } from './expire-holds.ts';
import { openSlots } from './open-slots.ts';

/** Job schedulers of the booking queue (idempotent across replicas): the hold sweep and the slot opening. */
export async function scheduleBooking(deps: AppDeps): Promise<void> {
  await deps.queues.booking.upsertJobScheduler(
    jobId.bookingScheduler('sweep-holds'),
    { every: 60_000 },
    { name: 'sweep-holds', data: {} },
  );
  await deps.queues.booking.upsertJobScheduler(
    jobId.bookingScheduler('open-slots'),
    // `every` schedulers already run their first job at once (BullMQ warns when told so again)
    { every: 6 * 3_600_000 },
    { name: 'open-slots', data: {} },
  );
}

export function bookingProcessor(deps: AppDeps): Processor {
  const tz = deps.config.CLINIC_TIMEZONE;
  return async (job) => {
    switch (job.name) {
      case 'expire-hold': {
        const appointmentId = String(job.data.appointmentId);
        return deps.db.transaction((tx) => expireHolds(tx, tz, { appointmentId }));
      }
      case 'sweep-holds': {
        let total = 0;
        for (;;) {
          const n = await deps.db.transaction((tx) => expireHolds(tx, tz, { limit: 200 }));
          total += n;
          if (n < 200) break;
        }
        if (total > 0) deps.logger.info({ released: total }, 'booking: expired holds released');
        return total;
      }
      case 'open-slots': {
        const added = await openSlots(deps);
        if (added > 0) deps.logger.info({ added }, 'booking: slots opened');
        return added;
      }
      default:
        throw new Error(`unknown booking job ${job.name}`);
    }
  };
}
