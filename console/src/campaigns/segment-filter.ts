import { consentChannelLabels, formatDay } from './campaign-labels.ts';
import type { SegmentFilter } from './campaigns-api.ts';
import type { SegmentCatalog } from './use-catalog.ts';

/** The filter as the hub should see it: no empty lists, blank dates or unset numbers. */
export function cleanFilter(filter: SegmentFilter): SegmentFilter {
  const out: SegmentFilter = {};
  for (const [key, value] of Object.entries(filter) as [keyof SegmentFilter, unknown][]) {
    if (value === undefined || value === null || value === '' || value === false) continue;
    if (Array.isArray(value) && value.length === 0) continue;
    if (typeof value === 'number' && !Number.isFinite(value)) continue;
    (out as Record<string, unknown>)[key] = value;
  }
  return out;
}

const names = (ids: string[] | undefined, options: { value: string; label: string }[]) =>
  (ids ?? []).map((id) => options.find((o) => o.value === id)?.label ?? id).join(', ');

/** One Vietnamese phrase per condition, for the saved-segments list. */
export function describeFilter(filter: SegmentFilter, catalog: SegmentCatalog): string[] {
  const f = cleanFilter(filter);
  const parts: string[] = [];
  if (f.lastVisitFrom || f.lastVisitTo) {
    const from = f.lastVisitFrom ? `từ ${formatDay(f.lastVisitFrom)}` : '';
    const to = f.lastVisitTo ? `đến ${formatDay(f.lastVisitTo)}` : '';
    parts.push(`Khám lần cuối ${[from, to].filter(Boolean).join(' ')}`);
  }
  if (f.packageIds) parts.push(`Đã dùng: ${names(f.packageIds, catalog.packages)}`);
  if (f.departmentIds) parts.push(`Chuyên khoa: ${names(f.departmentIds, catalog.departments)}`);
  if (f.branchIds) parts.push(`Cơ sở: ${names(f.branchIds, catalog.branches)}`);
  if (f.ageMin !== undefined || f.ageMax !== undefined) {
    if (f.ageMin !== undefined && f.ageMax !== undefined) parts.push(`Tuổi ${f.ageMin}–${f.ageMax}`);
    else if (f.ageMin !== undefined) parts.push(`Từ ${f.ageMin} tuổi`);
    else parts.push(`Đến ${f.ageMax} tuổi`);
  }
  if (f.sex) parts.push(f.sex === 'male' ? 'Nam' : 'Nữ');
  if (f.tags) parts.push(`Nhãn: ${f.tags.join(', ')}`);
  if (f.reExamDue) parts.push('Đến hạn tái khám');
  if (f.noShowMin !== undefined) parts.push(`Bỏ hẹn từ ${f.noShowMin} lần`);
  if (f.consentChannel) parts.push(`Đồng ý nhận tin qua ${consentChannelLabels[f.consentChannel]}`);
  return parts;
}
