import { TZDate } from '@date-fns/tz';

export interface QuietHours {
  /** minutes after midnight, clinic time */
  startMinute: number;
  endMinute: number;
}

/**
 * When a message that must respect quiet hours may go: undefined if `at` is outside the window, otherwise the end of
 * the window (06:00 clinic time by default). Windows crossing midnight (22:00–06:00) and not (13:00–14:00) both work.
 */
export function quietUntil(at: Date, timeZone: string, quiet: QuietHours | undefined): Date | undefined {
  if (!quiet) return undefined;
  const local = new TZDate(at.getTime(), timeZone);
  const minute = local.getHours() * 60 + local.getMinutes();
  const { startMinute: start, endMinute: end } = quiet;
  const inside = start < end ? minute >= start && minute < end : minute >= start || minute < end;
  if (!inside) return undefined;
  const until = new TZDate(local.getFullYear(), local.getMonth(), local.getDate(), 0, 0, 0, timeZone);
  // crossing midnight and already past the start: the window ends tomorrow morning
  if (start > end && minute >= start) until.setDate(until.getDate() + 1);
  until.setHours(Math.floor(end / 60), end % 60, 0, 0);
  return new Date(until.getTime());
}
