import { type AddressInfo, createServer } from 'node:net';
import { serve } from '@hono/node-server';
import { type ChannelServices, startChannelServices } from '../../hub/channels/index.ts';
import { eventRouting, processors } from '../../hub/jobs.ts';
import { type Relay, startRelay } from '../../hub/platform/outbox.ts';
import { startWorkers, type Workers } from '../../hub/platform/workers.ts';
import { type RunningSandbox, type SandboxOptions, startSandbox } from '../../sandbox/server.ts';
import { createTestApp, startTestHub, type TestApp } from './hub.ts';

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

export interface ChannelHarness {
  t: TestApp;
  hubUrl: string;
  sandbox: RunningSandbox;
  sandboxOpts: SandboxOptions;
  /** calls the sandbox (the patient's phone, the twins' control routes) */
  phone<T = unknown>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T>;
  /** polls until `check` returns a truthy value */
  waitFor<T>(check: () => Promise<T | undefined | null | false>, what: string, timeoutMs?: number): Promise<T>;
  close(): Promise<void>;
}

/**
 * The hub over a real port with its workers, outbox relay and SMTP listener, and the sandbox twins calling it back:
 * what `npm start` runs, on a private database, Redis prefix and free ports.
 */
export async function startChannelHarness(env: Record<string, string> = {}): Promise<ChannelHarness> {
  let handler: ((req: Request) => Response | Promise<Response>) | undefined;
  const server = serve({
    fetch: (req) => (handler ? handler(req) : new Response('starting', { status: 503 })),
    hostname: '127.0.0.1',
    port: 0,
  });
  await new Promise((r) => server.once('listening', r));
  const hubUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const smtpPort = await freePort();
  const hubSmtpPort = await freePort();
  const sandboxOpts: SandboxOptions = {
    hubUrl,
    smtpPort,
    hubSmtp: { host: '127.0.0.1', port: hubSmtpPort },
    deliveryDelayMs: 50,
    webhookRetryDelaysMs: [300, 1_000],
  };
  const sandbox = await startSandbox(sandboxOpts);
  const t = await createTestApp({
    env: {
      SANDBOX: 'true',
      SANDBOX_URL: sandbox.url,
      SANDBOX_SMTP_PORT: String(smtpPort),
      EMAIL_LISTEN_PORT: String(hubSmtpPort),
      PUBLIC_URL: hubUrl,
      OUTBOX_POLL_MS: '50',
      ...env,
    },
  });
  handler = t.app.fetch;
  const relay: Relay = startRelay({
    db: t.deps.db,
    queues: t.deps.queues,
    routing: eventRouting,
    batchSize: 200,
    pollMs: 50,
    onError: () => {},
  });
  const workers: Workers = startWorkers({
    connection: t.deps.redis,
    redisPrefix: t.deps.config.REDIS_PREFIX,
    concurrency: 5,
    processors: processors(t.deps),
    logger: t.deps.logger,
  });
  const channels: ChannelServices = await startChannelServices(t.deps);
  return {
    t,
    hubUrl,
    sandbox,
    sandboxOpts,
    async phone<T>(method: 'GET' | 'POST', path: string, body?: unknown) {
      const res = await fetch(`${sandbox.url}${path}`, {
        method,
        headers: body === undefined ? {} : { 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return (await res.json()) as T;
    },
    async waitFor(check, what, timeoutMs = 10_000) {
      const until = Date.now() + timeoutMs;
      for (;;) {
        const v = await check();
        if (v) return v;
        if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    async close() {
      t.deps.isAccepting = () => false;
      await channels.stop();
      await relay.stop();
      await workers.close();
      await sandbox.stop();
      await new Promise<void>((r) => server.close(() => r()));
      if ('closeAllConnections' in server) server.closeAllConnections();
      await t.close();
    },
  };
}

export type TestHub = Awaited<ReturnType<typeof startTestHub>>;

/**
 * `startTestHub()` (real port, workers) with the sandbox twins wired both ways, as browser tests drive them. The hub
 * must know the sandbox's address before the sandbox knows the hub's, so the ports are reserved first.
 */
export async function startHubWithSandbox(env: Record<string, string> = {}): Promise<{
  hub: TestHub;
  sandbox: RunningSandbox;
}> {
  const [sandboxPort, smtpPort, hubSmtpPort] = [await freePort(), await freePort(), await freePort()];
  const hub = await startTestHub({
    env: {
      ...env,
      SANDBOX: 'true',
      SANDBOX_URL: `http://127.0.0.1:${sandboxPort}`,
      SANDBOX_SMTP_PORT: String(smtpPort),
      EMAIL_LISTEN_PORT: String(hubSmtpPort),
    },
  });
  try {
    const sandbox = await startSandbox({
      hubUrl: hub.url,
      port: sandboxPort,
      smtpPort,
      hubSmtp: { host: '127.0.0.1', port: hubSmtpPort },
      deliveryDelayMs: 50,
      webhookRetryDelaysMs: [300, 1_000],
    });
    return { hub, sandbox };
  } catch (err) {
    await hub.stop();
    throw err;
  }
}
