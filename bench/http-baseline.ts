/**
 * Requests per second of the hub's /health (full middleware stack: request id, logging, metrics,
 * secure headers, error mapping) against a bare Hono handler, both over real HTTP on loopback, in the same run.
 * Later benchmarks divide by the bare figure printed here.
 *
 *   npm run bench            (PostgreSQL and Redis must be running; a scratch database is created and dropped)
 */
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { createApp } from '../hub/app.ts';
import { loadConfig } from '../hub/config.ts';
import { createLogger } from '../hub/platform/logger.ts';
import { createRuntime } from '../hub/runtime.ts';
import { withScratchDatabase } from './scratch.ts';

const seconds = Number(process.argv[2] ?? 5);
const connections = 32;

async function listen(fetch: (req: Request) => Response | Promise<Response>) {
  const server = serve({ fetch, hostname: '127.0.0.1', port: 0 });
  await new Promise((r) => server.once('listening', r));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

/** Closed-loop load: `connections` clients each send the next request when the previous answers. */
async function load(url: string, ms: number): Promise<number> {
  let done = 0;
  const until = performance.now() + ms;
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (performance.now() < until) {
        const res = await fetch(url);
        await res.arrayBuffer();
        if (res.status !== 200) throw new Error(`unexpected ${res.status}`);
        done++;
      }
    }),
  );
  return done / (ms / 1000);
}

await withScratchDatabase(async (databaseUrl) => {
  const config = loadConfig({
    DATABASE_URL: databaseUrl,
    REDIS_PREFIX: `medicrm-bench-${process.pid}`,
    LOG_LEVEL: 'silent',
    SERVE_WEB: 'false',
  });
  const rt = await createRuntime(config, createLogger({ level: 'silent' }));
  rt.setAccepting(true);
  const hub = await listen(createApp(rt.deps).fetch);
  const bare = await listen(new Hono().get('/health', (c) => c.json({ status: 'ok' })).fetch);
  try {
    await load(`${bare.url}/health`, 1000); // warm-up both
    await load(`${hub.url}/health`, 1000);
    // Alternate short rounds so drift on the machine hits both sides alike.
    let bareTotal = 0;
    let hubTotal = 0;
    const rounds = 4;
    for (let i = 0; i < rounds; i++) {
      bareTotal += await load(`${bare.url}/health`, (seconds * 1000) / rounds);
      hubTotal += await load(`${hub.url}/health`, (seconds * 1000) / rounds);
    }
    const bareRps = bareTotal / rounds;
    const hubRps = hubTotal / rounds;
    console.log(`bare Hono /health : ${bareRps.toFixed(0)} req/s   (baseline)`);
    console.log(`hub /health       : ${hubRps.toFixed(0)} req/s`);
    console.log(
      `ratio hub/bare    : ${(hubRps / bareRps).toFixed(3)}   (${connections} connections, ${seconds} s each side)`,
    );
  } finally {
    hub.server.close();
    bare.server.close();
    await rt.close();
  }
});
