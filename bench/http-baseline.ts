/**
 * Requests per second of the hub's /health (full middleware stack: request id, logging, metrics,
 * secure headers, error mapping) against a bare Hono handler, both over real HTTP on loopback, in the same run.
 * Later benchmarks divide by the bare figure printed here.
 *
 *   npm run bench            (PostgreSQL and Redis must be running; a scratch database is created and dropped)
 */
import { createApp } from '../hub/app.ts';
import { loadConfig } from '../hub/config.ts';
import { createLogger } from '../hub/platform/logger.ts';
import { createRuntime } from '../hub/runtime.ts';
import { bareHono, listen, loadUrl } from './load.ts';
import { withScratchDatabase } from './scratch.ts';

const seconds = Number(process.argv[2] ?? 5);
const connections = 32;

/** Closed-loop load over `connections` clients; requests per second. */
async function load(url: string, ms: number): Promise<number> {
  return (await loadUrl(url, connections, ms)).rps;
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
  const bare = await bareHono();
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
