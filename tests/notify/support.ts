import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { eq, sql } from 'drizzle-orm';
import { contacts, notificationAttempts, notifications, patients } from '../../db/schema/index.ts';
import { type ChannelServices, startChannelServices } from '../../hub/channels/index.ts';
import { eventRouting, processors } from '../../hub/jobs.ts';
import { scheduleNotify } from '../../hub/notify/index.ts';
import { type Relay, startRelay } from '../../hub/platform/outbox.ts';
import { startWorkers, type Workers } from '../../hub/platform/workers.ts';
import { type RunningSandbox, startSandbox } from '../../sandbox/server.ts';
import { freePort } from '../support/channels.ts';
import { createTestApp, type TestApp } from '../support/hub.ts';

/**
 * Settings that make the notification clocks test-sized: quiet hours off (a test must not depend on the hour it runs
 * at), no rate limits, short leases, retries and sweeps. Tests override what they exercise.
 */
export const fastNotify: Record<string, string> = {
  NOTIFY_QUIET_HOURS: 'off',
  NOTIFY_RATE_LIMITS: 'zns=0,sms=0,email=0,zalo_oa=0,miniapp=0',
  NOTIFY_SWEEP_SECONDS: '0.5',
  NOTIFY_LEASE_SECONDS: '2',
  NOTIFY_INDOUBT_GRACE_SECONDS: '5',
  NOTIFY_RETRY_BASE_SECONDS: '0.2',
};

export interface NotifyHarness {
  t: TestApp;
  hubUrl: string;
  sandbox: RunningSandbox;
  /** JSON call to the sandbox (twins' control routes) */
  twin<T = unknown>(method: 'GET' | 'POST' | 'DELETE', path: string, body?: unknown): Promise<T>;
  /** how many sends a twin accepted per tracking id (= notification id) */
  accepted(twin: 'zns' | 'esms' | 'speedsms' | 'miniapp-notify'): Promise<Record<string, number>>;
  waitFor<T>(check: () => Promise<T | undefined | null | false>, what: string, timeoutMs?: number): Promise<T>;
  notification(id: string): Promise<typeof notifications.$inferSelect>;
  attempts(id: string): Promise<(typeof notificationAttempts.$inferSelect)[]>;
  close(): Promise<void>;
}

/**
 * The hub over a real port with the sandbox twins calling it back, the outbox relay, and (unless `workers: false`,
 * for a test that runs them in a child process) every queue worker with the notification sweep scheduled.
 */
export async function startNotifyHarness(opts: { env?: Record<string, string>; workers?: boolean } = {}) {
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
  const sandbox = await startSandbox({
    hubUrl,
    smtpPort,
    hubSmtp: { host: '127.0.0.1', port: hubSmtpPort },
    deliveryDelayMs: 50,
    webhookRetryDelaysMs: [300, 1_000],
  });
  const env = {
    SANDBOX: 'true',
    SANDBOX_URL: sandbox.url,
    SANDBOX_SMTP_PORT: String(smtpPort),
    EMAIL_LISTEN_PORT: String(hubSmtpPort),
    PUBLIC_URL: hubUrl,
    OUTBOX_POLL_MS: '50',
    ...fastNotify,
    ...opts.env,
  };
  const t = await createTestApp({ env });
  handler = t.app.fetch;
  const relay: Relay = startRelay({
    db: t.deps.db,
    queues: t.deps.queues,
    routing: eventRouting,
    batchSize: 200,
    pollMs: 50,
    onError: () => {},
  });
  let workers: Workers | undefined;
  let channels: ChannelServices | undefined;
  if (opts.workers !== false) {
    workers = startWorkers({
      connection: t.deps.redis,
      redisPrefix: t.deps.config.REDIS_PREFIX,
      concurrency: 5,
      processors: processors(t.deps),
      logger: t.deps.logger,
    });
    await scheduleNotify(t.deps);
    // the mail listener: delivery-status reports of notification emails come back through it
    channels = await startChannelServices(t.deps);
  }
  const twin = async <T>(method: string, path: string, body?: unknown) => {
    const res = await fetch(`${sandbox.url}${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return (await res.json()) as T;
  };
  const h: NotifyHarness = {
    t,
    hubUrl,
    sandbox,
    twin,
    async accepted(name) {
      return (await twin<{ counts: Record<string, number> }>('GET', `/${name}/_sandbox/accepted`)).counts;
    },
    async waitFor(check, what, timeoutMs = 20_000) {
      const until = Date.now() + timeoutMs;
      for (;;) {
        const v = await check();
        if (v) return v;
        if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    async notification(id) {
      const [n] = await t.db.select().from(notifications).where(eq(notifications.id, id));
      if (!n) throw new Error(`no notification ${id}`);
      return n;
    },
    attempts: (id) =>
      t.db
        .select()
        .from(notificationAttempts)
        .where(eq(notificationAttempts.notificationId, id))
        .orderBy(notificationAttempts.createdAt),
    async close() {
      t.deps.isAccepting = () => false;
      await channels?.stop();
      await relay.stop();
      await workers?.close();
      await sandbox.stop();
      await new Promise<void>((r) => server.close(() => r()));
      if ('closeAllConnections' in server) server.closeAllConnections();
      await t.close();
    },
  };
  return h;
}

let phoneSeq = 0;
/** A fresh contact with its own patient profile and a mobile number in 84-form (unique per test run). */
export async function newPatient(t: TestApp, over: { phone?: string; email?: string; name?: string } = {}) {
  phoneSeq++;
  const phone = over.phone ?? `8498${String(process.pid % 1000).padStart(3, '0')}${String(phoneSeq).padStart(4, '0')}`;
  const [c] = await t.db
    .insert(contacts)
    .values({ fullName: over.name ?? 'Trần Thị Lan', phone, email: over.email ?? null, firstChannel: 'hotline' })
    .returning({ id: contacts.id });
  const [p] = await t.db
    .insert(patients)
    .values({ contactId: c!.id, fullName: over.name ?? 'Trần Thị Lan', sex: 'female', phone })
    .returning({ id: patients.id });
  return { contactId: c!.id, patientId: p!.id, phone };
}

/** Notifications of a contact, oldest first. */
export function notificationsOf(t: TestApp, contactId: string) {
  return t.db
    .select()
    .from(notifications)
    .where(eq(notifications.contactId, contactId))
    .orderBy(notifications.createdAt, sql`${notifications.sendAfter}`);
}
