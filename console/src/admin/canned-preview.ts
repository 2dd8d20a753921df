const pattern = /\{\{\s*([\w.]+)\s*\}\}/g;

/** The {{variables}} a canned response uses, each once, in order of appearance. */
export function variablesIn(body: string): string[] {
  return [...new Set([...body.matchAll(pattern)].map((m) => m[1]!))];
}

export type PreviewPart = { text: string; kind: 'text' | 'value' | 'unknown' };

/**
 * The body with sample values in place of its variables, split so the editor can show what was filled in and
 * which variables the hub would refuse (it rejects unknown ones with 400). Mirrors the hub's renderCanned.
 */
export function previewCanned(body: string, values: Readonly<Record<string, string>>): PreviewPart[] {
  const parts: PreviewPart[] = [];
  let last = 0;
  for (const m of body.matchAll(pattern)) {
    if (m.index > last) parts.push({ text: body.slice(last, m.index), kind: 'text' });
    const name = m[1]!;
    parts.push(name in values ? { text: values[name]!, kind: 'value' } : { text: m[0], kind: 'unknown' });
    last = m.index + m[0].length;
  }
  if (last < body.length) parts.push({ text: body.slice(last), kind: 'text' });
  return parts;
}
