import { TZDate } from '@date-fns/tz';
import { addDays, format, getISODay } from 'date-fns';
import type { BusinessHours } from '../../db/schema/index.ts';

/** The call centre's default week when a team has no policy: Monday–Saturday 07:30–17:00, clinic time. */
export const defaultBusinessHours: BusinessHours = {
  weekly: {
    '1': [['07:30', '17:00']],
    '2': [['07:30', '17:00']],
    '3': [['07:30', '17:00']],
    '4': [['07:30', '17:00']],
    '5': [['07:30', '17:00']],
    '6': [['07:30', '17:00']],
  },
  skipDaysOff: true,
};

const hhmm = /^([01]\d|2[0-3]):[0-5]\d$|^24:00$/;

/** Checks a week of opening hours: HH:mm pairs, opening before closing, no overlaps within a day. */
export function validateBusinessHours(h: BusinessHours): string | null {
  for (const [day, intervals] of Object.entries(h.weekly)) {
    if (!/^[1-7]$/.test(day)) return `Ngày trong tuần không hợp lệ: ${day}`;
    const sorted = [...(intervals ?? [])].sort((a, b) => a[0].localeCompare(b[0]));
    let lastEnd = '';
    for (const [open, close] of sorted) {
      if (!hhmm.test(open) || !hhmm.test(close)) return 'Giờ làm việc phải có dạng HH:mm';
      if (open >= close) return 'Giờ mở cửa phải trước giờ đóng cửa';
      if (lastEnd && open < lastEnd) return 'Các khung giờ trong một ngày không được chồng nhau';
      lastEnd = close;
    }
  }
  return null;
}

function at(day: Date, time: string, tz: string): Date {
  const [h, m] = time.split(':').map(Number) as [number, number];
  return new TZDate(day.getFullYear(), day.getMonth(), day.getDate(), h, m, 0, tz);
}

/**
 * The instant `minutes` of opening time after `start`, counting only the week's opening hours in the clinic's time
 * zone and skipping closed dates (yyyy-MM-dd). Null when the schedule has no opening time within a year.
 */
export function addBusinessMinutes(
  start: Date,
  minutes: number,
  hours: BusinessHours,
  closedDates: ReadonlySet<string>,
  tz: string,
): Date | null {
  let remaining = minutes * 60_000;
  let day = new TZDate(start.getTime(), tz);
  day = new TZDate(day.getFullYear(), day.getMonth(), day.getDate(), 0, 0, 0, tz);
  for (let i = 0; i < 370; i++, day = addDays(day, 1)) {
    const weekday = String(getISODay(day)) as keyof BusinessHours['weekly'];
    const intervals = hours.weekly[weekday] ?? [];
    if (intervals.length === 0) continue;
    if (hours.skipDaysOff && closedDates.has(format(day, 'yyyy-MM-dd'))) continue;
    for (const [open, close] of [...intervals].sort((a, b) => a[0].localeCompare(b[0]))) {
      const from = Math.max(at(day, open, tz).getTime(), start.getTime());
      const to = at(day, close, tz).getTime();
      if (from >= to) continue;
      if (remaining <= to - from) return new Date(from + remaining);
      remaining -= to - from;
    }
  }
  return null;
}
