/**
 * A worker process of the notifications alone (the `notify` and `reminders` queues and the sweep), configured from
 * its environment like `ROLE=worker` is. tests/notify/crash.test.ts kills it with SIGKILL in the middle of a batch
 * and starts another one.
 */
import { loadConfig } from '../../hub/config.ts';
import { notifyProcessor, remindersProcessor, scheduleNotify } from '../../hub/notify/index.ts';
import { startWorkers } from '../../hub/platform/workers.ts';
import { createRuntime } from '../../hub/runtime.ts';

const config = loadConfig();
const rt = await createRuntime(config);
rt.setAccepting(true);
startWorkers({
  connection: rt.deps.redis,
  redisPrefix: config.REDIS_PREFIX,
  concurrency: config.WORKER_CONCURRENCY,
  processors: { notify: notifyProcessor(rt.deps), reminders: remindersProcessor(rt.deps) },
  logger: rt.deps.logger,
});
await scheduleNotify(rt.deps);
process.stdout.write('ready\n');
