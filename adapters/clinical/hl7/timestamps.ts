import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns';

/** HL7 TS/DTM in the clinic's zone with its offset, e.g. 20250120080000+0700 (INTEGRATION.md §1.1). */
export function hl7Timestamp(at: Date, timeZone = 'Asia/Ho_Chi_Minh'): string {
  return format(new TZDate(at, timeZone), 'yyyyMMddHHmmssxx');
}

/** HL7 DT (a date only), e.g. 19800101, from an ISO date string 1980-01-01. */
export function hl7Date(isoDate: string): string {
  return isoDate.replaceAll('-', '');
}

const tsPattern = /^(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?(?:\.\d{1,4})?([+-]\d{4})?$/;

/**
 * Parses TS/DTM with reduced precision allowed (1980, 198001…). A value without an offset is read in the sender's
 * default offset (Vietnam +0700): HL7 says such times are the sender's local time.
 */
export function parseHl7Timestamp(value: string, defaultOffset = '+0700'): Date | undefined {
  const m = tsPattern.exec(value.trim());
  if (!m) return undefined;
  const [, y, mo = '01', d = '01', h = '00', mi = '00', s = '00', off = defaultOffset] = m;
  const iso = `${y}-${mo}-${d}T${h}:${mi}:${s}${off.slice(0, 3)}:${off.slice(3)}`;
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? undefined : date;
}
