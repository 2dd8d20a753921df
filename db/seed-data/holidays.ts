import { TZDate } from '@date-fns/tz';
import { addDays, format } from 'date-fns';

export const CLINIC_TZ = 'Asia/Ho_Chi_Minh';

/**
 * Lunar new year's day and Giỗ Tổ Hùng Vương (10/3 âm lịch) in Vietnam's calendar (UTC+7, which is why Tết 2030
 * falls a day before the Chinese new year). Computed with Hồ Ngọc Đức's lunar algorithm and kept as data: the
 * government fixes the actual Tết break every year, so extend this table rather than compute at run time.
 */
const LUNAR: Record<number, { tet: string; gioTo: string }> = {
  2025: { tet: '2025-01-29', gioTo: '2025-04-07' },
  2026: { tet: '2026-02-17', gioTo: '2026-04-26' },
  2027: { tet: '2027-02-06', gioTo: '2027-04-16' },
  2028: { tet: '2028-01-26', gioTo: '2028-04-04' },
  2029: { tet: '2029-02-13', gioTo: '2029-04-23' },
  2030: { tet: '2030-02-02', gioTo: '2030-04-12' },
  2031: { tet: '2031-01-23', gioTo: '2031-04-01' },
  2032: { tet: '2032-02-11', gioTo: '2032-04-19' },
};

export interface Holiday {
  /** yyyy-MM-dd in Asia/Ho_Chi_Minh */
  date: string;
  name: string;
}

function shift(isoDate: string, days: number): string {
  const [y, m, d] = isoDate.split('-').map(Number) as [number, number, number];
  return format(addDays(new TZDate(y, m - 1, d, CLINIC_TZ), days), 'yyyy-MM-dd');
}

/**
 * The days the demo clinic closes for public holidays (Labour Code art. 112). The clinic closes Tết from the last
 * day of the lunar year to mùng 4; for Quốc khánh the law gives 2/9 plus an adjacent day, taken here as 1/9.
 */
export function vietnamPublicHolidays(year: number): Holiday[] {
  const days: Holiday[] = [
    { date: `${year}-01-01`, name: 'Tết Dương lịch' },
    { date: `${year}-04-30`, name: 'Ngày Giải phóng miền Nam, thống nhất đất nước' },
    { date: `${year}-05-01`, name: 'Ngày Quốc tế Lao động' },
    { date: `${year}-09-01`, name: 'Nghỉ lễ Quốc khánh' },
    { date: `${year}-09-02`, name: 'Quốc khánh' },
  ];
  const lunar = LUNAR[year];
  if (lunar) {
    for (let i = -1; i <= 3; i++) days.push({ date: shift(lunar.tet, i), name: 'Nghỉ Tết Nguyên Đán' });
    days.push({ date: lunar.gioTo, name: 'Giỗ Tổ Hùng Vương' });
  }
  return days.sort((a, b) => a.date.localeCompare(b.date));
}

/** Holidays with from <= date < to (yyyy-MM-dd strings compare in date order). */
export function holidaysBetween(from: string, to: string): Holiday[] {
  const first = Number(from.slice(0, 4));
  const last = Number(to.slice(0, 4));
  const out: Holiday[] = [];
  for (let y = first; y <= last; y++) {
    out.push(...vietnamPublicHolidays(y).filter((h) => h.date >= from && h.date < to));
  }
  return out;
}
