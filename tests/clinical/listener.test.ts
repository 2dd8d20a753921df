import { readdirSync, readFileSync } from 'node:fs';
import { and, asc, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { frame, Hl7Reader, readAck, val } from '../../adapters/clinical/hl7/index.ts';
import {
  contacts,
  integrationMessages,
  orders,
  outboxEvents,
  patients,
  resultObservations,
  results,
  resultVersions,
} from '../../db/schema/index.ts';
import { type ClinicalHarness, fixtureDir, MllpProbe, startClinicalHarness } from './support.ts';

let h: ClinicalHarness;
let patientId: string;
const fixture = (name: string) => readFileSync(`${fixtureDir}${name}.hl7`, 'utf8');

beforeAll(async () => {
  h = await startClinicalHarness();
  const [c] = await h.t.db.insert(contacts).values({ fullName: 'Nguyễn Văn An' }).returning();
  const [p] = await h.t.db
    .insert(patients)
    .values({ contactId: c!.id, fullName: 'Nguyễn Văn An', birthDate: '1980-01-01', sex: 'male', hisMrn: 'BN000123' })
    .returning();
  patientId = p!.id;
});
afterAll(async () => {
  await h?.close();
});

/**
 * The answer each fixture must get from the hub's listener: every one asks for the enhanced mode (MSH-15 AL), so the
 * commit ACK (CA) comes once the message is stored, and it is applied afterwards. ACKs are never answered.
 */
const expected: Record<string, 'CA' | 'none'> = {
  orm: 'CA',
  oml: 'CA',
  oru_lab: 'CA',
  oru_rad: 'CA',
  a28: 'CA',
  a31: 'CA',
  a04: 'CA',
  s12: 'CA',
  s13: 'CA',
  s14: 'CA',
  s15: 'CA',
  s26: 'CA',
  ack_aa: 'none',
  ack_ae: 'none',
  ack_ca: 'none',
};

describe('the MLLP listener', () => {
  it('parses every fixture and answers it with the right ACK', async () => {
    const files = readdirSync(fixtureDir)
      .filter((f) => f.endsWith('.hl7'))
      .map((f) => f.replace('.hl7', ''));
    expect(files.sort()).toEqual(Object.keys(expected).sort());
    const probe = await MllpProbe.open(h.hl7Port);
    // orders before the results that refer to them
    for (const name of Object.keys(expected)) {
      const text = fixture(name);
      if (expected[name] === 'none') {
        // an ACK is never acknowledged: the next reply on the connection belongs to the next message
        probe.write(text);
        continue;
      }
      const { ack, raw } = await probe.exchange(text);
      const parsed = readAck(ack)!;
      expect(parsed.code, `${name}: ${raw}`).toBe(expected[name]);
      expect(parsed.ackedControlId, name).toBe(val(ack.first('MSA'), 2));
      const sent = text.split('\r')[0]!.split('|');
      expect(parsed.ackedControlId, name).toBe(sent[9]);
      expect(ack.header).toMatchObject({
        sendingApp: sent[4],
        receivingApp: sent[2],
        messageCode: 'ACK',
        structure: 'ACK',
      });
      expect(ack.header.triggerEvent).toBe(sent[8]!.split('^')[1]);
    }
    // the three ACK fixtures left nothing behind and got no reply
    probe.write(fixture('a28').replace('HUB2501150000001', 'HUB-AFTER-ACKS'));
    const [last] = await probe.read(1);
    expect(last).toContain('|HUB-AFTER-ACKS');
    probe.close();
    const acks = await h.t.db.select().from(integrationMessages).where(eq(integrationMessages.messageType, 'ACK^S12'));
    expect(acks).toHaveLength(0);
    // then applied by the queue; the application ACK is kept where MSH-16 asked for one (SIU: AL, the rest NE)
    await h.applied();
    const rows = await h.t.db
      .select()
      .from(integrationMessages)
      .where(eq(integrationMessages.direction, 'inbound'))
      .orderBy(asc(integrationMessages.seq));
    expect(rows.filter((r) => r.status !== 'processed').map((r) => [r.controlId, r.lastError])).toEqual([]);
    expect(rows.filter((r) => r.appAckCode).map((r) => [r.messageType, r.appAckCode])).toEqual([
      ['SIU^S12', 'AA'],
      ['SIU^S13', 'AA'],
      ['SIU^S14', 'AA'],
      ['SIU^S15', 'AA'],
    ]);
    const s12 = rows.find((r) => r.messageType === 'SIU^S12')!;
    expect(readAck(new Hl7Reader(s12.appAckPayload!))).toMatchObject({ code: 'AA', ackedControlId: s12.controlId });
    expect(s12.ackCode).toBe('CA');
  });

  it('stored the lab results with units, ranges, flags and statuses, unreleased, and announced them', async () => {
    const [order] = await h.t.db.select().from(orders).where(eq(orders.placerOrderNumber, 'ORD-88002'));
    expect(order).toMatchObject({ kind: 'lab', fillerOrderNumber: 'LAB-556677', patientId, status: 'completed' });
    const [result] = await h.t.db.select().from(results).where(eq(results.orderId, order!.id));
    expect(result).toMatchObject({ status: 'final', version: 1, title: 'Sinh hóa máu', releasedToPatientAt: null });
    expect(result!.reportText).toContain('Kali đã được báo');
    const obs = await h.t.db
      .select()
      .from(resultObservations)
      .where(eq(resultObservations.resultId, result!.id))
      .orderBy(asc(resultObservations.seq));
    expect(obs.map((o) => [o.name, o.value, o.unit, o.referenceRange, o.flag, o.observationStatus])).toEqual([
      ['Glucose', '7.8', 'mmol/L', '3.9-6.4', 'H', 'F'],
      ['Creatinin', '68', 'µmol/L', '62-106', 'N', 'F'],
      ['Kali', '2.4', 'mmol/L', '3.5-5.1', 'LL', 'F'],
      ['HBsAg', 'Dương tính', null, 'Âm tính', 'A', 'F'],
      ['Nhóm máu', 'O Rh(+)', null, null, null, 'P'],
      ['Nhận xét', 'Mẫu hơi vỡ hồng cầu & nên lấy lại mẫu nếu nghi ngờ.', null, null, null, 'F'],
    ]);
    const events = await h.t.db.select().from(outboxEvents).where(eq(outboxEvents.aggregateId, result!.id));
    expect(events.map((e) => e.topic)).toEqual(['result.received']);
    expect(events[0]!.payload).toMatchObject({ resultId: result!.id, patientId, orderId: order!.id });
  });

  it('linked the radiology report to the imaging order placed by ORM (accession number)', async () => {
    const [order] = await h.t.db.select().from(orders).where(eq(orders.accessionNumber, 'ACC20250120001'));
    expect(order).toMatchObject({ kind: 'imaging', placerOrderNumber: 'ORD-88001', modality: 'CR' });
    const [result] = await h.t.db.select().from(results).where(eq(results.orderId, order!.id));
    expect(result).toMatchObject({
      kind: 'imaging',
      conclusion: 'Phim X-quang ngực bình thường.',
      studyInstanceUid: '2.25.200000000000000000000000000000000001',
    });
    expect(result!.reportText).toBe('Bóng tim không to.\nHai phế trường sáng, không thấy tổn thương khu trú.');
  });

  it('answers a replayed message with the stored ACK and stores nothing twice', async () => {
    const probe = await MllpProbe.open(h.hl7Port);
    const first = await h.t.db
      .select()
      .from(integrationMessages)
      .where(and(eq(integrationMessages.controlId, 'LIS2501200000456'), eq(integrationMessages.direction, 'inbound')));
    const { raw } = await probe.exchange(fixture('oru_lab'));
    probe.close();
    expect(raw).toBe(first[0]!.ackPayload);
    expect(raw).toContain('MSA|CA|LIS2501200000456');
    await h.applied();
    const rows = await h.t.db
      .select()
      .from(integrationMessages)
      .where(eq(integrationMessages.controlId, 'LIS2501200000456'));
    expect(rows).toHaveLength(1);
    expect(rows[0]!.attempts).toBe(2);
    expect(await h.t.db.select().from(results).where(eq(results.patientId, patientId))).toHaveLength(2);
  });

  it('applies a correction (status C): the value is replaced, the earlier version kept', async () => {
    const corrected = fixture('oru_lab')
      .replace('LIS2501200000456', 'LIS2501200000999')
      .replace('||CH|F', '||CH|C')
      .replace('|2.4|mmol/L^mmol/L^UCUM|3.5-5.1|LL|||F|', '|3.6|mmol/L^mmol/L^UCUM|3.5-5.1|N|||C|');
    const probe = await MllpProbe.open(h.hl7Port);
    const { ack } = await probe.exchange(corrected);
    probe.close();
    expect(readAck(ack)?.code).toBe('CA');
    await h.applied();
    const [order] = await h.t.db.select().from(orders).where(eq(orders.placerOrderNumber, 'ORD-88002'));
    const [result] = await h.t.db.select().from(results).where(eq(results.orderId, order!.id));
    expect(result).toMatchObject({ status: 'corrected', version: 2 });
    const [k] = await h.t.db
      .select()
      .from(resultObservations)
      .where(and(eq(resultObservations.resultId, result!.id), eq(resultObservations.code, '2823-3')));
    expect(k).toMatchObject({ value: '3.6', flag: 'N', observationStatus: 'C' });
    const history = await h.t.db.select().from(resultVersions).where(eq(resultVersions.resultId, result!.id));
    expect(history).toHaveLength(1);
    expect(history[0]!.version).toBe(1);
    const before = (history[0]!.snapshot as { observations: { code: string; value: string; flag: string }[] })
      .observations;
    expect(before.find((o) => o.code === '2823-3')).toMatchObject({ value: '2.4', flag: 'LL' });
  });

  it('answers AE and parks what it cannot parse, AR what it does not take; parks an unknown patient after its CA', async () => {
    const probe = await MllpProbe.open(h.hl7Port);
    const noType = await probe.exchange(
      'MSH|^~\\&|LIS|BV_DEMO|BOOKINGHUB|PK_DEMO|20250120101500+0700|||LIS-BAD-1|P|2.5.1\r',
    );
    expect(readAck(noType.ack)).toMatchObject({ code: 'AE', ackedControlId: 'LIS-BAD-1', errors: [{ code: '101' }] });
    const garbage = await probe.exchange('this is not HL7');
    expect(readAck(garbage.ack)).toMatchObject({ code: 'AE', errors: [{ code: '100' }] });
    const query = await probe.exchange(
      'MSH|^~\\&|LIS|BV_DEMO|BOOKINGHUB|PK_DEMO|20250120101500+0700||QRY^A19|LIS-Q-1|P|2.5.1\r',
    );
    expect(readAck(query.ack)).toMatchObject({ code: 'AR', errors: [{ code: '200' }] });
    const stranger = fixture('oru_lab').replace('LIS2501200000456', 'LIS-UNKNOWN-1').replace('BN000123', 'BN999999');
    const unknown = await probe.exchange(stranger);
    expect(readAck(unknown.ack)).toMatchObject({ code: 'CA', errors: [] });
    probe.close();
    await h.applied();
    const parked = await h.t.db
      .select({
        controlId: integrationMessages.controlId,
        status: integrationMessages.status,
        ackCode: integrationMessages.ackCode,
      })
      .from(integrationMessages)
      .where(eq(integrationMessages.status, 'failed'));
    expect(parked.map((p) => p.controlId).sort()).toEqual(
      expect.arrayContaining(['LIS-BAD-1', 'LIS-Q-1', 'LIS-UNKNOWN-1']),
    );
    expect(parked).toHaveLength(4);
    const [stranded] = await h.t.db
      .select()
      .from(integrationMessages)
      .where(eq(integrationMessages.controlId, 'LIS-UNKNOWN-1'));
    expect(stranded).toMatchObject({ status: 'failed', ackCode: 'CA', appAckCode: null });
    expect(stranded!.lastError).toContain('204');
  });

  it('handles two messages in one TCP write and one message dribbled byte by byte', async () => {
    const probe = await MllpProbe.open(h.hl7Port);
    const one = fixture('oml').replace('HUB2501200000041', 'PIPE-1');
    const two = fixture('oml').replace('HUB2501200000041', 'PIPE-2');
    probe.write(Buffer.concat([frame(one), frame(two)]));
    const replies = await probe.read(2);
    expect(replies.map((r) => r.split('\r')[1])).toEqual(['MSA|CA|PIPE-1', 'MSA|CA|PIPE-2']);
    const bytes = frame(fixture('oru_rad').replace('RIS2501200000077', 'DRIBBLE-1'));
    for (let i = 0; i < bytes.length; i += 7) probe.write(bytes.subarray(i, i + 7));
    const [dribbled] = await probe.read(1);
    expect(dribbled).toContain('MSA|CA|DRIBBLE-1');
    probe.close();
    await h.applied();
    const rows = await h.t.db
      .select({ controlId: integrationMessages.controlId, status: integrationMessages.status })
      .from(integrationMessages)
      .where(inArray(integrationMessages.controlId, ['PIPE-1', 'PIPE-2', 'DRIBBLE-1']));
    expect(rows.map((r) => r.status)).toEqual(['processed', 'processed', 'processed']);
  });
});
