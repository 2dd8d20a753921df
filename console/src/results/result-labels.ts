/** Vietnamese labels of the results screens. */

export const kindLabels: Record<string, string> = { lab: 'Xét nghiệm', imaging: 'Chẩn đoán hình ảnh' };

export const resultStatusInfo: Record<string, { label: string; color: string }> = {
  preliminary: { label: 'Sơ bộ', color: 'yellow' },
  final: { label: 'Chính thức', color: 'teal' },
  corrected: { label: 'Đã hiệu chỉnh', color: 'grape' },
};

export const orderStatusLabels: Record<string, string> = {
  placed: 'Đã chỉ định',
  scheduled: 'Đã hẹn',
  in_progress: 'Đang thực hiện',
  completed: 'Đã thực hiện',
  cancelled: 'Đã huỷ',
};

const flagLabels: Record<string, string> = {
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
  const f = flag?.trim().toUpperCase();
  if (!f || f === 'N') return null;
  return flagLabels[f] ?? 'Bất thường';
}

export const unlinkedReasonLabels: Record<string, string> = {
  no_order: 'Không có chỉ định nào mang mã này',
  patient_mismatch: 'Mã bệnh nhân trên phim khác người của chỉ định',
  no_accession: 'Phim không có mã chỉ định (Accession Number)',
  ambiguous: 'Nhiều chỉ định cùng ngày có thể khớp',
};

/** "modality:CR" → "tự động theo loại chụp CR". */
export function releaseRuleLabel(rule: string): string {
  const [kind, value] = rule.split(':');
  if (kind === 'modality') return value === '*' ? 'tự động (mọi loại chụp)' : `tự động theo loại chụp ${value}`;
  if (kind === 'test') return value === '*' ? 'tự động (mọi xét nghiệm)' : `tự động theo mã xét nghiệm ${value}`;
  return `tự động (${rule})`;
}
