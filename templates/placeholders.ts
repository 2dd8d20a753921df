/** `{{name}}` placeholders: names are letters and digits, optionally padded with spaces inside the braces. */
const placeholder = /\{\{\s*([a-zA-Z][a-zA-Z0-9]*)\s*\}\}/g;
/** Braces left over after the placeholders: a typo such as `{{ten khach}}` or `{name}}`. */
const strayBrace = /\{\{|\}\}/;

/** The variable names a text uses, in order of first use. */
export function placeholdersOf(text: string): string[] {
  return [...new Set([...text.matchAll(placeholder)].map((m) => m[1]!))];
}

/** A malformed placeholder left in the text once the well-formed ones are removed, or undefined. */
export function malformedPlaceholder(text: string): string | undefined {
  const rest = text.replace(placeholder, '');
  const at = rest.search(strayBrace);
  return at < 0 ? undefined : rest.slice(Math.max(0, at - 10), at + 12);
}

export const escapeHtml = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

/** Fills placeholders; `encode` is applied to values only (HTML bodies), never to the template's own markup. */
export function interpolate(
  text: string,
  values: Readonly<Record<string, string>>,
  encode: (s: string) => string = (s) => s,
): string {
  return text.replace(placeholder, (_, name: string) => {
    const v = values[name];
    if (v === undefined) throw new Error(`missing value for {{${name}}}`);
    return encode(v);
  });
}
