/**
 * A birth date as people type it on a phone: 14/03/1988, 14-3-1988, 14.03.1988, 14031988 or 1988-03-14. Returns the
 * ISO date, or null when it is not a real calendar date.
 */
export function parseBirthDate(input: string): string | null {
  const v = input.trim();
  let m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(v) ?? /^(\d{2})(\d{2})(\d{4})$/.exec(v);
  let [d, mo, y] = m ? [m[1]!, m[2]!, m[3]!] : ['', '', ''];
  if (!m) {
    m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(v);
    if (!m) return null;
    [y, mo, d] = [m[1]!, m[2]!, m[3]!];
  }
  const iso = `${y}-${mo.padStart(2, '0')}-${d.padStart(2, '0')}`;
  const date = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(iso) ? iso : null;
}
