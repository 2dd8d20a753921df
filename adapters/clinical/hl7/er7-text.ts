/** The delimiters of a message, from MSH-1 and MSH-2 (normally `|` and `^~\&`). */
export interface Delimiters {
  field: string;
  component: string;
  repetition: string;
  escape: string;
  subcomponent: string;
}

export const standardDelimiters: Delimiters = {
  field: '|',
  component: '^',
  repetition: '~',
  escape: '\\',
  subcomponent: '&',
};

const hex2 = (code: number) => code.toString(16).toUpperCase().padStart(2, '0');

/**
 * One text value as ER7 with the standard delimiters, escaped the way hl7v2 writes it (INTEGRATION.md §1.1): `\ | ^ &
 * ~` become `\E\ \F\ \S\ \T\ \R\`, control characters `\Xhh\`. Used where building through hl7v2's model costs too
 * much per message (the ACK of every frame); builder.test.ts checks both write the same bytes.
 */
export function escapeText(value: string): string {
  let out = '';
  for (const ch of value) {
    switch (ch) {
      case '\\':
        out += '\\E\\';
        break;
      case '|':
        out += '\\F\\';
        break;
      case '^':
        out += '\\S\\';
        break;
      case '&':
        out += '\\T\\';
        break;
      case '~':
        out += '\\R\\';
        break;
      default: {
        const code = ch.charCodeAt(0);
        out += code < 0x20 ? `\\X${hex2(code)}\\` : ch;
      }
    }
  }
  return out;
}

/** Reverses the delimiter escapes (\F\ \S\ \T\ \R\ \E\) and \Xhh…\ of one value; other sequences stay as written. */
export function unescapeText(value: string, d: Delimiters): string {
  if (!value.includes(d.escape)) return value;
  let out = '';
  let i = 0;
  while (i < value.length) {
    const ch = value[i]!;
    const end = ch === d.escape ? value.indexOf(d.escape, i + 1) : -1;
    if (end < 0) {
      out += ch;
      i++;
      continue;
    }
    const seq = value.slice(i + 1, end);
    const known: Record<string, string> = {
      F: d.field,
      S: d.component,
      T: d.subcomponent,
      R: d.repetition,
      E: d.escape,
    };
    if (known[seq] !== undefined) out += known[seq];
    else if (/^X([0-9A-Fa-f]{2})+$/.test(seq)) out += Buffer.from(seq.slice(1), 'hex').toString('utf8');
    else out += value.slice(i, end + 1);
    i = end + 1;
  }
  return out;
}
