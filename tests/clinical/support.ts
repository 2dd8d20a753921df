import { connect, type Socket } from 'node:net';
import { and, count, eq } from 'drizzle-orm';
import { FrameDecoder, frame, Hl7Reader } from '../../adapters/clinical/hl7/index.ts';
import { integrationMessages } from '../../db/schema/index.ts';
import { type ClinicalServices, startClinicalServices } from '../../hub/clinical/index.ts';
import { eventRouting, processors } from '../../hub/jobs.ts';
import { type Relay, startRelay } from '../../hub/platform/outbox.ts';
import { startWorkers, type Workers } from '../../hub/platform/workers.ts';
import { type RunningSandbox, startSandbox } from '../../sandbox/server.ts';
import { freePort } from '../support/channels.ts';
import { createTestApp, type TestApp } from '../support/hub.ts';

export interface ClinicalHarness {
  t: TestApp;
  sandbox: RunningSandbox;
  hl7Port: number;
  hisPort: number;
  clinical: ClinicalServices;
  /** calls the sandbox HIS's control routes */
  his<T = unknown>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T>;
  waitFor<T>(check: () => Promise<T | undefined | null | false>, what: string, timeoutMs?: number): Promise<T>;
  /**
   * waits until every stored inbound message has been applied by the hl7-inbound queue (processed or parked). A bound:
   * each message is applied by its own job, at worst after the queue's retries (about 30 s of backoff), never left to
   * the minute sweep.
   */
  applied(timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

/**
 * The hub in-process with its outbox relay, queue workers and clinical services (MLLP listener + HIS sender) on free
 * ports, and the sandbox (its @medplum/hl7 HIS among the twins) talking to them over real sockets.
 */
export async function startClinicalHarness(env: Record<string, string> = {}): Promise<ClinicalHarness> {
  const hl7Port = await freePort();
  const hisPort = await freePort();
  const sandbox = await startSandbox({
    hubUrl: 'http://127.0.0.1:9',
    smtpPort: await freePort(),
    hisMllpPort: hisPort,
    hubMllp: { host: '127.0.0.1', port: hl7Port },
  });
  const t = await createTestApp({
    env: {
      SANDBOX: 'true',
      SANDBOX_URL: sandbox.url,
      HL7_LISTEN_PORT: String(hl7Port),
      HIS_MLLP_PORT: String(hisPort),
      HL7_ACK_TIMEOUT_MS: '2000',
      HL7_RETRY_MAX_SECONDS: '2',
      OUTBOX_POLL_MS: '50',
      ...env,
    },
  });
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
  const clinical = await startClinicalServices(t.deps);
  const waitFor: ClinicalHarness['waitFor'] = async (check, what, timeoutMs = 20_000) => {
    const until = Date.now() + timeoutMs;
    for (;;) {
      const v = await check();
      if (v) return v;
      if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  };
  return {
    t,
    sandbox,
    hl7Port,
    hisPort,
    clinical,
    async his<T>(method: 'GET' | 'POST', path: string, body?: unknown) {
      const res = await fetch(`${sandbox.url}/his${path}`, {
        method,
        headers: body === undefined ? {} : { 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return (await res.json()) as T;
    },
    waitFor,
    async applied(timeoutMs = 60_000) {
      await waitFor(
        async () => {
          const [w] = await t.db
            .select({ n: count() })
            .from(integrationMessages)
            .where(and(eq(integrationMessages.direction, 'inbound'), eq(integrationMessages.status, 'received')));
          return Number(w!.n) === 0;
        },
        'the stored inbound messages to be applied',
        timeoutMs,
      );
    },
    async close() {
      await clinical.stop();
      await relay.stop();
      await workers.close();
      await sandbox.stop();
      await t.close();
    },
  };
}

/** A raw MLLP connection to the hub's listener: write bytes, read framed replies. */
export class MllpProbe {
  private readonly socket: Socket;
  private readonly decoder = new FrameDecoder();
  private readonly replies: string[] = [];
  private waiting: (() => void) | undefined;

  private constructor(socket: Socket) {
    this.socket = socket;
    socket.on('data', (c: Buffer) => {
      for (const f of this.decoder.push(c)) this.replies.push(f.toString('utf8'));
      this.waiting?.();
    });
  }

  static async open(port: number): Promise<MllpProbe> {
    const socket = connect(port, '127.0.0.1');
    await new Promise((resolve, reject) => {
      socket.once('connect', resolve);
      socket.once('error', reject);
    });
    return new MllpProbe(socket);
  }

  write(bytes: Buffer | string): void {
    this.socket.write(typeof bytes === 'string' ? frame(bytes) : bytes);
  }

  /** The next `n` replies (generous upper bound, not a timing assertion). */
  async read(n = 1, timeoutMs = 15_000): Promise<string[]> {
    const until = Date.now() + timeoutMs;
    while (this.replies.length < n) {
      if (Date.now() > until) throw new Error(`expected ${n} replies, got ${this.replies.length}`);
      await new Promise<void>((resolve) => {
        this.waiting = resolve;
        setTimeout(resolve, 100);
      });
    }
    return this.replies.splice(0, n);
  }

  /** Sends one message and returns its ACK parsed. */
  async exchange(text: string): Promise<{ raw: string; ack: Hl7Reader }> {
    this.write(text);
    const [raw] = await this.read(1);
    return { raw: raw!, ack: new Hl7Reader(raw!) };
  }

  close(): void {
    this.socket.destroy();
  }
}

/** INTEGRATION.md's example messages, in the shared folder beside the repository. */
export const fixtureDir = new URL('../../../shared/fixtures/hl7/', import.meta.url).pathname;
