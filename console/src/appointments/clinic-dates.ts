// Clinic calendar days ("yyyy-MM-dd" in Asia/Ho_Chi_Minh), whatever the zone of the agent's browser.

const clinicTimeZone = 'Asia/Ho_Chi_Minh';

const dayKey = new Intl.DateTimeFormat('en-CA', {
  timeZone: clinicTimeZone,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});
const hourMinute = new Intl.DateTimeFormat('vi-VN', {
  timeZone: clinicTimeZone,
  hour: '2-digit',
  minute: '2-digit',
  hour12: false,
});

const weekdays = ['Chủ nhật', 'Thứ Hai', 'Thứ Ba', 'Thứ Tư', 'Thứ Năm', 'Thứ Sáu', 'Thứ Bảy'];
const shortWeekdays = ['CN', 'T2', 'T3', 'T4', 'T5', 'T6', 'T7'];

/** The clinic's calendar day of an instant. */
export const clinicDay = (at: Date | string) => dayKey.format(typeof at === 'string' ? new Date(at) : at);

export const clinicToday = (now = new Date()) => clinicDay(now);

/** A calendar day n days later (n may be negative). */
export function addDays(day: string, n: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + n)).toISOString().slice(0, 10);
}

const weekdayOf = (day: string) => {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d)).getUTCDay();
};

/** "26/11/2026". */
export const formatDay = (day: string) => day.split('-').reverse().join('/');

/** "Thứ Năm 26/11/2026". */
export const formatLongDay = (day: string) => `${weekdays[weekdayOf(day)]} ${formatDay(day)}`;

/** The date strip's two lines: "T5" and "26/11". */
export const stripLabel = (day: string) => ({
  weekday: shortWeekdays[weekdayOf(day)]!,
  date: formatDay(day).slice(0, 5),
});

/** "08:30" clinic time. */
export const formatTime = (at: string) => hourMinute.format(new Date(at));

/** "08:30, Thứ Năm 26/11/2026": how a visit is said on the phone. */
export const formatVisit = (at: string) => `${formatTime(at)}, ${formatLongDay(clinicDay(at))}`;
