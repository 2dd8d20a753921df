/** How an abnormal flag (HL7 table 0078) is said to a patient. */
const labels: Record<string, string> = {
  H: 'Cao',
  HH: 'Rất cao',
  L: 'Thấp',
  LL: 'Rất thấp',
  '>': 'Trên ngưỡng đo',
  '<': 'Dưới ngưỡng đo',
  A: 'Bất thường',
  AA: 'Rất bất thường',
};

export function flagLabel(flag: string | null): string | null {
  if (!flag) return null;
  const f = flag.trim().toUpperCase();
  if (f === '' || f === 'N') return null;
  return labels[f] ?? 'Bất thường';
}

export const statusLabels = {
  preliminary: 'Kết quả sơ bộ',
  final: 'Kết quả chính thức',
  corrected: 'Đã hiệu chỉnh',
} as const;
