/**
 * Zalo OA webhook intake under load, over real HTTP on loopback, against the bare Hono handler in the same run:
 *  1. acknowledgements per second of POST /webhooks/zalo-oa (signature check, replay window, stored in
 *     webhook_events before the 200, queued) at 64 connections, and their p99, as a ratio to bare Hono /health, both
 *     loaded from a client process of its own that signs each webhook as Zalo does (bench/zalo-webhooks.ts);
 *  2. end to end: webhooks for the same duration with the inbound workers running in the same process (as
 *     `npm start` does), loaded from a client process of its own as in 1, then until every stored event is normalised
 *     into contact + conversation + message — events fully stored and processed per second; one delivery in 21 is
 *     the one before it again, byte for byte (a provider retry);
 *  3. a count in the database afterwards: acknowledged events vs stored events vs messages (lost, duplicated).
 *
 *   npx tsx bench/inbound.ts [seconds=10]      (60 for the sustained run; PostgreSQL and Redis must run)
 */
import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { createApp } from '../hub/app.ts';
import { loadConfig } from '../hub/config.ts';
import { eventRouting, processors } from '../hub/jobs.ts';
import { createLogger } from '../hub/platform/logger.ts';
import { startRelay } from '../hub/platform/outbox.ts';
import { startWorkers } from '../hub/platform/workers.ts';
import { createRuntime } from '../hub/runtime.ts';
import { bareHono, listen, loadFromClient, loadUrlsFromClient, percentile } from './load.ts';
import { withScratchDatabase } from './scratch.ts';
import { eventOfRequest, type ZaloWebhookArgs } from './zalo-webhooks.ts';

const seconds = Number(process.argv[2] ?? 10);
const connections = 64;
const users = 2_000;
const appId = '1000000000000000001';
const oaId = '2000000000000000001';
const secret = 'medicrm-bench-oa-secret-key';

const run = randomBytes(3).toString('hex');
const zalo = { appId, oaId, secret, run, users };
const fmt = (n: number, d = 0) => n.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d });

await withScratchDatabase(async (databaseUrl) => {
  const config = loadConfig({
    DATABASE_URL: databaseUrl,
    REDIS_PREFIX: `medicrm-bench-${process.pid}`,
    LOG_LEVEL: 'silent',
    SERVE_WEB: 'false',
    DB_POOL_MAX: '20',
    WORKER_CONCURRENCY: '32',
    ZALO_OA_ID: oaId,
    ZALO_OA_APP_ID: appId,
    ZALO_OA_SECRET_KEY: secret,
    ZALO_OA_ACCESS_TOKEN: 'medicrm-bench-oa-access-token',
    // no OA API in the bench: the profile lookup of a new user fails at once and the contact keeps a placeholder name
    ZALO_OA_API_URL: 'http://127.0.0.1:9',
  });
  const rt = await createRuntime(config, createLogger({ level: 'silent' }));
  rt.setAccepting(true);
  const { db } = rt.deps;
  const hub = await listen(createApp(rt.deps).fetch);
  const bare = await bareHono();
  let sent = 0;
  try {
    // ---- 1. acknowledgements, workers off (the API role alone), the load from a client process of its own ----
    const webhooks = (offset: number) => ({
      module: new URL('./zalo-webhooks.ts', import.meta.url).href,
      args: { ...zalo, url: `${hub.url}/webhooks/zalo-oa`, offset } satisfies ZaloWebhookArgs,
    });
    await loadUrlsFromClient([`${bare.url}/health`], connections, 1000);
    const warm = await loadFromClient(webhooks(sent), connections, 1000);
    sent += warm.latencies.length + connections;
    const bareRun = await loadUrlsFromClient([`${bare.url}/health`], connections, (seconds * 1000) / 2);
    const ackRun = await loadFromClient(webhooks(sent), connections, (seconds * 1000) / 2);
    sent += ackRun.latencies.length + connections;
    const ratio = ackRun.rps / bareRun.rps;
    const p99 = percentile(ackRun.latencies, 99);
    console.log(
      `bare Hono /health        : ${fmt(bareRun.rps)} req/s   p99 ${fmt(percentile(bareRun.latencies, 99), 1)} ms   (baseline, ${connections} connections)`,
    );
    console.log(
      `Zalo webhook acks        : ${fmt(ackRun.rps)} req/s   p99 ${fmt(p99, 1)} ms   ratio ${fmt(ratio, 3)}   (goal ≥ 0.40, p99 < 50 ms)`,
    );

    // drop phase 1's events: phase 2 counts from an empty intake
    await rt.deps.queues.inbound.obliterate({ force: true });
    await db.execute(sql`truncate webhook_events, messages, conversations, contact_identities, contacts cascade`);

    // ---- 2. end to end, workers on ----
    const relay = startRelay({
      db,
      queues: rt.deps.queues,
      routing: eventRouting,
      batchSize: config.OUTBOX_BATCH,
      pollMs: config.OUTBOX_POLL_MS,
      onError: () => {},
    });
    const workers = startWorkers({
      connection: rt.deps.redis,
      redisPrefix: config.REDIS_PREFIX,
      concurrency: config.WORKER_CONCURRENCY,
      processors: { inbound: processors(rt.deps).inbound },
      logger: rt.deps.logger,
    });
    const base = sent;
    const redeliverEvery = 20;
    const e2e = await loadFromClient(
      { ...webhooks(base), args: { ...webhooks(base).args, redeliverEvery } },
      connections,
      seconds * 1000,
    );
    // every request the client started was answered 200 (it fails otherwise): requests 0…n-1, events as numbered
    const requests = e2e.latencies.length;
    let redelivered = 0;
    for (let i = 0; i < requests; i++) if (eventOfRequest(i, redeliverEvery).redelivery) redelivered++;
    const acked = requests - redelivered;
    // timed from the client's first request (not from spawning it), then until the workers have drained the intake
    const sendingSeconds = requests / e2e.rps;
    const doneSending = performance.now();
    let pending = 1;
    while (pending > 0) {
      const [row] = (
        await db.execute<{ n: number }>(sql`select count(*)::int as n from webhook_events where state = 'received'`)
      ).rows;
      pending = row!.n;
      if (pending > 0) await new Promise((r) => setTimeout(r, 100));
    }
    const allSeconds = sendingSeconds + (performance.now() - doneSending) / 1000;
    await workers.close();
    await relay.stop();

    // ---- 3. the database count ----
    const [counts] = (
      await db.execute<{
        events: number;
        processed: number;
        failed: number;
        messages: number;
        distinct_ids: number;
      }>(sql`
        select (select count(*)::int from webhook_events) as events,
               (select count(*)::int from webhook_events where state = 'processed') as processed,
               (select count(*)::int from webhook_events where state = 'failed') as failed,
               (select count(*)::int from messages) as messages,
               (select count(distinct provider_message_id)::int from messages) as distinct_ids`)
    ).rows;
    const c = counts!;
    const lost = acked - c.messages;
    const duplicated = c.messages - c.distinct_ids + Math.max(0, c.events - acked);
    console.log(
      `end to end, ${fmt(sendingSeconds, 1)} s of webhooks: ${fmt(acked)} events acknowledged (${fmt(e2e.rps)} acks/s incl. ${fmt(redelivered)} re-deliveries, p99 ${fmt(percentile(e2e.latencies, 99), 1)} ms), all processed after ${fmt(allSeconds, 1)} s`,
    );
    console.log(`events fully stored and processed: ${fmt(acked / allSeconds)} events/s   (goal ≥ 1,500/s for 60 s)`);
    console.log(
      `database: ${fmt(c.events)} webhook events (${fmt(c.processed)} processed, ${fmt(c.failed)} failed), ${fmt(c.messages)} messages → lost ${lost}, duplicated ${duplicated}`,
    );
  } finally {
    hub.server.close();
    bare.server.close();
    await rt.deps.queues.inbound.obliterate({ force: true }).catch(() => {});
    await rt.close();
  }
});
