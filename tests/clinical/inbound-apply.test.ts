import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contacts, integrationMessages, patients } from '../../db/schema/index.ts';
import { applyStored } from '../../hub/clinical/apply-stored.ts';
import { type IntakeRow, inboundIntake, storedAcks } from '../../hub/clinical/inbound-intake.ts';
import { inboundOrderingKey } from '../../hub/clinical/ordering-key.ts';
import { createTestApp, type TestApp } from '../support/hub.ts';

// Enhanced mode (CA once stored, applied afterwards by an `hl7-inbound` job): interleavings that used to leave a stored
// message to the minute sweep instead of its own job, injected here rather than waited for.

let t: TestApp;
const peer = 'LIS|BV_DEMO';

beforeAll(async () => {
  t = await createTestApp({ seed: false });
  const [c] = await t.db.insert(contacts).values({ fullName: 'Nguyễn Văn An' }).returning();
  await t.db.insert(patients).values({ contactId: c!.id, fullName: 'Bệnh nhân BNA0001', hisMrn: 'BNA0001' });
});
afterAll(async () => {
  await t?.close();
});

function oru(id: string): string {
  return [
    `MSH|^~\\&|LIS|BV_DEMO|BOOKINGHUB|PK_DEMO|20250120101500+0700||ORU^R01^ORU_R01|${id}|P|2.5.1|||AL|NE|VNM|UNICODE UTF-8`,
    'PID|1||BNA0001^^^BV_DEMO^MR||Nguyễn^An^Văn^^^^L||19800101|M',
    `ORC|RE|P-${id}^HIS|F-${id}^LIS||CM`,
    `OBR|1|P-${id}^HIS|F-${id}^LIS|SHM^Sinh hóa máu^L|||20250120083000+0700|||||||||||||20250120101400+0700||CH|F`,
    'OBX|1|NM|2345-7^Glucose^LN^GLU^Glucose^L||7.8|mmol/L^mmol/L^UCUM|3.9-6.4|H|||F',
  ].join('\r');
}

const intakeRow = (controlId: string): IntakeRow => {
  const payload = oru(controlId);
  return {
    peer,
    controlId,
    messageType: 'ORU^R01',
    payload,
    orderingKey: inboundOrderingKey(payload),
    status: 'received',
    ackCode: 'CA',
    ackPayload: `MSH|^~\\&|BOOKINGHUB|PK_DEMO|LIS|BV_DEMO\rMSA|CA|${controlId}\r`,
  };
};

const stored = async (controlId: string) => {
  const [r] = await t.db.select().from(integrationMessages).where(eq(integrationMessages.controlId, controlId));
  return r!;
};

/** Polls until `check` holds or `settled` says to stop; a bound, not a speed requirement. */
async function until(check: () => Promise<boolean>, settled: () => boolean, timeoutMs = 15_000): Promise<boolean> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end && !settled()) {
    if (await check()) return true;
    await new Promise((r) => setTimeout(r, 20));
  }
  return false;
}

describe('applying stored inbound messages (enhanced mode)', () => {
  it('applies a message whose replay is being counted as its job starts, instead of completing without it', async () => {
    const row = intakeRow('LOCKED-1');
    const [m] = await t.db
      .insert(integrationMessages)
      .values({ ...row, direction: 'inbound', attempts: 1 })
      .returning({ id: integrationMessages.id });
    // the sender resends the message just as its job starts: the replay's attempt count holds the row until it commits
    let release!: () => void;
    const released = new Promise<void>((r) => {
      release = r;
    });
    let locked!: () => void;
    const isLocked = new Promise<void>((r) => {
      locked = r;
    });
    const replay = t.db.transaction(async (tx) => {
      const acks = await storedAcks(tx, [{ peer, controlId: 'LOCKED-1', copies: 1 }]);
      locked();
      await released;
      return acks;
    });
    await isLocked;
    let jobDone = false;
    const job = applyStored(t.deps, [m!.id], false).finally(() => {
      jobDone = true;
    });
    // the job is seen waiting for the row lock — or it finished without waiting, having skipped the row
    const waited = await until(
      async () => {
        const res = await t.db.execute<{ n: number }>(
          sql`select count(*)::int as n from pg_stat_activity
            where datname = current_database() and wait_event_type = 'Lock' and pid <> pg_backend_pid()`,
        );
        return res.rows[0]!.n > 0;
      },
      () => jobDone,
    );
    release();
    expect((await replay).get(`${peer}\u0000LOCKED-1`)).toMatchObject({ ackCode: 'CA' });
    const out = await job;
    expect(waited).toBe(true);
    expect(out).toEqual({ processed: 1, failed: 0, retry: 0 });
    expect(await stored('LOCKED-1')).toMatchObject({ status: 'processed', attempts: 2, correlationType: 'result' });
  });

  it('queues the messages a batch stored even when counting the replays in that batch fails', async () => {
    const intake = inboundIntake(t.deps);
    await intake(intakeRow('OLD-1'));
    // counting a replay of OLD-1 fails (any error after the INSERT committed: a deadlock, a lost connection…)
    await t.db.execute(sql`
      create function fail_replay_count() returns trigger language plpgsql as $$
      begin raise exception 'injected failure'; end $$`);
    await t.db.execute(sql`
      create trigger fail_replay_count before update on integration_messages for each row
      when (old.control_id = 'OLD-1' and new.attempts > old.attempts) execute function fail_replay_count()`);
    try {
      // submitted in the same turn: one batch, one INSERT (NEW-1 written, OLD-1 a replay), then the failing count
      const [fresh, again] = await Promise.allSettled([intake(intakeRow('NEW-1')), intake(intakeRow('OLD-1'))]);
      expect(again.status).toBe('rejected');
      // NEW-1 is stored and answered CA (the batch ran again item by item, and found it stored)
      expect(fresh).toMatchObject({ status: 'fulfilled', value: { ackCode: 'CA' } });
      const { id } = await stored('NEW-1');
      const queue = t.deps.queues['hl7-inbound'];
      const queued = await until(
        async () => (await queue.getJobs(['waiting', 'active', 'delayed'])).some((j) => j.data.messageIds.includes(id)),
        () => false,
      );
      expect(queued, 'a job carries the message stored by the failed batch').toBe(true);
    } finally {
      await t.db.execute(sql`drop trigger fail_replay_count on integration_messages`);
    }
  });
});
