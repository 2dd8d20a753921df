/**
 * Notifications against the sandbox twins, everything in one process as `npm start` runs it (relay, workers, twins):
 *  1. baseline: the ZNS twin's own acceptance rate, calling the ZNS adapter directly at the workers' concurrency;
 *  2. unthrottled: N `reexam.due` events committed at once → rules → notifications → ZNS; notifications per second
 *     from the commit to the twin's acceptance (as a ratio to the baseline), and a check that each went out once;
 *  3. a configured rate limit (the Redis token bucket): M notifications at R/s; the rate the twin saw and its error.
 *
 *   nice -n 10 npx tsx bench/notify.ts [N=2000] [rate=50] [M=500]      (PostgreSQL and Redis must run)
 */
import { inArray, sql } from 'drizzle-orm';
import { contacts, notifications, patients } from '../db/schema/index.ts';
import { eventRouting } from '../hub/jobs.ts';
import {
  createNotifications,
  createNotifyEngine,
  installNotifyEngine,
  notifyEngine,
  notifyProcessor,
  remindersProcessor,
  scheduleSends,
} from '../hub/notify/index.ts';
import { createLogger } from '../hub/platform/logger.ts';
import { publishEvent, startRelay } from '../hub/platform/outbox.ts';
import { startWorkers } from '../hub/platform/workers.ts';
import { createRuntime } from '../hub/runtime.ts';
import { startSandbox } from '../sandbox/server.ts';
import { closedLoop } from './load.ts';
import { notifyBenchConfig, znsTwin } from './notify-bench.ts';
import { withScratchDatabase } from './scratch.ts';

const n = Number(process.argv[2] ?? 2_000);
const rate = Number(process.argv[3] ?? 50);
const m = Number(process.argv[4] ?? 500);
const concurrency = 32;
const fmt = (x: number, d = 0) => x.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d });

await withScratchDatabase(async (databaseUrl) => {
  // the twins call back to this address; nothing listens there (acceptance is what is measured, not delivery)
  const sandbox = await startSandbox({ hubUrl: 'http://127.0.0.1:9', deliveryDelayMs: 60_000, smtpPort: 0 });
  const config = notifyBenchConfig(databaseUrl, sandbox.url);
  const rt = await createRuntime(config, createLogger({ level: 'silent' }));
  rt.setAccepting(true);
  const { db } = rt.deps;
  type Accepted = { items: { trackingId: string; at: string }[]; counts: Record<string, number> };
  const call = znsTwin(sandbox.url);
  const twin = <T = Accepted>(method: 'GET' | 'POST' | 'DELETE', path: string, body?: unknown) =>
    call<T>(method, path, body);
  await twin('POST', '/_sandbox/settings', { dailyQuota: 10_000_000, deliver: false });

  const people = async (count: number, tag: string) => {
    const rows = await db
      .insert(contacts)
      .values(
        Array.from({ length: count }, (_, i) => ({
          fullName: `Bệnh nhân ${tag} ${i + 1}`,
          phone: `8498${String(i).padStart(7, '0')}`,
        })),
      )
      .returning({ id: contacts.id, phone: contacts.phone });
    return db
      .insert(patients)
      .values(
        rows.map((c, i) => ({
          contactId: c.id,
          fullName: `Bệnh nhân ${tag} ${i + 1}`,
          sex: 'female' as const,
          phone: c.phone,
        })),
      )
      .returning({ id: patients.id, contactId: patients.contactId });
  };
  const relay = startRelay({
    db,
    queues: rt.deps.queues,
    routing: eventRouting,
    batchSize: 500,
    pollMs: 50,
    onError: () => {},
  });
  const workers = startWorkers({
    connection: rt.deps.redis,
    redisPrefix: config.REDIS_PREFIX,
    concurrency,
    processors: { notify: notifyProcessor(rt.deps), reminders: remindersProcessor(rt.deps) },
    logger: rt.deps.logger,
  });
  try {
    // ---- 1. the twin's own pace, adapter calls only ----
    const zns = notifyEngine(rt.deps).adapters.zns!;
    const base = await closedLoop(concurrency, 3_000, (i) =>
      zns.send({
        trackingId: `baseline-${i}`,
        to: `8497${String(i % 1_000_000).padStart(7, '0')}`,
        zns: {
          templateId: '413006',
          templateData: { customer_name: 'Nguyễn Thị Hoa', service_name: 'Khám nội', due_date: '03/12/2026' },
        },
      }),
    );
    await twin('DELETE', '/_sandbox/accepted');
    console.log(`baseline: ZNS adapter → twin       ${fmt(base.rps)} sends/s   (${concurrency} in flight, no engine)`);

    // ---- 2. unthrottled, from the domain event to the twin's acceptance ----
    const group = await people(n, 'A');
    const due = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    const started = performance.now();
    await db.transaction(async (tx) => {
      for (const p of group) {
        await publishEvent(tx, {
          topic: 'reexam.due',
          aggregateType: 'patient',
          aggregateId: p.id,
          payload: { patientId: p.id, dueDate: due },
        });
      }
    });
    const ids = group.map((p) => p.contactId);
    const accepted = async () =>
      (
        await db
          .select({ n: sql<number>`count(*)::int` })
          .from(notifications)
          .where(sql`${notifications.contactId} in ${ids} and ${notifications.state} in ('sent', 'delivered')`)
      )[0]!.n;
    while ((await accepted()) < n) await new Promise((r) => setTimeout(r, 50));
    const seconds = (performance.now() - started) / 1000;
    const counts = (await twin('GET', '/_sandbox/accepted')).counts;
    const sent = await db
      .select({ id: notifications.id })
      .from(notifications)
      .where(inArray(notifications.contactId, ids));
    const once = sent.filter((s) => counts[s.id] === 1).length;
    console.log(
      `unthrottled: event → twin accepted  ${fmt(n / seconds)} notifications/s   ratio to baseline ${fmt(n / seconds / base.rps, 2)}   (${fmt(n)} in ${fmt(seconds, 1)} s; exactly once: ${fmt(once)}/${fmt(sent.length)})`,
    );
    await twin('DELETE', '/_sandbox/accepted');

    // ---- 3. a configured rate (token bucket in Redis, burst 1) ----
    const engine = createNotifyEngine(rt.deps, notifyEngine(rt.deps).adapters, {
      settings: { rates: { zns: rate, sms: 0, email: 0, zalo_oa: 0, miniapp: 0 }, burst: 1 },
    });
    installNotifyEngine(rt.deps, engine);
    const paced = await people(m, 'B');
    const created = await db.transaction((tx) =>
      createNotifications(
        engine,
        tx,
        paced.map((p, i) => ({
          type: 're-exam-reminder' as const,
          contactId: p.contactId,
          patientId: p.id,
          params: {
            patientName: `Bệnh nhân B ${i + 1}`,
            dueDate: '03/12/2026',
            serviceName: 'Khám nội',
            bookingLink: 'https://zalo.me/s/1/booking',
          },
          idempotencyKey: `bench-rate-${i}`,
        })),
      ),
    );
    await scheduleSends(engine, created);
    let log = await twin('GET', '/_sandbox/accepted');
    while (log.items.length < m) {
      await new Promise((r) => setTimeout(r, 200));
      log = await twin('GET', '/_sandbox/accepted');
    }
    const times = log.items.map((x) => Date.parse(x.at)).sort((a, b) => a - b);
    const measured = (times.length - 1) / ((times.at(-1)! - times[0]!) / 1000);
    const error = (measured / rate - 1) * 100;
    console.log(
      `rate limit: configured ${fmt(rate)}/s, the twin saw ${fmt(measured, 2)}/s over ${fmt(m)} sends   error ${error >= 0 ? '+' : ''}${fmt(error, 2)} %   (goal within ±5 %)`,
    );
  } finally {
    await workers.close();
    await relay.stop();
    for (const q of ['notify', 'reminders'] as const)
      await rt.deps.queues[q].obliterate({ force: true }).catch(() => {});
    await rt.close();
    await sandbox.stop();
  }
});
