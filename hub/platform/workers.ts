import { type Processor, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Logger } from './logger.ts';
import { bullPrefix, type QueueName, queueDefinitions } from './queues.ts';

export type Processors = Partial<Record<QueueName, Processor>>;

export interface Workers {
  /** Stops taking jobs and waits for the ones in flight. */
  close(): Promise<void>;
}

export function startWorkers(opts: {
  connection: Redis;
  redisPrefix: string;
  concurrency: number;
  processors: Processors;
  logger: Logger;
}): Workers {
  const workers = Object.entries(opts.processors).map(([queue, processor]) => {
    const w = new Worker(queue, processor, {
      connection: opts.connection.duplicate(),
      prefix: bullPrefix(opts.redisPrefix),
      // a queue may ask for more (campaign recipients are batched in process and need many in flight)
      concurrency: Math.max(opts.concurrency, queueConcurrency(queue as QueueName)),
    });
    w.on('failed', (job, err) =>
      opts.logger.warn({ queue, jobId: job?.id, attempt: job?.attemptsMade, err: err.message }, 'job failed'),
    );
    w.on('error', (err) => opts.logger.error({ queue, err: err.message }, 'worker error'));
    return w;
  });
  return {
    async close() {
      await Promise.all(
        workers.map(async (w) => {
          await w.close();
          await w.disconnect();
        }),
      );
    },
  };
}

function queueConcurrency(queue: QueueName): number {
  const def = queueDefinitions[queue];
  return 'concurrency' in def ? def.concurrency : 0;
}
