import { tz } from '@date-fns/tz';
import { format } from 'date-fns';
import { vi } from 'date-fns/locale/vi';

/** Every time the patient reads is clinic time, whatever zone the phone is set to. */
export const clinicTimeZone = 'Asia/Ho_Chi_Minh';
const inClinic = tz(clinicTimeZone);

const vnd = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 0 });

/** 450000 → "450.000 ₫" (non-breaking space, so the symbol never wraps alone). */
export function formatVnd(amount: number): string {
  return `${vnd.format(amount)}\u00a0₫`;
}

function at(value: string | Date, pattern: string): string {
  const d = typeof value === 'string' ? new Date(value) : value;
  if (Number.isNaN(d.getTime())) return '—';
  return format(d, pattern, { locale: vi, in: inClinic });
}

/** "08:30" */
export const formatTime = (value: string | Date) => at(value, 'HH:mm');
/** "Thứ Hai, 01/12/2025" */
export const formatLongDate = (value: string | Date) => at(value, 'EEEE, dd/MM/yyyy');
/** "08:30, Thứ Hai 01/12/2025" */
export const formatDateTime = (value: string | Date) => at(value, "HH:mm', 'EEEE dd/MM/yyyy");
/** "01/12/2025 08:30" — compact, for lists and timelines */
export const formatShortDateTime = (value: string | Date) => at(value, 'dd/MM/yyyy HH:mm');

/** A calendar date (yyyy-MM-dd, no time) as the patient reads it: "01/12/2025". */
export function formatCalendarDate(isoDate: string): string {
  const [y, m, d] = isoDate.split('-');
  return y && m && d ? `${d}/${m}/${y}` : isoDate;
}

/** A calendar date (yyyy-MM-dd) as a chip: weekday and day, e.g. { weekday: "Th 2", day: "01/12" }. */
export function dateChip(isoDate: string): { weekday: string; day: string } {
  // Noon in the clinic's zone: a calendar date never slides to the previous day whatever the phone's zone.
  const d = new Date(`${isoDate}T12:00:00+07:00`);
  return { weekday: at(d, 'EEEEEE'), day: at(d, 'dd/MM') };
}

/** Today's calendar date in the clinic (yyyy-MM-dd). */
export function clinicToday(now: Date = new Date()): string {
  return at(now, 'yyyy-MM-dd');
}

/** "84912345678" → "0912 345 678", the way Vietnamese people write their own number. */
export function formatPhone(phone84: string | null | undefined): string {
  if (!phone84) return '—';
  const local = phone84.startsWith('84') ? `0${phone84.slice(2)}` : phone84;
  return local.length === 10 ? `${local.slice(0, 4)} ${local.slice(4, 7)} ${local.slice(7)}` : local;
}

/** mm:ss for a countdown; never negative. */
export function formatCountdown(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000));
  const m = Math.floor(total / 60);
  const s = total % 60;
  return `${String(m).padStart(2, '0')}:${String(s).padStart(2, '0')}`;
}
