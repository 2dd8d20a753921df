import { Hl7Message, Hl7Segment } from '@medplum/core';

/**
 * @medplum/core neither escapes nor unescapes (INTEGRATION.md §5.1), so the HIS stand-in does it here, in its own
 * few lines: an independent reading of HL7's escaping, which is the point of building this peer on another library.
 */
export function esc(value: string): string {
  return value.replace(
    /[\\|^~&]/g,
    (ch) => ({ '\\': '\\E\\', '|': '\\F\\', '^': '\\S\\', '~': '\\R\\', '&': '\\T\\' })[ch]!,
  );
}

export function unesc(value: string): string {
  return value.replace(/\\([EFSRT])\\/g, (_, c: string) => ({ E: '\\', F: '|', S: '^', R: '~', T: '&' })[c]!);
}

/** A component, unescaped: medplum hands back the raw text. */
export function get(msg: Hl7Message, segment: string, field: number, component = 1, repetition = 0): string {
  return unesc(msg.getSegment(segment)?.getField(field)?.getComponent(component, undefined, repetition) ?? '');
}

/** Every repetition of PID-3 as {id, authority, type}. */
export function patientIds(msg: Hl7Message): { id: string; authority: string; type: string }[] {
  const field = msg.getSegment('PID')?.getField(3);
  if (!field) return [];
  return field.components.map((_, r) => ({
    id: unesc(field.getComponent(1, undefined, r)),
    authority: unesc(field.getComponent(4, undefined, r)),
    type: unesc(field.getComponent(5, undefined, r)),
  }));
}

/** HL7 TS in Vietnam time with its offset (medplum's own formatter writes UTC without one). */
export function vnTimestamp(d = new Date()): string {
  const t = new Date(d.getTime() + 7 * 3_600_000).toISOString();
  return `${t.slice(0, 4)}${t.slice(5, 7)}${t.slice(8, 10)}${t.slice(11, 13)}${t.slice(14, 16)}${t.slice(17, 19)}+0700`;
}

/** A message from segment lines whose values the caller escaped with esc(). */
export function message(lines: string[]): Hl7Message {
  return Hl7Message.parse(lines.join('\r'));
}

/** The ACK medplum builds, with an ERR segment (2.5 layout) when the HIS refuses. */
export function ack(
  msg: Hl7Message,
  code: 'AA' | 'AE' | 'AR',
  error?: { code: string; location: string; text: string },
) {
  if (!error) return msg.buildAck({ ackCode: code });
  const err = new Hl7Segment(['ERR', '', error.location, `${error.code}^^HL70357`, 'E', '', '', '', esc(error.text)]);
  return msg.buildAck({ ackCode: code, errSegment: err });
}
