import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { Worker } from 'bullmq';
import { eq, isNull, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outboxEvents, teams } from '../../db/schema/index.ts';
import { consumeOnce, type OutboxJobData, publishEvent, relayBatch, startRelay } from '../../hub/platform/outbox.ts';
import { bullPrefix, createQueues, jobId, type Queues } from '../../hub/platform/queues.ts';
import { createRedis, type Redis } from '../../hub/platform/redis.ts';
import { createTestDatabase, type TestDatabase } from '../support/db.ts';
import { clearRedisPrefix, redisUrl, testRedisPrefix } from '../support/redis.ts';

const run = promisify(execFile);
const routing = { 'team.*': ['notify', 'his-sync'] } as const;

let database: TestDatabase;
let redis: Redis;
let queues: Queues;
const prefix = testRedisPrefix();

beforeAll(async () => {
  database = await createTestDatabase();
  redis = createRedis(redisUrl, 'outbox-test');
  queues = createQueues(redis, prefix);
});
afterAll(async () => {
  await queues?.closeAll();
  redis?.disconnect();
  await database?.drop();
  await clearRedisPrefix(prefix);
});

/** A state change and its event, committed together (or not at all). */
async function createTeam(name: string, fail = false) {
  await database.db
    .transaction(async (tx) => {
      const [team] = await tx.insert(teams).values({ name }).returning();
      await publishEvent(tx, {
        topic: 'team.created',
        aggregateType: 'team',
        aggregateId: team!.id,
        payload: { name },
      });
      if (fail) throw new Error('rolled back on purpose');
    })
    .catch((err: Error) => {
      if (!fail) throw err;
    });
}

describe('transactional outbox', () => {
  it('delivers each committed event exactly once per consumer, even when the relay is killed mid-batch', async () => {
    for (let i = 0; i < 25; i++) await createTeam(`Nhóm ${i}`);
    await createTeam('Nhóm bị huỷ', true); // its event must never appear

    // A relay process dies by SIGKILL after pushing the jobs, before marking the rows published.
    await expect(
      run(process.execPath, [
        '--import',
        'tsx',
        'tests/support/relay-crash.ts',
        database.url,
        redisUrl,
        prefix,
        JSON.stringify(routing),
      ]),
    ).rejects.toMatchObject({ signal: 'SIGKILL' });
    expect(await queues.notify.count()).toBe(25);
    const unpublished = await database.db.select().from(outboxEvents).where(isNull(outboxEvents.publishedAt));
    expect(unpublished).toHaveLength(25);

    // The next relay publishes the same rows again: BullMQ already holds those job ids.
    expect(await relayBatch({ db: database.db, queues, routing, batchSize: 1_000 })).toBe(25);
    expect(await relayBatch({ db: database.db, queues, routing, batchSize: 1_000 })).toBe(0);
    expect(await queues.notify.count()).toBe(25);
    expect(await queues['his-sync'].count()).toBe(25);

    // Two consumers work the events; one job is also redelivered by hand under another id.
    const handled: Record<string, number[]> = { notify: [], 'his-sync': [] };
    const workers = (['notify', 'his-sync'] as const).map(
      (queue) =>
        new Worker<OutboxJobData>(
          queue,
          async (job) => {
            await consumeOnce(database.db, `test-${queue}`, job.data.eventId, async (tx) => {
              await tx.execute(sql`select 1`);
              handled[queue]!.push(job.data.eventId);
            });
          },
          { connection: redis.duplicate(), prefix: bullPrefix(prefix), concurrency: 5 },
        ),
    );
    const first = unpublished[0]!;
    await queues.notify.add('team.created', { ...first, eventId: first.id } as unknown as OutboxJobData, {
      jobId: `redelivery-${first.id}`,
    });
    await waitUntil(async () => (await queues.notify.getCompletedCount()) === 26);
    await waitUntil(async () => (await queues['his-sync'].getCompletedCount()) === 25);
    await Promise.all(workers.map((w) => w.close()));

    for (const queue of ['notify', 'his-sync']) {
      expect(handled[queue]).toHaveLength(25);
      expect(new Set(handled[queue]).size).toBe(25);
    }
    expect(handled.notify!.sort()).toEqual(unpublished.map((r) => r.id).sort());
  });

  it('wakes the running relay as soon as an event commits', async () => {
    const relay = startRelay({
      db: database.db,
      queues,
      routing,
      batchSize: 100,
      pollMs: 60_000, // far longer than the test: only the commit's NOTIFY can wake it in time
      onError: (err) => {
        throw err;
      },
    });
    try {
      await new Promise((r) => setTimeout(r, 300)); // let it LISTEN
      await createTeam('Nhóm đánh thức');
      const [row] = await database.db
        .select()
        .from(outboxEvents)
        .where(eq(outboxEvents.topic, 'team.created'))
        .orderBy(sql`id desc`)
        .limit(1);
      await waitUntil(async () => (await queues.notify.getJob(jobId.outboxEvent(row!.id))) !== undefined, 5_000);
    } finally {
      await relay.stop();
    }
  });
});

async function waitUntil(check: () => Promise<boolean>, ms = 15_000) {
  const until = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 50));
  }
}
