import { newControlId } from './control-id.ts';
import { escapeText } from './er7-text.ts';
import type { MessageHeader } from './header.ts';
import { type Hl7Reader, val } from './message.ts';
import { hl7Timestamp } from './timestamps.ts';

export type AckCode = 'AA' | 'AE' | 'AR' | 'CA' | 'CE' | 'CR';

export interface AckError {
  /** HL7 table 0357: 100 segment sequence, 101 required field missing, 102 data type, 103 table value not found,
   * 200 unsupported message type, 201 unsupported event, 204 unknown key identifier, 207 application internal error */
  code: number;
  /** ERR-8 user message (Vietnamese) */
  message: string;
  /** ERR-2 location: segment^sequence^field… e.g. PID^1^3 */
  location?: string;
  severity?: 'E' | 'W' | 'I';
}

const errorNames: Record<number, string> = {
  0: 'Message accepted',
  100: 'Segment sequence error',
  101: 'Required field missing',
  102: 'Data type error',
  103: 'Table value not found',
  200: 'Unsupported message type',
  201: 'Unsupported event code',
  202: 'Unsupported processing id',
  203: 'Unsupported version id',
  204: 'Unknown key identifier',
  205: 'Duplicate key identifier',
  206: 'Application record locked',
  207: 'Application internal error',
};

/** Who we are when the original message did not say (its MSH-5/6 empty). */
export interface AckIdentity {
  app: string;
  facility: string;
  timeZone?: string;
  controlIdPrefix?: string;
}

let stamp = { second: 0, timeZone: '', text: '' };

/** MSH-7 of an ACK: the same text for a whole second (formatting in a time zone costs more than the rest). */
function ackTimestamp(timeZone = 'Asia/Ho_Chi_Minh'): string {
  const now = Date.now();
  const second = Math.floor(now / 1000);
  if (stamp.second !== second || stamp.timeZone !== timeZone) {
    stamp = { second, timeZone, text: hl7Timestamp(new Date(second * 1000), timeZone) };
  }
  return stamp.text;
}

/** One ER7 segment: fields of components, each escaped; empty trailing components and fields left out. */
function segment(name: string, fields: (string | readonly string[] | undefined)[]): string {
  const text = fields.map((f) => {
    if (f === undefined) return '';
    const comps = typeof f === 'string' ? [f] : f;
    return comps.map(escapeText).join('^').replace(/\^+$/, '');
  });
  while (text.length > 0 && text[text.length - 1] === '') text.pop();
  return [name, ...text].join('|');
}

/**
 * Our ACK to `original` (INTEGRATION.md §1.1, §5.3): sender/receiver swapped, MSH-9 ACK^<trigger>^ACK, a fresh MSH-10,
 * MSH-11/12 from the request, MSH-15/16 NE (an ACK is never acknowledged), MSA-2 = the original MSH-10, ERR on
 * AE/AR/CE/CR. Written directly as ER7 (every frame gets one, so hl7v2's model would cost more than the rest of the
 * intake); ack.test.ts checks the bytes against the Hl7Builder.
 */
export function buildAck(
  original: { readonly header: MessageHeader },
  code: AckCode,
  me: AckIdentity,
  error?: AckError,
  text?: string,
): string {
  const h = original.header;
  // MSH-1/2 are written as they are: the fields after them are escaped one by one
  const msh = segment('MSH', [
    h.receivingApp || me.app,
    h.receivingFacility || me.facility,
    h.sendingApp,
    h.sendingFacility,
    ackTimestamp(me.timeZone),
    '',
    ['ACK', h.triggerEvent, 'ACK'],
    newControlId(me.controlIdPrefix ?? 'ACK'),
    h.processingId || 'P',
    '2.5.1',
    '',
    '',
    'NE',
    'NE',
    h.country || 'VNM',
    'UNICODE UTF-8',
  ]).replace(/^MSH\|/, 'MSH|^~\\&|');
  // MSA-3 is ST len 80; the full text goes in ERR-8
  const msa = segment('MSA', [code, h.controlId, (text ?? error?.message ?? '').slice(0, 80)]);
  const lines = [msh, msa];
  if (error && code !== 'AA' && code !== 'CA') {
    lines.push(
      segment('ERR', [
        '',
        error.location ? error.location.split('^') : undefined,
        [String(error.code), errorNames[error.code] ?? '', 'HL70357'],
        error.severity ?? 'E',
        '',
        '',
        '',
        error.message,
      ]),
    );
  }
  return `${lines.join('\r')}\r`;
}

export interface ParsedAck {
  code: AckCode | string;
  /** MSA-2: the control id of the message acknowledged */
  ackedControlId: string;
  text: string;
  /** ERR-3 code and ERR-8 (or ERR-3.2) text of each ERR segment */
  errors: { code: string; message: string; location: string }[];
  controlId: string;
}

/** Reads an ACK we received; `undefined` when the message has no MSA (not an acknowledgment). */
export function readAck(msg: Hl7Reader): ParsedAck | undefined {
  const msa = msg.first('MSA');
  if (!msa) return undefined;
  return {
    code: val(msa, 1).toUpperCase(),
    ackedControlId: val(msa, 2),
    text: val(msa, 3),
    controlId: msg.header.controlId,
    errors: msg.all('ERR').map((e) => ({
      code: val(e, 3, 1),
      message: val(e, 8) || val(e, 3, 2),
      location: [1, 2, 3]
        .map((c) => val(e, 2, c))
        .filter(Boolean)
        .join('-'),
    })),
  };
}

/** One line for people and logs: "AE 103 Mã bác sĩ không tồn tại trong HIS". */
export function describeAck(ack: ParsedAck): string {
  const err = ack.errors[0];
  const detail = err ? `${err.code} ${err.message}`.trim() : '';
  return [ack.code, detail || ack.text].filter(Boolean).join(' ');
}
