import { type Delimiters, standardDelimiters, unescapeText } from './er7-text.ts';
import { Hl7ParseError } from './parse-error.ts';

/** The MSH fields every use of a message needs, read once. */
export interface MessageHeader {
  sendingApp: string;
  sendingFacility: string;
  receivingApp: string;
  receivingFacility: string;
  timestamp: string;
  /** MSH-9.1 / 9.2 / 9.3, e.g. ORU / R01 / ORU_R01 */
  messageCode: string;
  triggerEvent: string;
  structure: string;
  controlId: string;
  processingId: string;
  version: string;
  /** MSH-15 / MSH-16 (table 0155): both empty = original acknowledgment mode */
  acceptAckType: string;
  appAckType: string;
  country: string;
  charset: string;
}

interface SplitMsh {
  fields: string[];
  d: Delimiters;
}

/** The MSH line split on its own field separator: fields[n - 1] is MSH-n (fields[1] = MSH-2). */
function splitMsh(text: string): SplitMsh | undefined {
  if (!text.startsWith('MSH') || text.length < 8) return undefined;
  let end = text.indexOf('\r');
  const lf = text.indexOf('\n');
  if (end < 0 || (lf >= 0 && lf < end)) end = lf;
  const line = end < 0 ? text : text.slice(0, end);
  const field = line[3]!;
  const enc = line.slice(4).split(field, 1)[0]!;
  if (enc.length < 2 || /[A-Za-z0-9\s]/.test(field) || enc.includes(field)) return undefined;
  const d: Delimiters = {
    field,
    component: enc[0]!,
    repetition: enc[1]!,
    escape: enc[2] ?? standardDelimiters.escape,
    subcomponent: enc[3] ?? standardDelimiters.subcomponent,
  };
  return { fields: line.split(field), d };
}

/** Component `comp` (1-based) of the first repetition, first sub-component, unescaped; `""` (HL7 null) reads as empty. */
function component(s: SplitMsh, n: number, comp = 1): string {
  const raw = s.fields[n - 1];
  if (!raw) return '';
  const rep = raw.split(s.d.repetition, 1)[0]!;
  const c = rep.split(s.d.component)[comp - 1] ?? '';
  const sub = c.split(s.d.subcomponent, 1)[0]!;
  return sub === '""' ? '' : unescapeText(sub, s.d);
}

function toHeader(s: SplitMsh): MessageHeader {
  const v = (n: number, comp = 1) => component(s, n, comp);
  return {
    sendingApp: v(3),
    sendingFacility: v(4),
    receivingApp: v(5),
    receivingFacility: v(6),
    timestamp: v(7),
    messageCode: v(9, 1),
    triggerEvent: v(9, 2),
    structure: v(9, 3),
    controlId: v(10),
    processingId: v(11),
    version: v(12),
    acceptAckType: v(15),
    appAckType: v(16),
    country: v(17),
    charset: v(18),
  };
}

/**
 * The header of a message from its MSH line alone — what the listener needs before answering (dedupe key, ACK mode,
 * the ACK's addressing) without parsing the body. Throws Hl7ParseError with the HL7 code to answer.
 */
export function readHeader(text: string): MessageHeader {
  if (!text.startsWith('MSH')) throw new Hl7ParseError('Thông điệp phải bắt đầu bằng đoạn MSH', 100, 'MSH^1');
  const s = splitMsh(text);
  if (!s) throw new Hl7ParseError('Không đọc được thông điệp HL7: đoạn MSH không hợp lệ (MSH-1/MSH-2)', 102, 'MSH^1^2');
  const header = toHeader(s);
  if (!header.messageCode) throw new Hl7ParseError('Thiếu loại thông điệp (MSH-9)', 101, 'MSH^1^9');
  if (!header.controlId) throw new Hl7ParseError('Thiếu mã thông điệp (MSH-10)', 101, 'MSH^1^10');
  return header;
}

/** Whatever can be read of a header that `readHeader` refused, to address the AE/CE answering it. Never throws. */
export function salvageHeader(text: string): MessageHeader {
  const s = splitMsh(text);
  const clean = (v: string) => v.replace(/[\r\n]/g, '').slice(0, 40);
  const h = s
    ? toHeader(s)
    : ({
        sendingApp: '',
        sendingFacility: '',
        receivingApp: '',
        receivingFacility: '',
        timestamp: '',
        messageCode: '',
        triggerEvent: '',
        structure: '',
        controlId: '',
        processingId: '',
        version: '',
        acceptAckType: '',
        appAckType: '',
        country: '',
        charset: '',
      } satisfies MessageHeader);
  const out = Object.fromEntries(Object.entries(h).map(([k, v]) => [k, clean(v)])) as unknown as MessageHeader;
  return { ...out, messageCode: out.messageCode || 'UNKNOWN', controlId: out.controlId || 'NONE' };
}

/** e.g. ORU^R01 (the code alone when there is no trigger event) */
export function messageTypeOf(h: MessageHeader): string {
  return h.triggerEvent ? `${h.messageCode}^${h.triggerEvent}` : h.messageCode;
}

/**
 * The repetitions of one field of the first `segment` in the text, each split into unescaped components — a cheap look
 * at one value (PID-3) without parsing the message. Empty when the segment or field is absent.
 */
export function peekField(text: string, segment: string, field: number): string[][] {
  const s = splitMsh(text);
  if (!s) return [];
  const start = text.search(new RegExp(`[\\r\\n]${segment}${escapeRegExp(s.d.field)}`));
  if (start < 0) return [];
  let end = text.slice(start + 1).search(/[\r\n]/);
  end = end < 0 ? text.length : start + 1 + end;
  const raw = text.slice(start + 1, end).split(s.d.field)[field];
  if (!raw) return [];
  return raw.split(s.d.repetition).map((rep) => rep.split(s.d.component).map((c) => unescapeText(c, s.d)));
}

const escapeRegExp = (v: string) => v.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
