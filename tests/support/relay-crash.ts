/**
 * Runs one outbox relay batch and dies by SIGKILL after the jobs are in Redis but before the rows are
 * marked published: the worst moment for a relay to crash. Used by tests/platform/outbox.test.ts.
 */
import { createDb } from '../../db/client.ts';
import { relayBatch } from '../../hub/platform/outbox.ts';
import { createQueues } from '../../hub/platform/queues.ts';
import { createRedis } from '../../hub/platform/redis.ts';

const [dbUrl, redisUrl, prefix, routingJson] = process.argv.slice(2) as [string, string, string, string];
const handle = createDb(dbUrl, { max: 2 });
const redis = createRedis(redisUrl, 'relay-crash');
const queues = createQueues(redis, prefix);
await relayBatch({
  db: handle.db,
  queues,
  routing: JSON.parse(routingJson),
  batchSize: 1_000,
  afterEnqueue: () => {
    process.kill(process.pid, 'SIGKILL');
    return new Promise(() => {}); // never resumes
  },
});
