import { sql } from 'drizzle-orm';
import { createDb, type DbHandle } from '../db/client.ts';
import type { Config } from './config.ts';
import type { AppDeps } from './platform/context.ts';
import { createLogger, type Logger } from './platform/logger.ts';
import { createMetrics } from './platform/metrics.ts';
import { createQueues } from './platform/queues.ts';
import { createRedis, type Redis } from './platform/redis.ts';

export class StartupError extends Error {}

function describeTarget(url: string): string {
  try {
    const u = new URL(url);
    return `${u.hostname}:${u.port || (u.protocol.startsWith('redis') ? 6379 : 5432)}${u.pathname.length > 1 ? u.pathname : ''}`;
  } catch {
    return 'the configured address';
  }
}

/** The driver's own reason (drizzle wraps it as `cause`), on one line. */
function reason(err: unknown): string {
  let e = err as { code?: string; message?: string; cause?: unknown; errors?: unknown[] };
  while (e.cause) e = e.cause as typeof e;
  if (!e.code && e.errors?.length) e = e.errors[0] as typeof e; // AggregateError from a multi-address connect
  const text = e.code
    ? `${e.code}${e.message && !e.message.includes(e.code) ? `: ${e.message}` : ''}`
    : (e.message ?? String(e));
  return text.replace(/\s+/g, ' ').trim();
}

export interface Runtime {
  deps: AppDeps;
  dbHandle: DbHandle;
  setAccepting(v: boolean): void;
  close(): Promise<void>;
}

/** Connects to PostgreSQL and Redis (failing with one clear line each) and builds the shared dependencies. */
export async function createRuntime(config: Config, logger?: Logger): Promise<Runtime> {
  const log = logger ?? createLogger({ level: config.LOG_LEVEL, base: { service: 'medicrm', role: config.ROLE } });
  const dbHandle = createDb(config.DATABASE_URL, { max: config.DB_POOL_MAX });
  try {
    await dbHandle.db.execute(sql`select 1`);
  } catch (err) {
    await dbHandle.close().catch(() => {});
    throw new StartupError(
      `DATABASE_URL: cannot connect to PostgreSQL at ${describeTarget(config.DATABASE_URL)} (${reason(err)})`,
    );
  }
  let redis: Redis;
  try {
    redis = await connectRedis(config.REDIS_URL);
  } catch (err) {
    await dbHandle.close().catch(() => {});
    throw new StartupError(
      `REDIS_URL: cannot connect to Redis at ${describeTarget(config.REDIS_URL)} (${reason(err)})`,
    );
  }
  let accepting = false;
  const closers: (() => Promise<void>)[] = [];
  const queues = createQueues(redis, config.REDIS_PREFIX);
  const deps: AppDeps = {
    config,
    db: dbHandle.db,
    redis,
    queues,
    logger: log,
    metrics: createMetrics(),
    isAccepting: () => accepting,
    onClose: (fn) => {
      closers.push(fn);
    },
  };
  return {
    deps,
    dbHandle,
    setAccepting(v) {
      accepting = v;
    },
    async close() {
      for (const fn of closers.splice(0)) await fn().catch((err) => log.warn({ err }, 'release step failed'));
      await queues.closeAll();
      await redis.quit().catch(() => redis.disconnect());
      await dbHandle.close();
    },
  };
}

async function connectRedis(url: string): Promise<Redis> {
  const redis = createRedis(url, 'medicrm');
  try {
    await new Promise<void>((resolve, reject) => {
      const t = setTimeout(() => reject(new Error('timed out after 5 s')), 5_000);
      redis.once('ready', () => {
        clearTimeout(t);
        resolve();
      });
      redis.once('error', (err) => {
        clearTimeout(t);
        reject(err);
      });
    });
  } catch (err) {
    redis.disconnect();
    throw err;
  }
  redis.on('error', () => {}); // ioredis reconnects by itself; /ready reports the outage meanwhile
  return redis;
}
