/**
 * MSH-18 (HL7 table 0211) to a WHATWG encoding label Node's TextDecoder understands. UTF-16/32 are not allowed in v2
 * messages (HL7 wiki), so they are not mapped: such a frame is decoded with the interface's fallback.
 */
const table0211: Record<string, string> = {
  'UNICODE UTF-8': 'utf-8',
  UNICODE: 'utf-8',
  // not a 0211 value, but hl7v2 and several HIS write it
  'UTF-8': 'utf-8',
  ASCII: 'utf-8',
  'ISO IR6': 'utf-8',
  '8859/1': 'iso-8859-1',
  '8859/2': 'iso-8859-2',
  '8859/3': 'iso-8859-3',
  '8859/4': 'iso-8859-4',
  '8859/5': 'iso-8859-5',
  '8859/6': 'iso-8859-6',
  '8859/7': 'iso-8859-7',
  '8859/8': 'iso-8859-8',
  '8859/9': 'iso-8859-9',
  '8859/15': 'iso-8859-15',
  'ISO IR14': 'shift_jis',
  'ISO IR87': 'iso-2022-jp',
  'GB 18030-2000': 'gb18030',
  'KS X 1001': 'euc-kr',
  'BIG-5': 'big5',
};

/** Whether Node can decode this label (e.g. `windows-1258` yes, `tcvn3` no): checked when config is loaded. */
export function isSupportedCharset(label: string): boolean {
  try {
    new TextDecoder(label);
    return true;
  } catch {
    return false;
  }
}

const CR = 0x0d;

/** MSH-18 read from the header bytes, which are ASCII whatever the charset (HL7 §2.15.9 / Grieve). */
export function declaredCharset(frame: Uint8Array): string {
  let end = frame.indexOf(CR);
  if (end < 0) end = frame.length;
  const header = Buffer.from(frame.buffer, frame.byteOffset, end).toString('latin1');
  const sep = header[3] ?? '|';
  const msh18 = header.split(sep)[17] ?? '';
  return msh18.split(header[4] ?? '^')[0]!.trim();
}

/**
 * Decodes a whole frame (never a TCP chunk: a Vietnamese character can straddle two). MSH-18 decides; when it is
 * empty or unknown the interface's fallback charset does. The text is NFC-normalised because windows-1258 yields
 * combining diacritics.
 */
export function decodeFrame(frame: Uint8Array, fallbackCharset = 'utf-8'): { text: string; charset: string } {
  const declared = declaredCharset(frame);
  const charset = table0211[declared.toUpperCase()] ?? (declared && isSupportedCharset(declared) ? declared : '');
  const label = charset || fallbackCharset;
  const text = new TextDecoder(label).decode(frame);
  return { text: text.normalize('NFC'), charset: label };
}
