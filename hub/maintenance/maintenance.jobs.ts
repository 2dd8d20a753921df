import type { Processor } from 'bullmq';
import type { AppDeps } from '../platform/context.ts';
import { jobId } from '../platform/queues.ts';
import { purgeExpired } from './purge-expired.ts';

/** Hourly housekeeping, registered once as a BullMQ job scheduler (idempotent across replicas). */
export async function scheduleMaintenance(deps: AppDeps): Promise<void> {
  await deps.queues.maintenance.upsertJobScheduler(
    jobId.maintenanceScheduler('purge-expired'),
    { every: 3_600_000 },
    { name: 'purge-expired', data: { retentionDays: 30 } },
  );
}

export function maintenanceProcessor(deps: AppDeps): Processor {
  return async (job) => {
    if (job.name !== 'purge-expired') throw new Error(`unknown maintenance job ${job.name}`);
    const removed = await purgeExpired(deps.db, { retentionDays: Number(job.data.retentionDays) || 30 });
    deps.logger.info({ removed }, 'maintenance: purged expired rows');
    return removed;
  };
}
