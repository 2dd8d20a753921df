import { HL7Message, type HL7Segment } from 'hl7v2';
import { decodeFrame } from './charset.ts';
import { type MessageHeader, messageTypeOf, readHeader } from './header.ts';
import { Hl7ParseError } from './parse-error.ts';

export type { MessageHeader } from './header.ts';
export { Hl7ParseError } from './parse-error.ts';

/** Any value hl7v2 decoded (string, number, Buffer for \X..\, null for ""), as the text the sender meant. */
function asText(v: unknown): string {
  if (v === undefined || v === null) return '';
  if (Buffer.isBuffer(v)) return v.toString('utf8');
  if (v instanceof Date) return v.toISOString();
  return String(v);
}

/**
 * A parsed ER7 message with typed read access. Values come back unescaped (\F\ \S\ \T\ \R\ \E\, \X..\); the FT
 * formatting escapes (\.br\ …) are left in place for the renderer to decide.
 */
export class Hl7Reader {
  readonly message: HL7Message;
  readonly text: string;
  readonly header: MessageHeader;

  constructor(text: string) {
    const normalized = text.replace(/\r\n|\n/g, '\r');
    if (!normalized.startsWith('MSH')) throw new Hl7ParseError('Thông điệp phải bắt đầu bằng đoạn MSH', 100, 'MSH^1');
    try {
      this.message = HL7Message.parse(normalized);
    } catch (err) {
      throw new Hl7ParseError(`Không đọc được thông điệp HL7: ${(err as Error).message}`, 102);
    }
    this.text = normalized;
    // the same reading of MSH as the listener's before it parses anything (one dedupe key, one ACK addressing)
    this.header = readHeader(normalized);
  }

  /** e.g. ORU^R01 */
  get type(): string {
    return messageTypeOf(this.header);
  }

  get segments(): HL7Segment[] {
    return this.message.segments;
  }

  all(name: string): HL7Segment[] {
    return this.message.segments.filter((s) => s.segmentType === name);
  }

  first(name: string): HL7Segment | undefined {
    return this.message.getSegment(name);
  }
}

/** One value of a segment: field, component, sub-component (1-based) of repetition `rep` (0-based). */
export function val(seg: HL7Segment | undefined, field: number, comp = 1, sub = 1, rep = 0): string {
  if (!seg) return '';
  // fields are created up to the last one present; asking for a later one must not grow the segment
  if (field > seg.fields.length) return '';
  const f = seg.field(field);
  if (f.repetitions.length <= rep) return '';
  return asText(f.rep(rep).getValue(comp, sub)).trim();
}

/** How many repetitions a field has. */
export function reps(seg: HL7Segment | undefined, field: number): number {
  if (!seg || field > seg.fields.length) return 0;
  return seg.field(field).repetitions.length;
}

/** Parses a complete frame's bytes (charset from MSH-18, else the interface fallback). */
export function parseFrame(frame: Uint8Array, fallbackCharset?: string): Hl7Reader {
  return new Hl7Reader(decodeFrame(frame, fallbackCharset).text);
}
