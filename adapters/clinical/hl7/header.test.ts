import { readdirSync, readFileSync } from 'node:fs';
import { HL7Message } from 'hl7v2';
import { describe, expect, it } from 'vitest';
import { ackModeOf, ackWanted } from './ack-mode.ts';
import { Hl7Builder } from './builder.ts';
import { buildAck, Hl7ParseError, Hl7Reader, peekField, readHeader, salvageHeader } from './index.ts';

const fixtures = new URL('../../../../shared/fixtures/hl7', import.meta.url).pathname;
const me = { app: 'BOOKINGHUB', facility: 'PK_DEMO', timeZone: 'Asia/Ho_Chi_Minh' };

/** MSH-n component c as hl7v2 reads it from a full parse: what the light header must agree with. */
function viaHl7v2(text: string, n: number, c = 1): string {
  const v = HL7Message.parse(text).header.field(n).getValue(c) as unknown;
  if (v === null || v === undefined) return '';
  return Buffer.isBuffer(v) ? v.toString('utf8') : String(v);
}

const tricky = [
  'MSH|^~\\&|L\\T\\IS^X|BV\\F\\1|HUB|PK|20250120101500+0700||ORU^R01^ORU_R01|C\\S\\1|P|2.5.1|||al|ne|VNM|UNICODE UTF-8\rPID|1\r',
  'MSH|^~\\&|LIS~OTHER|""|||2025||ADT^A31|ID-1|T|2.5.1\r',
  'MSH|^~\\&|LIS|BV|||||SIU^S12|X\\E\\Y|P|2.5.1||||||UNICODE UTF-8\nPID|1\n',
];

describe('the light MSH reader', () => {
  it('reads what hl7v2 reads from every fixture and from escaped, repeated and null values', () => {
    const texts = [
      ...readdirSync(fixtures)
        .filter((f) => f.endsWith('.hl7'))
        .map((f) => readFileSync(`${fixtures}/${f}`, 'utf8')),
      ...tricky,
    ];
    for (const text of texts) {
      const normalized = text.replace(/\r\n|\n/g, '\r');
      const h = readHeader(text);
      const fields: [keyof typeof h, number, number?][] = [
        ['sendingApp', 3],
        ['sendingFacility', 4],
        ['receivingApp', 5],
        ['receivingFacility', 6],
        ['messageCode', 9, 1],
        ['triggerEvent', 9, 2],
        ['structure', 9, 3],
        ['controlId', 10],
        ['processingId', 11],
        ['version', 12],
        ['acceptAckType', 15],
        ['appAckType', 16],
        ['country', 17],
        ['charset', 18],
      ];
      for (const [key, n, c] of fields)
        expect(h[key], `${key} of ${text.slice(0, 60)}`).toBe(viaHl7v2(normalized, n, c));
    }
  });

  it('refuses a header without type or id with the HL7 code to answer, and salvages what it can for the AE', () => {
    expect(() => readHeader('hello')).toThrow(Hl7ParseError);
    expect(() => readHeader('MSH|^~\\&|LIS|BV||||||ID|P|2.5.1')).toThrow(/MSH-9/);
    expect(() => readHeader('MSH|^~\\&|LIS|BV|||||ORU^R01||P|2.5.1')).toThrow(/MSH-10/);
    expect(salvageHeader('MSH|^~\\&|LIS|BV|||||||P|2.5.1|||AL')).toMatchObject({
      sendingApp: 'LIS',
      messageCode: 'UNKNOWN',
      controlId: 'NONE',
      acceptAckType: 'AL',
    });
    expect(salvageHeader('not hl7')).toMatchObject({ sendingApp: '', messageCode: 'UNKNOWN', controlId: 'NONE' });
  });

  it('peeks at one field of a later segment without parsing the message', () => {
    const oru = readFileSync(`${fixtures}/oru_lab.hl7`, 'utf8');
    const ids = peekField(oru, 'PID', 3);
    expect(ids[0]?.[0]).toBe('BN000123');
    expect(peekField(oru, 'ZZZ', 1)).toEqual([]);
  });
});

describe('acknowledgment modes (table 0155)', () => {
  const h = (accept: string, app: string) => readHeader(`MSH|^~\\&|A|B|||1||ORU^R01|1|P|2.5.1|||${accept}|${app}\r`);
  it('tells the original, enhanced and application-only modes apart', () => {
    expect(ackModeOf(h('', ''))).toEqual({ kind: 'original', accept: 'NE', application: 'AL' });
    expect(ackModeOf(h('AL', 'NE'))).toEqual({ kind: 'enhanced', accept: 'AL', application: 'NE' });
    expect(ackModeOf(h('', 'ER'))).toEqual({ kind: 'enhanced', accept: 'AL', application: 'ER' });
    expect(ackModeOf(h('al', ''))).toEqual({ kind: 'enhanced', accept: 'AL', application: 'NE' });
    expect(ackModeOf(h('NE', 'AL'))).toEqual({ kind: 'application-only', accept: 'NE', application: 'AL' });
  });
  it('answers per condition: AL always, NE never, ER on errors, SU on success', () => {
    expect(['AL', 'NE', 'ER', 'SU'].map((c) => ackWanted(c as 'AL', 'CA'))).toEqual([true, false, false, true]);
    expect(['AL', 'NE', 'ER', 'SU'].map((c) => ackWanted(c as 'AL', 'AE'))).toEqual([true, false, true, false]);
  });
});

/** The ACK as hl7v2's model writes it: the direct ER7 writer must produce the same bytes. */
function referenceAck(
  original: Hl7Reader,
  code: string,
  controlId: string,
  timestamp: string,
  error?: { code: number; name: string; location?: string; message: string },
  text?: string,
) {
  const h = original.header;
  const b = new Hl7Builder({
    sendingApp: h.receivingApp || me.app,
    sendingFacility: h.receivingFacility || me.facility,
    receivingApp: h.sendingApp,
    receivingFacility: h.sendingFacility,
    timestamp,
    type: ['ACK', h.triggerEvent || undefined, 'ACK'],
    controlId,
    processingId: h.processingId || 'P',
    acceptAckType: 'NE',
    appAckType: 'NE',
    country: h.country || 'VNM',
  });
  b.segment('MSA', { 1: code, 2: h.controlId, 3: (text ?? error?.message ?? '').slice(0, 80) });
  if (error) {
    b.segment('ERR', {
      2: error.location ? error.location.split('^') : undefined,
      3: [String(error.code), error.name, 'HL70357'],
      4: 'E',
      8: error.message,
    });
  }
  return b.toString();
}

describe('the direct ACK writer', () => {
  it('writes the bytes hl7v2 writes, with every delimiter and control character escaped', () => {
    const originals = [
      new Hl7Reader(readFileSync(`${fixtures}/oru_lab.hl7`, 'utf8')),
      new Hl7Reader(readFileSync(`${fixtures}/s12.hl7`, 'utf8')),
      new Hl7Reader(tricky[0]!),
      new Hl7Reader('MSH|^~\\&|LIS||||20250101||QRY|Q\\T\\1\r'),
    ];
    const odd = 'Dị ứng & hen | a^b ~ c \\ d\te';
    for (const o of originals) {
      const cases = [
        ['CA', undefined, undefined],
        ['AA', undefined, `Đã nhận 1 kết quả ${odd}`],
        ['AE', { code: 204, name: 'Unknown key identifier', location: 'PID^1^3', message: `Không tìm thấy ${odd}` }],
        ['CR', { code: 200, name: 'Unsupported message type', message: 'x' }],
        ['CE', { code: 999, name: '', location: 'MSH^1', message: 'y' }],
      ] as const;
      for (const [code, error, text] of cases) {
        const ours = buildAck(o, code, me, error, text);
        // MSH-7 and MSH-10 are fresh in each ACK: the reference takes ours
        const f = ours.split('\r')[0]!.split('|');
        expect(ours).toBe(referenceAck(o, code, f[9]!, f[6]!, error, text));
      }
    }
  });
});
