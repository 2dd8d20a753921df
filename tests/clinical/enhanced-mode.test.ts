import { and, asc, count, countDistinct, eq, inArray, like, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Hl7Reader, readAck } from '../../adapters/clinical/hl7/index.ts';
import {
  contacts,
  integrationMessages,
  orders,
  patients,
  resultObservations,
  results,
  resultVersions,
} from '../../db/schema/index.ts';
import type { Agent } from '../support/hub.ts';
import { type ClinicalHarness, MllpProbe, startClinicalHarness } from './support.ts';

let h: ClinicalHarness;
let admin: Agent;
let contactId: string;

beforeAll(async () => {
  h = await startClinicalHarness({ HIS_MLLP_HOST: '' });
  admin = h.t.agent();
  await admin.signIn('admin@demo.medicrm.vn');
  const [c] = await h.t.db.insert(contacts).values({ fullName: 'Nguyễn Văn An' }).returning();
  contactId = c!.id;
  await addPatient('BNE0001');
});
afterAll(async () => {
  await h?.close();
});

async function addPatient(mrn: string) {
  const [p] = await h.t.db
    .insert(patients)
    .values({ contactId, fullName: `Bệnh nhân ${mrn}`, hisMrn: mrn })
    .returning();
  return p!.id;
}

interface OruOptions {
  id: string;
  mrn?: string;
  /** MSH-15 / MSH-16; both empty = original mode */
  ack?: [string, string];
  order?: string;
  /** OBR-25 / OBX-11: P preliminary, F final, C correction */
  status?: 'P' | 'F' | 'C';
  glucose?: string;
  type?: string;
}

function oru(o: OruOptions): string {
  const [accept, app] = o.ack ?? ['AL', 'NE'];
  const order = o.order ?? o.id;
  const status = o.status ?? 'F';
  return [
    `MSH|^~\\&|LIS|BV_DEMO|BOOKINGHUB|PK_DEMO|20250120101500+0700||${o.type ?? 'ORU^R01^ORU_R01'}|${o.id}|P|2.5.1|||${accept}|${app}|VNM|UNICODE UTF-8`,
    `PID|1||${o.mrn ?? 'BNE0001'}^^^BV_DEMO^MR||Nguyễn^An^Văn^^^^L||19800101|M`,
    `ORC|RE|P-${order}^HIS|F-${order}^LIS||CM`,
    `OBR|1|P-${order}^HIS|F-${order}^LIS|SHM^Sinh hóa máu^L|||20250120083000+0700|||||||||||||20250120101400+0700||CH|${status}`,
    `OBX|1|NM|2345-7^Glucose^LN^GLU^Glucose^L||${o.glucose ?? '7.8'}|mmol/L^mmol/L^UCUM|3.9-6.4|H|||${status}`,
    'OBX|2|ST|5196-1^HBsAg^LN^HBSAG^HBsAg^L||Âm tính||Âm tính|N|||F',
  ].join('\r');
}

const row = async (controlId: string) => {
  const [r] = await h.t.db.select().from(integrationMessages).where(eq(integrationMessages.controlId, controlId));
  return r;
};
const resultOf = async (order: string) => {
  const [r] = await h.t.db
    .select({ result: results })
    .from(results)
    .innerJoin(orders, eq(orders.id, results.orderId))
    .where(eq(orders.fillerOrderNumber, `F-${order}`));
  return r?.result;
};

// bounds, not speed requirements: on a busy machine a stored message may wait for the queue's retries (about 30 s of
// backoff) before its job applies it; the wait for results (20 s) and applied() (60 s) fit in the timeout
describe('enhanced acknowledgment mode', { timeout: 120_000 }, () => {
  it('answers CA once the message is stored, then applies it', async () => {
    const probe = await MllpProbe.open(h.hl7Port);
    const { ack, raw } = await probe.exchange(oru({ id: 'ENH-1' }));
    probe.close();
    expect(readAck(ack)).toMatchObject({ code: 'CA', ackedControlId: 'ENH-1', errors: [] });
    // "stored safely": the row and the CA it was answered with are committed before the CA goes out
    const stored = await row('ENH-1');
    expect(stored).toMatchObject({ direction: 'inbound', ackCode: 'CA', ackPayload: raw, peer: 'LIS|BV_DEMO' });
    expect(['received', 'processed']).toContain(stored!.status);
    const result = await h.waitFor(() => resultOf('ENH-1'), 'the result');
    expect(result).toMatchObject({ status: 'final', version: 1 });
    await h.applied();
    expect(await row('ENH-1')).toMatchObject({ status: 'processed', appAckCode: null, correlationType: 'result' });
  });

  it('answers a replay with the same CA bytes and applies nothing twice', async () => {
    const probe = await MllpProbe.open(h.hl7Port);
    const first = await probe.exchange(oru({ id: 'ENH-2' }));
    const again = await probe.exchange(oru({ id: 'ENH-2' }));
    await h.applied();
    const third = await probe.exchange(oru({ id: 'ENH-2' }));
    probe.close();
    expect(again.raw).toBe(first.raw);
    expect(third.raw).toBe(first.raw);
    const rows = await h.t.db.select().from(integrationMessages).where(eq(integrationMessages.controlId, 'ENH-2'));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ attempts: 3, status: 'processed' });
    const [n] = await h.t.db
      .select({ n: count() })
      .from(results)
      .innerJoin(orders, eq(orders.id, results.orderId))
      .where(eq(orders.fillerOrderNumber, 'F-ENH-2'));
    expect(n!.n).toBe(1);
  });

  it('parks a message that fails when applied, keeps the application ACK MSH-16 asked for, and replays it', async () => {
    const probe = await MllpProbe.open(h.hl7Port);
    const { ack } = await probe.exchange(oru({ id: 'ENH-3', mrn: 'BNE-NEW', ack: ['AL', 'AL'] }));
    probe.close();
    expect(readAck(ack)?.code).toBe('CA');
    await h.applied();
    const list = await admin.request('GET', '/api/integration/messages?parked=true&controlId=ENH-3');
    expect(list.status).toBe(200);
    const { items } = (await list.json()) as { items: { id: string; status: string; appAckCode: string }[] };
    expect(items).toMatchObject([{ status: 'failed', appAckCode: 'AE' }]);
    const detail = (await (await admin.request('GET', `/api/integration/messages/${items[0]!.id}`)).json()) as {
      ackPayload: string;
      appAckPayload: string;
      lastError: string;
    };
    expect(detail.ackPayload).toContain('MSA|CA|ENH-3');
    expect(readAck(new Hl7Reader(detail.appAckPayload))).toMatchObject({
      code: 'AE',
      ackedControlId: 'ENH-3',
      errors: [{ code: '204', location: 'PID-1-3' }],
    });
    expect(detail.lastError).toContain('BNE-NEW');
    expect(await resultOf('ENH-3')).toBeUndefined();

    await addPatient('BNE-NEW');
    const replay = await admin.request('POST', `/api/integration/messages/${items[0]!.id}/replay`);
    expect(replay.status).toBe(200);
    expect(await replay.json()).toMatchObject({ status: 'processed' });
    expect(await resultOf('ENH-3')).toMatchObject({ status: 'final' });
    expect(await row('ENH-3')).toMatchObject({ status: 'processed', ackCode: 'CA', appAckCode: 'AA', lastError: null });
  });

  it('refuses a type it does not take with CR 200 at once, parked, and the same CR for a replay', async () => {
    const probe = await MllpProbe.open(h.hl7Port);
    const query = oru({ id: 'ENH-Q', type: 'QRY^A19^QRY_A19' });
    const first = await probe.exchange(query);
    const again = await probe.exchange(query);
    probe.close();
    expect(readAck(first.ack)).toMatchObject({ code: 'CR', errors: [{ code: '200' }] });
    expect(again.raw).toBe(first.raw);
    expect(await row('ENH-Q')).toMatchObject({ status: 'failed', ackCode: 'CR', attempts: 2 });
  });

  it('applies a later message of a patient only after an earlier one still waiting (its job not run yet)', async () => {
    // the preliminary was stored and answered CA, but its job is lost (or simply not started yet)
    await h.t.db.insert(integrationMessages).values({
      peer: 'LIS|BV_DEMO',
      direction: 'inbound',
      messageType: 'ORU^R01',
      controlId: 'LATE-P',
      payload: oru({ id: 'LATE-P', order: 'LATE', status: 'P', glucose: '5.0' }),
      orderingKey: 'pid:BNE0001',
      status: 'received',
      ackCode: 'CA',
      ackPayload: 'MSH|^~\\&|BOOKINGHUB|PK_DEMO|LIS|BV_DEMO\rMSA|CA|LATE-P\r',
      attempts: 1,
    });
    const probe = await MllpProbe.open(h.hl7Port);
    const { ack } = await probe.exchange(oru({ id: 'LATE-F', order: 'LATE', status: 'F', glucose: '6.0' }));
    probe.close();
    expect(readAck(ack)?.code).toBe('CA');
    await h.applied();
    const result = await resultOf('LATE');
    expect(result).toMatchObject({ status: 'final', version: 2 });
    const history = await h.t.db
      .select({ version: resultVersions.version, status: resultVersions.status })
      .from(resultVersions)
      .where(eq(resultVersions.resultId, result!.id));
    expect(history).toEqual([{ version: 1, status: 'preliminary' }]);
  });

  it('applies pipelined preliminary, final and correction of many orders of one patient in the order they came', async () => {
    const probes = await Promise.all(Array.from({ length: 4 }, () => MllpProbe.open(h.hl7Port)));
    // each connection: preliminary, final, correction of its own orders, all for one patient, pipelined
    probes.forEach((p, c) => {
      for (let i = 0; i < 3; i++) {
        const order = `SEQ-${c}-${i}`;
        p.write(oru({ id: `${order}-P`, order, status: 'P', glucose: '5.0' }));
        p.write(oru({ id: `${order}-F`, order, status: 'F', glucose: '6.0' }));
        p.write(oru({ id: `${order}-C`, order, status: 'C', glucose: '7.0' }));
      }
    });
    const replies = await Promise.all(probes.map((p) => p.read(9)));
    for (const p of probes) p.close();
    expect(replies.flat().every((r) => r.includes('MSA|CA|SEQ-'))).toBe(true);
    await h.applied();
    const rows = await h.t.db
      .select({ order: orders.fillerOrderNumber, status: results.status, version: results.version, id: results.id })
      .from(results)
      .innerJoin(orders, eq(orders.id, results.orderId))
      .where(like(orders.fillerOrderNumber, 'F-SEQ-%'));
    expect(rows).toHaveLength(12);
    for (const r of rows) {
      expect(r, r.order ?? '').toMatchObject({ status: 'corrected', version: 3 });
      const history = await h.t.db
        .select({ version: resultVersions.version, status: resultVersions.status })
        .from(resultVersions)
        .where(eq(resultVersions.resultId, r.id))
        .orderBy(asc(resultVersions.version));
      expect(history).toEqual([
        { version: 1, status: 'preliminary' },
        { version: 2, status: 'final' },
      ]);
      const [glu] = await h.t.db
        .select({ value: resultObservations.value })
        .from(resultObservations)
        .where(and(eq(resultObservations.resultId, r.id), eq(resultObservations.code, '2345-7')));
      expect(glu!.value).toBe('7.0');
    }
  });

  it('stores and applies 200 messages from 8 connections at once: 200 results, none twice', async () => {
    const mrns = ['BNE-L1', 'BNE-L2', 'BNE-L3', 'BNE-L4', 'BNE-L5'];
    for (const mrn of mrns) await addPatient(mrn);
    const probes = await Promise.all(Array.from({ length: 8 }, () => MllpProbe.open(h.hl7Port)));
    const sent = probes.map((p, c) => {
      const ids = Array.from({ length: 25 }, (_, i) => `LOAD-${c}-${i}`);
      for (const [i, id] of ids.entries()) p.write(oru({ id, mrn: mrns[(c + i) % mrns.length] }));
      // and a resend of two of them, as a sender that timed out would
      p.write(oru({ id: ids[0]!, mrn: mrns[c % mrns.length] }));
      p.write(oru({ id: ids[1]!, mrn: mrns[(c + 1) % mrns.length] }));
      return ids;
    });
    const replies = await Promise.all(probes.map((p) => p.read(27)));
    for (const p of probes) p.close();
    replies.forEach((r, c) => {
      expect(r.map((a) => readAck(new Hl7Reader(a))?.ackedControlId)).toEqual([...sent[c]!, sent[c]![0], sent[c]![1]]);
      expect(r.every((a) => a.includes('MSA|CA|'))).toBe(true);
      // the resends got the very bytes of the first answers
      expect(r[25]).toBe(r[0]);
      expect(r[26]).toBe(r[1]);
    });
    await h.applied(60_000);
    const ids = sent.flat();
    const [stored] = await h.t.db
      .select({ n: count(), distinct: countDistinct(integrationMessages.controlId) })
      .from(integrationMessages)
      .where(and(inArray(integrationMessages.controlId, ids), eq(integrationMessages.status, 'processed')));
    expect(stored).toEqual({ n: 200, distinct: 200 });
    const [res] = await h.t.db
      .select({ n: count(), orders: countDistinct(results.orderId) })
      .from(results)
      .innerJoin(orders, eq(orders.id, results.orderId))
      .where(like(orders.fillerOrderNumber, 'F-LOAD-%'));
    expect(res).toEqual({ n: 200, orders: 200 });
  });

  it('re-queues a message stored but never queued (a crash between commit and queueing), on its schedule', async () => {
    const schedulers = await h.t.deps.queues['hl7-inbound'].getJobSchedulers();
    expect(schedulers.map((s) => s.key)).toContain('hl7-sweep');
    const payload = oru({ id: 'STRANDED-1' });
    await h.t.db.insert(integrationMessages).values({
      peer: 'LIS|BV_DEMO',
      direction: 'inbound',
      messageType: 'ORU^R01',
      controlId: 'STRANDED-1',
      payload,
      orderingKey: 'pid:BNE0001',
      status: 'received',
      ackCode: 'CA',
      ackPayload: 'MSH|^~\\&|BOOKINGHUB|PK_DEMO|LIS|BV_DEMO\rMSA|CA|STRANDED-1\r',
      attempts: 1,
      createdAt: sql`now() - interval '5 minutes'`,
    });
    // what the scheduler runs every minute, run now
    await h.t.deps.queues['hl7-inbound'].add('sweep', { messageIds: [] });
    await h.waitFor(async () => (await row('STRANDED-1'))?.status === 'processed', 'the stranded message');
    expect(await resultOf('STRANDED-1')).toMatchObject({ status: 'final' });
  });
});

describe('original acknowledgment mode (MSH-15/16 empty) and MSH-15 NE', () => {
  it('applies the message before answering AA, or AE with the error', async () => {
    const probe = await MllpProbe.open(h.hl7Port);
    const ok = await probe.exchange(oru({ id: 'ORIG-1', ack: ['', ''] }));
    expect(readAck(ok.ack)).toMatchObject({ code: 'AA', text: 'Đã nhận 1 kết quả' });
    // synchronous: the result is there when the AA is
    expect(await resultOf('ORIG-1')).toMatchObject({ status: 'final' });
    expect(await row('ORIG-1')).toMatchObject({ status: 'processed', ackCode: 'AA', ackPayload: ok.raw });
    const again = await probe.exchange(oru({ id: 'ORIG-1', ack: ['', ''] }));
    expect(again.raw).toBe(ok.raw);
    const bad = await probe.exchange(oru({ id: 'ORIG-2', ack: ['', ''], mrn: 'BN-NOBODY' }));
    expect(readAck(bad.ack)).toMatchObject({ code: 'AE', errors: [{ code: '204' }] });
    expect(await row('ORIG-2')).toMatchObject({ status: 'failed', ackCode: 'AE' });
    // MSH-15 NE: no commit ACK wanted, so the application ACK is the answer on the connection
    const appOnly = await probe.exchange(oru({ id: 'ORIG-3', ack: ['NE', 'AL'] }));
    expect(readAck(appOnly.ack)?.code).toBe('AA');
    probe.close();
    expect(await resultOf('ORIG-3')).toMatchObject({ status: 'final' });
  });

  it('applies original-mode messages from many connections at once, each once', async () => {
    const probes = await Promise.all(Array.from({ length: 6 }, () => MllpProbe.open(h.hl7Port)));
    probes.forEach((p, c) => {
      for (let i = 0; i < 10; i++) p.write(oru({ id: `ORIG-L-${c}-${i}`, ack: ['', ''] }));
    });
    const replies = (await Promise.all(probes.map((p) => p.read(10)))).flat();
    for (const p of probes) p.close();
    expect(replies.filter((r) => r.includes('MSA|AA|ORIG-L-'))).toHaveLength(60);
    const [res] = await h.t.db
      .select({ n: count() })
      .from(results)
      .innerJoin(orders, eq(orders.id, results.orderId))
      .where(like(orders.fillerOrderNumber, 'F-ORIG-L-%'));
    expect(res!.n).toBe(60);
  });
});
