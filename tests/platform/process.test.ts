import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { Queue } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../hub/platform/logger.ts';
import { bullPrefix } from '../../hub/platform/queues.ts';
import { createRedis, type Redis } from '../../hub/platform/redis.ts';
import { startWorkers } from '../../hub/platform/workers.ts';
import { createTestDatabase, type TestDatabase } from '../support/db.ts';
import { clearRedisPrefix, redisUrl, testRedisPrefix } from '../support/redis.ts';

function startMain(env: Record<string, string>): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', 'hub/main.ts'], {
    env: { PATH: process.env.PATH, LOG_LEVEL: 'silent', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

async function finish(child: ChildProcess) {
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d) => (stdout += d));
  child.stderr!.on('data', (d) => (stderr += d));
  const [code] = (await once(child, 'exit')) as [number | null];
  return { code, stdout, stderr };
}

describe('hub process', () => {
  it.each([
    [
      'unreachable',
      'postgres://postgres@127.0.0.1:1/medicrm',
      /^medicrm: DATABASE_URL: cannot connect to PostgreSQL at 127\.0\.0\.1:1\/medicrm/,
    ],
    ['malformed', 'not-a-url', /^medicrm: Configuration error: DATABASE_URL has an invalid value/],
  ])('stops with one clear line when DATABASE_URL is %s', async (_case, url, line) => {
    const { code, stdout, stderr } = await finish(startMain({ DATABASE_URL: url, PORT: '0' }));
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toMatch(line);
  });

  describe('graceful shutdown', () => {
    let database: TestDatabase;
    const prefix = testRedisPrefix();
    beforeAll(async () => {
      database = await createTestDatabase();
    });
    afterAll(async () => {
      await database?.drop();
      await clearRedisPrefix(prefix);
    });

    it('serves, then on SIGTERM stops taking work and exits 0', async () => {
      const child = startMain({
        DATABASE_URL: database.url,
        REDIS_URL: redisUrl,
        REDIS_PREFIX: prefix,
        PORT: '0',
        SERVE_WEB: 'false',
      });
      const done = finish(child);
      const url = await new Promise<string>((resolve, reject) => {
        let out = '';
        child.stdout!.on('data', (d) => {
          out += d;
          const m = out.match(/listening on (http:\/\/\S+)/);
          if (m) resolve(m[1]!);
        });
        child.once('exit', () => reject(new Error(`hub exited early: ${out}`)));
      });
      expect((await fetch(`${url}/ready`)).status).toBe(200);
      child.kill('SIGTERM');
      const { code } = await done;
      expect(code).toBe(0);
      await expect(fetch(`${url}/health`)).rejects.toThrow();
    });
  });
});

describe('workers on shutdown', () => {
  let redis: Redis;
  const prefix = testRedisPrefix();
  beforeAll(() => {
    redis = createRedis(redisUrl, 'workers-test');
  });
  afterAll(async () => {
    redis.disconnect();
    await clearRedisPrefix(prefix);
  });

  it('finish the job in flight before closing, and take no new one', async () => {
    const queue = new Queue('maintenance', { connection: redis, prefix: bullPrefix(prefix) });
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let started = 0;
    let finished = 0;
    const workers = startWorkers({
      connection: redis,
      redisPrefix: prefix,
      concurrency: 1,
      logger: createLogger({ level: 'silent' }),
      processors: {
        maintenance: async () => {
          started++;
          await gate;
          finished++;
        },
      },
    });
    await queue.add('slow', {}, { jobId: 'slow-1' });
    await queue.add('next', {}, { jobId: 'next-1' });
    while (started === 0) await new Promise((r) => setTimeout(r, 20));
    const closing = workers.close();
    setTimeout(release, 200);
    await closing;
    expect(finished).toBe(1);
    expect(await (await queue.getJob('slow-1'))?.isCompleted()).toBe(true);
    expect(await (await queue.getJob('next-1'))?.isWaiting()).toBe(true);
    await queue.close();
  });
});
