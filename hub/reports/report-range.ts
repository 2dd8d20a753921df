import { TZDate } from '@date-fns/tz';
import { differenceInCalendarDays, format, parseISO, subDays } from 'date-fns';
import { ValidationError } from '../platform/errors.ts';

/** The period and scope of a report: clinic dates (inclusive) and the instants that bound them. */
export interface ReportRange {
  from: string;
  to: string;
  /** 00:00 of `from`, clinic time */
  start: Date;
  /** 00:00 of the day after `to`, clinic time (exclusive) */
  end: Date;
  branchId: string | null;
  timeZone: string;
}

export const maxRangeDays = 366;
const defaultDays = 30;

function midnight(date: string, timeZone: string): Date {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(new TZDate(y, m - 1, d, 0, 0, 0, timeZone).getTime());
}

/** Resolves the filter: the last 30 clinic days up to today when no dates are given. */
export function reportRange(
  query: { from?: string; to?: string; branchId?: string },
  timeZone: string,
  now = new Date(),
): ReportRange {
  const today = format(new TZDate(now.getTime(), timeZone), 'yyyy-MM-dd');
  const to = query.to ?? today;
  const from = query.from ?? format(subDays(parseISO(to), defaultDays - 1), 'yyyy-MM-dd');
  const days = differenceInCalendarDays(parseISO(to), parseISO(from)) + 1;
  if (days < 1) throw new ValidationError('Ngày bắt đầu phải trước hoặc bằng ngày kết thúc');
  if (days > maxRangeDays) throw new ValidationError(`Khoảng thời gian tối đa ${maxRangeDays} ngày`);
  const [y, m, d] = to.split('-').map(Number) as [number, number, number];
  const end = new Date(new TZDate(y, m - 1, d + 1, 0, 0, 0, timeZone).getTime());
  return { from, to, start: midnight(from, timeZone), end, branchId: query.branchId ?? null, timeZone };
}
