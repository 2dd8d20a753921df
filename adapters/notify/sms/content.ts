/**
 * Vietnamese SMS content rules (PROVIDERS.md §5.4): unaccented text is the norm (carriers bill per 160-character
 * GSM-7 segment), accented text goes as UCS-2 (70 characters). Pure functions: the engine's preview and cost estimate
 * use them as the adapters do. Input is normalised to NFC first, so decomposed text counts as people see it.
 */

// GSM 03.38 default alphabet (one septet each) and its extension table (escape + char: two septets each)
const gsmBasic = new Set(
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà',
);
const gsmExtended = new Set('^{}\\[~]|€\f');

export interface SmsSegments {
  encoding: 'gsm7' | 'ucs2';
  /** septets (GSM-7, an extension character counts 2) or UTF-16 code units (UCS-2) */
  units: number;
  /** messages the carrier sends and bills; 0 for empty text */
  segments: number;
  /** capacity of one segment: 160 / 70 alone, 153 / 67 when concatenated */
  perSegment: number;
  /** units left in the last segment */
  remaining: number;
}

/** GSM-7 when every character is in the default alphabet or its extension, else UCS-2. */
export function smsEncoding(text: string): 'gsm7' | 'ucs2' {
  for (const ch of text.normalize('NFC')) if (!gsmBasic.has(ch) && !gsmExtended.has(ch)) return 'ucs2';
  return 'gsm7';
}

/**
 * Segment count of an SMS (3GPP TS 23.040): 160 GSM-7 septets or 70 UCS-2 units in one message; concatenated parts
 * carry 153 / 67 because of the header, and an escape pair or a surrogate pair is never split across two parts.
 */
export function smsSegments(text: string): SmsSegments {
  const nfc = text.normalize('NFC');
  const encoding = smsEncoding(nfc);
  const costs = [...nfc].map((ch) => (encoding === 'gsm7' ? (gsmExtended.has(ch) ? 2 : 1) : ch.length));
  const units = costs.reduce((a, b) => a + b, 0);
  const single = encoding === 'gsm7' ? 160 : 70;
  const part = encoding === 'gsm7' ? 153 : 67;
  if (units === 0) return { encoding, units, segments: 0, perSegment: single, remaining: single };
  if (units <= single) return { encoding, units, segments: 1, perSegment: single, remaining: single - units };
  let segments = 1;
  let used = 0;
  for (const cost of costs) {
    if (used + cost > part) {
      segments++;
      used = 0;
    }
    used += cost;
  }
  return { encoding, units, segments, perSegment: part, remaining: part - used };
}

const punctuation: Record<string, string> = {
  '\u2018': "'",
  '\u2019': "'",
  '\u201c': '"',
  '\u201d': '"',
  '\u2013': '-',
  '\u2014': '-',
  '\u2026': '...',
  '\u00a0': ' ',
  '\u2022': '-',
};

/** Vietnamese without marks: NFD, drop U+0300–U+036F, đ→d, Đ→D (PROVIDERS.md §5.4); typographic punctuation → ASCII. */
export function stripDiacritics(text: string): string {
  return text
    .normalize('NFC')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .replace(/[\u2018\u2019\u201c\u201d\u2013\u2014\u2026\u00a0\u2022]/g, (ch) => punctuation[ch] ?? ch)
    .normalize('NFC');
}

/** The text to send and how: stripped when asked, NFC, `unicode` when it still needs UCS-2. */
export function prepareSmsText(
  text: string,
  opts: { stripDiacritics: boolean },
): { text: string; unicode: boolean; segments: SmsSegments } {
  const out = opts.stripDiacritics ? stripDiacritics(text) : text.normalize('NFC');
  const segments = smsSegments(out);
  return { text: out, unicode: segments.encoding === 'ucs2', segments };
}
