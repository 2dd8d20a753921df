/** DICOM values as people read them; Orthanc already decoded the bytes per (0008,0005), so only shape is fixed here. */

/** Trimmed NFC text, or null for an empty value. */
export function dicomText(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const v = value.normalize('NFC').trim();
  return v === '' ? null : v;
}

/**
 * A PN value (family^given^middle^prefix^suffix) in Vietnamese order: "Nguyễn^Văn An" → "Nguyễn Văn An". Vietnamese
 * names keep the family name first, so the components are joined in their DICOM order, empty ones dropped.
 */
export function personName(value: unknown): string | null {
  const v = dicomText(value);
  if (!v) return null;
  // only the alphabetic group (before the first '='); ideographic/phonetic groups are not used in Vietnam
  const alphabetic = v.split('=')[0] ?? '';
  const [family = '', given = '', middle = '', prefix = '', suffix = ''] = alphabetic.split('^').map((p) => p.trim());
  const name = [prefix, family, middle, given, suffix].filter(Boolean).join(' ').replace(/\s+/g, ' ');
  return name || null;
}

/** A DA value (YYYYMMDD) as an ISO date, or null when it is not a real calendar date. */
export function dicomDate(value: unknown): string | null {
  const v = dicomText(value);
  const m = v ? /^(\d{4})(\d{2})(\d{2})$/.exec(v) : null;
  if (!m) return null;
  const iso = `${m[1]}-${m[2]}-${m[3]}`;
  const d = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(iso) ? iso : null;
}
