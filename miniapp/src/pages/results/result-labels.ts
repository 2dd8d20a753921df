/** How an abnormal flag (HL7 table 0078) is said to a patient, and which way it points. */
const flags: Record<string, { label: string; arrow: string }> = {
  H: { label: 'Cao', arrow: '↑' },
  HH: { label: 'Rất cao', arrow: '↑↑' },
  L: { label: 'Thấp', arrow: '↓' },
  LL: { label: 'Rất thấp', arrow: '↓↓' },
  '>': { label: 'Trên ngưỡng đo', arrow: '↑' },
  '<': { label: 'Dưới ngưỡng đo', arrow: '↓' },
  A: { label: 'Bất thường', arrow: '!' },
  AA: { label: 'Rất bất thường', arrow: '!!' },
};

export function flagInfo(flag: string | null): { label: string; arrow: string } | null {
  const f = flag?.trim().toUpperCase();
  if (!f || f === 'N') return null;
  return flags[f] ?? { label: 'Bất thường', arrow: '!' };
}

export const resultStatusLabels: Record<string, string> = {
  preliminary: 'Sơ bộ',
  final: 'Chính thức',
  corrected: 'Đã hiệu chỉnh',
};
