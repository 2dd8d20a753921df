/** One table of a report as a spreadsheet sees it: Vietnamese headers, one line per row. */
export interface CsvTable {
  title: string;
  header: string[];
  lines: (string | number | null)[][];
}

export interface CsvColumn<Row> {
  header: string;
  value(row: Row): string | number | null;
}

export function csvTable<Row>(title: string, columns: CsvColumn<Row>[], rows: readonly Row[]): CsvTable {
  return { title, header: columns.map((c) => c.header), lines: rows.map((r) => columns.map((c) => c.value(r))) };
}

function cell(value: string | number | null): string {
  if (value === null) return '';
  const text = String(value).normalize('NFC');
  // a leading = + - @ would make Excel run the cell as a formula
  const safe = /^[=+\-@\t\r]/.test(text) && typeof value === 'string' ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/** RFC 4180 text with a UTF-8 byte-order mark, so Excel opens Vietnamese headers correctly. */
export function toCsv(table: CsvTable): string {
  const lines = [table.header, ...table.lines].map((l) => l.map(cell).join(','));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

/** A share as a percentage with one decimal, for spreadsheets; empty when there was nothing to divide. */
export const percent = (rate: number | null): number | null => (rate === null ? null : Math.round(rate * 1000) / 10);
