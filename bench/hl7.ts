/**
 * HL7 results intake, in the enhanced acknowledgment mode the fixtures use (MSH-15 AL, MSH-16 NE):
 *
 * 1. ACKed and stored: ORU^R01 messages per second answered CA by the hub's MLLP listener — each one committed to
 *    integration_messages (raw message + its CA, de-duplicated) before its CA — against a raw MLLP echo (same framing
 *    code, the frame sent straight back) in the same run, alternating rounds, both over loopback with the same
 *    closed-loop clients (each connection waits for the reply before its next message, as HL7's sequential protocol
 *    does). The queue worker is stopped meanwhile: this is the intake alone.
 * 2. Applying alone: the worker is started on the backlog stored in (1) (patient linked by MRN, order + result + 6
 *    observations written, result.received published): messages applied per second over the same duration. Then the
 *    worker is stopped and what is left of that backlog is set aside (parked; the run would otherwise last minutes).
 * 3. Fully processed: intake and worker together for the same duration — messages per second from the first send
 *    until every message stored is applied, and the CA rate meanwhile.
 * Then a check in the database: every CA'd message stored once (none lost), every one of (3) applied, no result twice.
 *
 *   nice -n 10 npx tsx bench/hl7.ts [seconds=10] [connections=16]     (PostgreSQL and Redis must run)
 */
import { connect } from 'node:net';
import { loadavg } from 'node:os';
import { and, count, countDistinct, eq, inArray, sql } from 'drizzle-orm';
import { FrameDecoder, frame, startMllpServer } from '../adapters/clinical/hl7/index.ts';
import { contacts, integrationMessages, patients, results } from '../db/schema/index.ts';
import { hl7InboundProcessor, startClinicalServices } from '../hub/clinical/index.ts';
import { loadConfig } from '../hub/config.ts';
import { createLogger } from '../hub/platform/logger.ts';
import { startWorkers, type Workers } from '../hub/platform/workers.ts';
import { createRuntime } from '../hub/runtime.ts';
import { withScratchDatabase } from './scratch.ts';

const seconds = Number(process.argv[2] ?? 10);
const connections = Number(process.argv[3] ?? 16);
const patientCount = 500;
const fmt = (n: number, d = 0) => n.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d });

function oru(id: string, mrn: string): string {
  return [
    `MSH|^~\\&|LIS|BV_DEMO|BOOKINGHUB|PK_DEMO|20250120101500+0700||ORU^R01^ORU_R01|${id}|P|2.5.1|||AL|NE|VNM|UNICODE UTF-8`,
    `PID|1||${mrn}^^^BV_DEMO^MR||Nguyễn^An^Văn^^^^L||19800101|M`,
    'PV1|1|O|KHAMNOI^P105^^BV_DEMO',
    `ORC|RE|P${id}^HIS|F${id}^LIS||CM`,
    `OBR|1|P${id}^HIS|F${id}^LIS|SHM^Sinh hóa máu^L|||20250120083000+0700||||||||BS0456^Trần^Bình^Thị^^BS.||||||20250120101400+0700||CH|F`,
    'OBX|1|NM|2345-7^Glucose^LN^GLU^Glucose^L||7.8|mmol/L^mmol/L^UCUM|3.9-6.4|H|||F|||20250120100500+0700',
    'OBX|2|NM|2160-0^Creatinine^LN^CRE^Creatinin^L||68|umol/L^µmol/L^UCUM|62-106|N|||F|||20250120100500+0700',
    'OBX|3|NM|2823-3^Potassium^LN^K^Kali^L||2.4|mmol/L^mmol/L^UCUM|3.5-5.1|LL|||F|||20250120100500+0700',
    'OBX|4|ST|5196-1^HBsAg^LN^HBSAG^HBsAg^L||Dương tính||Âm tính|A|||F',
    'OBX|5|CE|882-1^ABO and Rh^LN^ABORH^Nhóm máu^L||ORH+^O Rh(+)^L||||||F',
    'OBX|6|TX|NX^Nhận xét^L||Mẫu hơi vỡ hồng cầu \\T\\ nên lấy lại mẫu.||||||F',
    'NTE|1|L|Kết quả Kali đã được báo cho bác sĩ điều trị.',
  ].join('\r');
}

/** `connections` clients, each sending one message and waiting for its reply, for `ms`; the ids answered CA. */
async function closedLoop(port: number, ms: number, tag: string) {
  const until = Date.now() + ms;
  let replies = 0;
  const acked: string[] = [];
  const client = (c: number) =>
    new Promise<void>((resolve, reject) => {
      const socket = connect(port, '127.0.0.1');
      const decoder = new FrameDecoder();
      let i = 0;
      let current = '';
      const next = () => {
        if (Date.now() >= until) {
          socket.end();
          resolve();
          return;
        }
        current = `${tag}${c}-${i++}`;
        socket.write(frame(oru(current, `BNB${String((c * 7919 + i) % patientCount).padStart(5, '0')}`)));
      };
      socket.setNoDelay(true);
      socket.on('connect', next);
      socket.on('error', reject);
      socket.on('data', (chunk: Buffer) => {
        for (const f of decoder.push(chunk)) {
          replies++;
          if (f.includes('MSA|CA|')) acked.push(current);
          next();
        }
      });
    });
  const started = Date.now();
  await Promise.all(Array.from({ length: connections }, (_, c) => client(c)));
  const elapsed = (Date.now() - started) / 1000;
  return { perSecond: replies / elapsed, replies, acked, started };
}

await withScratchDatabase(async (databaseUrl) => {
  const config = loadConfig({
    DATABASE_URL: databaseUrl,
    DB_POOL_MAX: String(Math.max(10, connections + 2)),
    REDIS_PREFIX: `medicrm-bench-${process.pid}`,
    LOG_LEVEL: 'silent',
    HL7_LISTEN_PORT: '0',
  });
  const rt = await createRuntime(config, createLogger({ level: 'silent' }));
  const { db } = rt.deps;
  const [c] = await db.insert(contacts).values({ fullName: 'Bệnh nhân thử tải' }).returning();
  await db.insert(patients).values(
    Array.from({ length: patientCount }, (_, i) => ({
      contactId: c!.id,
      relationship: 'other' as const,
      fullName: `Bệnh nhân ${i}`,
      hisMrn: `BNB${String(i).padStart(5, '0')}`,
    })),
  );
  const clinical = await startClinicalServices(rt.deps);
  const echo = await startMllpServer({ host: '127.0.0.1', port: 0, allow: [], onFrame: async (f) => f });
  let workers: Workers | undefined;
  const startWorker = () =>
    startWorkers({
      connection: rt.deps.redis,
      redisPrefix: config.REDIS_PREFIX,
      concurrency: config.WORKER_CONCURRENCY,
      processors: { 'hl7-inbound': hl7InboundProcessor(rt.deps) },
      logger: rt.deps.logger,
    });
  const countWhere = async (status: 'received' | 'processed') => {
    const [w] = await db
      .select({ n: count() })
      .from(integrationMessages)
      .where(and(eq(integrationMessages.direction, 'inbound'), eq(integrationMessages.status, status)));
    return Number(w!.n);
  };
  const drain = async () => {
    while ((await countWhere('received')) > 0) await new Promise((r) => setTimeout(r, 100));
    return Date.now();
  };
  /** how many of `ids` are stored, and how many of them applied */
  const storedOf = async (ids: string[]) => {
    let stored = 0;
    let applied = 0;
    for (let i = 0; i < ids.length; i += 5_000) {
      const [s] = await db
        .select({
          n: countDistinct(integrationMessages.controlId),
          applied: sql<number>`count(*) filter (where ${integrationMessages.status} = 'processed')`,
        })
        .from(integrationMessages)
        .where(inArray(integrationMessages.controlId, ids.slice(i, i + 5_000)));
      stored += Number(s!.n);
      applied += Number(s!.applied);
    }
    return { stored, applied };
  };
  try {
    const load = loadavg().map((l) => fmt(l, 2));
    await closedLoop(echo.port, 1_000, 'W'); // warm-up both
    await closedLoop(clinical.hl7Port!, 1_000, 'X');

    // 1. intake alone, alternating short rounds so drift on a shared machine hits both sides alike
    const rounds = 2;
    let echoTotal = 0;
    let hubTotal = 0;
    let answered = 0;
    const intakeIds: string[] = [];
    for (let r = 0; r < rounds; r++) {
      echoTotal += (await closedLoop(echo.port, (seconds * 1000) / rounds, `E${r}-`)).perSecond;
      const hub = await closedLoop(clinical.hl7Port!, (seconds * 1000) / rounds, `H${r}-`);
      hubTotal += hub.perSecond;
      answered += hub.replies;
      intakeIds.push(...hub.acked);
    }
    const echoRate = echoTotal / rounds;
    const hubRate = hubTotal / rounds;
    const intakeCheck = await storedOf(intakeIds);

    // 2. the worker alone on that backlog, for the same duration; the rest of the backlog is then dropped
    const applied0 = await countWhere('processed');
    const applyStart = Date.now();
    workers = startWorker();
    await new Promise((r) => setTimeout(r, seconds * 1000));
    const applied = (await countWhere('processed')) - applied0;
    const applyRate = applied / ((Date.now() - applyStart) / 1000);
    await workers.close();
    await rt.deps.queues['hl7-inbound'].obliterate({ force: true });
    // parked rather than deleted: a delete checks every result and version row for references to it
    await db
      .update(integrationMessages)
      .set({ status: 'failed', lastError: 'bench: not applied' })
      .where(and(eq(integrationMessages.direction, 'inbound'), eq(integrationMessages.status, 'received')));

    // 3. intake and worker together, until every stored message is applied
    workers = startWorker();
    const both = await closedLoop(clinical.hl7Port!, seconds * 1000, 'F-');
    const bothDone = await drain();
    const fullRate = both.acked.length / ((bothDone - both.started) / 1000);
    const fullCheck = await storedOf(both.acked);
    const [rows] = await db
      .select({ n: count(), distinct: countDistinct(integrationMessages.controlId) })
      .from(integrationMessages)
      .where(eq(integrationMessages.direction, 'inbound'));
    const [res] = await db.select({ n: count(), orders: countDistinct(results.orderId) }).from(results);
    const processed = await countWhere('processed');

    console.log(`load average at start     : ${load.join(' ')}   (${connections} connections, ${seconds} s per phase)`);
    console.log(`raw MLLP echo             : ${fmt(echoRate)} msg/s   (baseline)`);
    console.log(`hub ORU^R01 CA + stored   : ${fmt(hubRate)} msg/s   (intake alone, worker stopped)`);
    console.log(`ratio hub/echo            : ${fmt(hubRate / echoRate, 3)}`);
    console.log(`applying alone            : ${fmt(applyRate)} msg/s   (worker on the backlog of the intake rounds)`);
    console.log(
      `fully processed (both on) : ${fmt(fullRate)} msg/s   (${fmt(both.acked.length)} CA'd in ${seconds} s, ${fmt(both.perSecond)} msg/s; all applied ${fmt((bothDone - both.started) / 1000, 1)} s after the first send)`,
    );
    console.log(
      `check intake rounds       : ${fmt(answered)} replies, ${fmt(intakeIds.length)} CA; ${fmt(intakeCheck.stored)} of them stored (lost: ${fmt(intakeIds.length - intakeCheck.stored)})`,
    );
    console.log(
      `check fully processed     : ${fmt(both.acked.length)} CA'd, ${fmt(fullCheck.stored)} stored (lost: ${fmt(both.acked.length - fullCheck.stored)}), ${fmt(fullCheck.applied)} applied`,
    );
    console.log(
      `check database            : ${fmt(rows!.n)} inbound rows (distinct MSH-10 ${fmt(rows!.distinct)}), ${fmt(processed)} applied, the rest set aside in (2); ${fmt(res!.n)} results for ${fmt(res!.orders)} orders (duplicated: ${fmt(res!.n - res!.orders)})`,
    );
  } finally {
    await echo.close();
    await clinical.stop();
    await workers?.close();
    await rt.deps.queues['hl7-inbound'].obliterate({ force: true }).catch(() => {});
    await rt.close();
  }
});
