import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { inArray, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { notifications } from '../../db/schema/index.ts';
import type { Config } from '../../hub/config.ts';
import { publishEvent } from '../../hub/platform/outbox.ts';
import { redisUrl } from '../support/redis.ts';
import { fastNotify, type NotifyHarness, newPatient, startNotifyHarness } from './support.ts';

let h: NotifyHarness;
const children: ChildProcess[] = [];
const env = { ...fastNotify, NOTIFY_LEASE_SECONDS: '2', NOTIFY_INDOUBT_GRACE_SECONDS: '5' };

beforeAll(async () => {
  // the hub answers HTTP (the twins' delivery callbacks) and runs the outbox relay; the workers are child processes
  h = await startNotifyHarness({ workers: false, env });
});
afterAll(async () => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  await h?.close();
});

/** A worker process on the same database, Redis prefix and sandbox as the hub. */
async function startWorker(): Promise<ChildProcess> {
  const c: Config = h.t.deps.config;
  const child = spawn(process.execPath, ['--import', 'tsx', 'tests/notify/notify-worker.ts'], {
    env: {
      PATH: process.env.PATH,
      NODE_ENV: 'test',
      LOG_LEVEL: 'silent',
      DATABASE_URL: c.DATABASE_URL,
      REDIS_URL: redisUrl,
      REDIS_PREFIX: c.REDIS_PREFIX,
      SANDBOX: 'true',
      SANDBOX_URL: c.SANDBOX_URL!,
      SANDBOX_SMTP_PORT: String(c.SANDBOX_SMTP_PORT),
      PUBLIC_URL: c.PUBLIC_URL,
      WORKER_CONCURRENCY: '8',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  children.push(child);
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (d) => String(d).includes('ready') && resolve());
    child.once('exit', (code) => reject(new Error(`worker exited early (${code})`)));
  });
  return child;
}

describe('exactly once across a worker crash', () => {
  it('a worker killed with SIGKILL mid-batch and restarted: every notification reaches the twin exactly once', async () => {
    const n = 60;
    const people: Awaited<ReturnType<typeof newPatient>>[] = [];
    for (let i = 0; i < n; i++) people.push(await newPatient(h.t, { name: `Bệnh nhân ${i + 1}` }));
    const due = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    await h.t.db.transaction(async (tx) => {
      for (const p of people) {
        await publishEvent(tx, {
          topic: 'reexam.due',
          aggregateType: 'patient',
          aggregateId: p.patientId,
          payload: { patientId: p.patientId, dueDate: due },
        });
      }
    });
    // slow enough that the kill finds sends in flight
    await h.twin('POST', '/zns/_sandbox/faults', { latencyMs: 150 });
    const contactIds = people.map((p) => p.contactId);
    const rows = () => h.t.db.select().from(notifications).where(inArray(notifications.contactId, contactIds));

    const first = await startWorker();
    const ids = (
      await h.waitFor(
        async () => ((await rows()).length === n ? await rows() : undefined),
        'notifications made',
        60_000,
      )
    ).map((r) => r.id);
    await h.waitFor(async () => {
      const counts = await h.accepted('zns');
      return ids.filter((id) => counts[id]).length >= 15;
    }, 'a first part of the batch sent');
    first.kill('SIGKILL');
    await once(first, 'exit');
    const [inFlight] = await h.t.db
      .select({ n: sql<number>`count(*)::int` })
      .from(notifications)
      .where(sql`${notifications.contactId} in ${contactIds} and ${notifications.state} in ('pending', 'sending')`);
    expect(inFlight!.n).toBeGreaterThan(0); // the batch really was cut in the middle

    await h.twin('POST', '/zns/_sandbox/faults', { reset: true });
    const second = await startWorker();
    const done = await h.waitFor(
      async () => {
        const r = await rows();
        return r.every((x) => x.state === 'delivered') ? r : undefined;
      },
      'every notification delivered',
      120_000,
    );
    second.kill('SIGTERM');
    expect(done.every((x) => x.deliveredVia === 'zns')).toBe(true);
    const counts = await h.accepted('zns');
    expect(ids.map((id) => counts[id] ?? 0)).toEqual(ids.map(() => 1));
    expect(await h.accepted('esms')).toEqual({});
  });
});
