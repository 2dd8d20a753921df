import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildAck, decodeFrame, Hl7Builder, Hl7ParseError, Hl7Reader, readAck, repeat, val } from './index.ts';
import { hl7Timestamp, parseHl7Timestamp } from './timestamps.ts';

const fixtures = new URL('../../../../shared/fixtures/hl7', import.meta.url).pathname;
const me = { app: 'BOOKINGHUB', facility: 'PK_DEMO' };

describe('ER7 codec', () => {
  it('parses every fixture and reads its header', () => {
    for (const file of readdirSync(fixtures).filter((f) => f.endsWith('.hl7'))) {
      const msg = new Hl7Reader(readFileSync(`${fixtures}/${file}`, 'utf8'));
      expect(msg.header.version, file).toBe('2.5.1');
      expect(msg.header.charset, file).toBe('UNICODE UTF-8');
      expect(msg.header.controlId, file).toMatch(/^[A-Z]+\d+$/);
    }
  });

  it('unescapes \\T\\ and keeps Vietnamese text intact', () => {
    const msg = new Hl7Reader(readFileSync(`${fixtures}/s12.hl7`, 'utf8'));
    expect(val(msg.first('NTE'), 3)).toBe('Đau ngực khi gắng sức & khó thở nhẹ');
    expect(val(msg.first('PID'), 5, 1)).toBe('Nguyễn');
    expect(val(msg.first('PID'), 3, 5, 1, 1)).toBe('NI');
  });

  it('escapes every delimiter on build and reads it back unchanged', () => {
    const tricky = 'A|B^C~D\\E&F — Dị ứng & hen';
    const text = new Hl7Builder({
      sendingApp: 'BOOKINGHUB',
      sendingFacility: 'PK_DEMO',
      receivingApp: 'HIS',
      receivingFacility: 'BV_DEMO',
      timestamp: '20250115093000+0700',
      type: ['ADT', 'A28', 'ADT_A05'],
      controlId: 'HUB1',
    })
      .segment('PID', { 1: '1', 3: repeat(['ID1', '', '', 'BOOKINGHUB', 'PI'], ['ID2']), 5: [tricky, 'An'] })
      .toString();
    expect(text).toContain('A\\F\\B\\S\\C\\R\\D\\E\\E\\T\\F — Dị ứng \\T\\ hen^An');
    const back = new Hl7Reader(text);
    expect(val(back.first('PID'), 5, 1)).toBe(tricky);
    expect(val(back.first('PID'), 3, 1, 1, 1)).toBe('ID2');
    expect(back.type).toBe('ADT^A28');
  });

  it('refuses text that is not a message, with the HL7 error code to answer', () => {
    expect(() => new Hl7Reader('hello')).toThrow(Hl7ParseError);
    expect(() => new Hl7Reader('MSH|^~\\&|LIS|BV||||||||2.5.1')).toThrow(/MSH-9/);
  });

  it('decodes by MSH-18, and by the interface fallback when MSH-18 is empty', () => {
    const utf8 = Buffer.from('MSH|^~\\&|LIS|BV|||||ORU^R01|1|P|2.5.1||||||UNICODE UTF-8\rPID|1||X||Nguyễn\r', 'utf8');
    expect(decodeFrame(utf8).text).toContain('Nguyễn');
    // "Nguyễn" in windows-1258: ê (0xEA) + combining tilde (0xDE)
    const cp1258 = Buffer.concat([
      Buffer.from('MSH|^~\\&|LIS|BV|||||ORU^R01|1|P|2.5.1\rPID|1||X||Nguy', 'latin1'),
      Buffer.from([0xea, 0xde]),
      Buffer.from('n\r', 'latin1'),
    ]);
    const decoded = decodeFrame(cp1258, 'windows-1258');
    expect(decoded.charset).toBe('windows-1258');
    expect(decoded.text).toContain('Nguyễn');
    expect(decoded.text.normalize('NFC')).toBe(decoded.text);
  });

  it('writes and reads timestamps with the +0700 offset', () => {
    const at = new Date('2025-01-20T01:00:00Z');
    expect(hl7Timestamp(at)).toBe('20250120080000+0700');
    expect(parseHl7Timestamp('20250120080000+0700')?.toISOString()).toBe(at.toISOString());
    expect(parseHl7Timestamp('20250120080000')?.toISOString()).toBe(at.toISOString());
    expect(parseHl7Timestamp('1980')?.getUTCFullYear()).toBe(1979);
    expect(parseHl7Timestamp('not a date')).toBeUndefined();
  });
});

describe('our ACK', () => {
  const s12 = new Hl7Reader(readFileSync(`${fixtures}/s12.hl7`, 'utf8'));

  it('swaps sender and receiver, answers ACK^<event>^ACK with a fresh MSH-10 and MSA-2 = the original id', () => {
    const ack = new Hl7Reader(buildAck(s12, 'AA', me));
    expect(ack.header).toMatchObject({
      sendingApp: 'HIS',
      sendingFacility: 'BV_DEMO',
      receivingApp: 'BOOKINGHUB',
      receivingFacility: 'PK_DEMO',
      messageCode: 'ACK',
      triggerEvent: 'S12',
      structure: 'ACK',
      processingId: 'P',
      version: '2.5.1',
      acceptAckType: 'NE',
      appAckType: 'NE',
      charset: 'UNICODE UTF-8',
    });
    expect(ack.header.controlId).not.toBe(s12.header.controlId);
    expect(ack.header.controlId.length).toBeLessThanOrEqual(20);
    expect(ack.header.timestamp).toMatch(/^\d{14}\+0700$/);
    expect(readAck(ack)).toMatchObject({ code: 'AA', ackedControlId: 'HUB2501150000002', errors: [] });
    expect(ack.all('ERR')).toHaveLength(0);
  });

  it('adds ERR with location, table 0357 code and the Vietnamese message on AE/AR', () => {
    const text = buildAck(s12, 'AE', me, { code: 103, location: 'SCH^1^16', message: 'Mã bác sĩ không tồn tại' });
    const ack = new Hl7Reader(text);
    expect(text).toContain('ERR||SCH^1^16|103^Table value not found^HL70357|E||||Mã bác sĩ không tồn tại');
    expect(readAck(ack)).toMatchObject({
      code: 'AE',
      text: 'Mã bác sĩ không tồn tại',
      errors: [{ code: '103', message: 'Mã bác sĩ không tồn tại', location: 'SCH-1-16' }],
    });
  });

  it('reads the fixture ACKs', () => {
    for (const [file, code] of [
      ['ack_aa', 'AA'],
      ['ack_ae', 'AE'],
      ['ack_ca', 'CA'],
    ] as const) {
      const ack = readAck(new Hl7Reader(readFileSync(`${fixtures}/${file}.hl7`, 'utf8')));
      expect(ack?.code).toBe(code);
      expect(ack?.ackedControlId).toBe('HUB2501150000002');
    }
  });
});
