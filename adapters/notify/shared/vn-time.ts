import { TZDate } from '@date-fns/tz';
import { addDays, addMonths, startOfDay, startOfMonth } from 'date-fns';

/** Providers' daily quotas and allowed hours run on Vietnamese time (PROVIDERS.md §1.4, §2.6, §3.3). */
const zone = 'Asia/Ho_Chi_Minh';

/** Milliseconds until the next midnight in Vietnam, when daily quotas reset. */
export function msUntilVnMidnight(now = Date.now()): number {
  return startOfDay(addDays(new TZDate(now, zone), 1)).getTime() - now;
}

/** Milliseconds until the 1st of next month, 00:00 in Vietnam, when monthly quotas reset. */
export function msUntilVnMonthStart(now = Date.now()): number {
  return startOfMonth(addMonths(new TZDate(now, zone), 1)).getTime() - now;
}

/** Milliseconds until the next hh:00 in Vietnam (e.g. 6 for the end of the night ban). */
export function msUntilVnHour(hour: number, now = Date.now()): number {
  const today = startOfDay(new TZDate(now, zone));
  today.setHours(hour);
  const target = today.getTime() > now ? today : addDays(today, 1);
  return target.getTime() - now;
}

/** The hour of the day in Vietnam, 0–23. */
export function vnHour(now = Date.now()): number {
  return new TZDate(now, zone).getHours();
}

/** The Vietnamese calendar day, e.g. 2026-09-12: what per-day counters are keyed by. */
export function vnDay(now = Date.now()): string {
  const d = new TZDate(now, zone);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}
