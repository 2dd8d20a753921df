import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { OpenAPIHono } from '@hono/zod-openapi';
import { runMigrations } from '../db/migrate.ts';
import { seedDemo } from '../db/seed.ts';
import { createApp } from './app.ts';
import { hashPassword } from './auth/password.ts';
import { scheduleBooking } from './booking/booking.jobs.ts';
import { startChannelServices } from './channels/index.ts';
import { startClinicalServices } from './clinical/index.ts';
import type { Config } from './config.ts';
import { scheduleInbox } from './inbox/index.ts';
import { eventRouting, processors } from './jobs.ts';
import { scheduleMaintenance } from './maintenance/maintenance.jobs.ts';
import { checkNotifySetup, scheduleNotify } from './notify/index.ts';
import type { AppEnv } from './platform/context.ts';
import { healthRoutes } from './platform/health.routes.ts';
import { startRelay } from './platform/outbox.ts';
import { startWorkers } from './platform/workers.ts';
import { scheduleResults } from './results/index.ts';
import { createRuntime } from './runtime.ts';

export interface RunningHub {
  url: string;
  port: number;
  /** Stop taking work, finish what is in flight, close pools. */
  stop(): Promise<void>;
}

/**
 * Starts one process of the hub in the configured role:
 * api = HTTP; worker = outbox relay + queue workers (+ health endpoints); all = both.
 */
export async function startHub(config: Config): Promise<RunningHub> {
  // a bad template or notification setting stops the start here, with one line, before anything connects
  checkNotifySetup(config);
  const rt = await createRuntime(config);
  const { deps } = rt;
  const log = deps.logger;
  const http = config.ROLE !== 'worker';
  const work = config.ROLE !== 'api';

  if (config.MIGRATE_ON_START) await runMigrations(deps.db);
  if (config.SEED_DEMO) {
    const { seeded } = await seedDemo(deps.db, { hashPassword });
    if (seeded) log.info('demo clinic seeded');
  }

  const app = http ? createApp(deps) : new OpenAPIHono<AppEnv>().route('/', healthRoutes(deps));
  const server = serve({ fetch: app.fetch, hostname: config.HOST, port: config.PORT });
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', (err: NodeJS.ErrnoException) =>
      reject(err.code === 'EADDRINUSE' ? new Error(`PORT: ${config.HOST}:${config.PORT} is already in use`) : err),
    );
  });
  const port = (server.address() as AddressInfo).port;

  const relay = work
    ? startRelay({
        db: deps.db,
        queues: deps.queues,
        routing: eventRouting,
        batchSize: config.OUTBOX_BATCH,
        pollMs: config.OUTBOX_POLL_MS,
        onError: (err) => log.error({ err }, 'outbox relay error'),
        onPublished: (n) => deps.metrics.outboxPublished.inc(n),
      })
    : undefined;
  const workers = work
    ? startWorkers({
        connection: deps.redis,
        redisPrefix: config.REDIS_PREFIX,
        concurrency: config.WORKER_CONCURRENCY,
        processors: processors(deps),
        logger: log,
      })
    : undefined;
  if (work) await scheduleMaintenance(deps);
  if (work) await scheduleBooking(deps);
  if (work) await scheduleInbox(deps);
  if (work) await scheduleResults(deps);
  if (work) await scheduleNotify(deps);
  const channels = work ? await startChannelServices(deps) : undefined;
  const clinical = work ? await startClinicalServices(deps) : undefined;

  rt.setAccepting(true);
  let stopping: Promise<void> | undefined;
  return {
    url: `http://${config.HOST.includes(':') ? `[${config.HOST}]` : config.HOST}:${port}`,
    port,
    stop() {
      stopping ??= (async () => {
        rt.setAccepting(false);
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          if ('closeIdleConnections' in server) server.closeIdleConnections();
        });
        await channels?.stop();
        await clinical?.stop();
        await relay?.stop();
        await workers?.close();
        await rt.close();
      })();
      return stopping;
    },
  };
}
