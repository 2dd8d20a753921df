import { TZDate } from '@date-fns/tz';

const clinicTimeZone = 'Asia/Ho_Chi_Minh';

const dateTime = new Intl.DateTimeFormat('vi-VN', {
  timeZone: clinicTimeZone,
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hour12: false,
});

/** A timestamp as clinic staff read it: Vietnamese order, clinic time (UTC+7), whatever the browser's zone. */
export function formatDateTime(iso: string | null): string {
  if (!iso) return '—';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? '—' : dateTime.format(d);
}

const dayKey = new Intl.DateTimeFormat('en-CA', {
  timeZone: clinicTimeZone,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});
const timeOnly = new Intl.DateTimeFormat('vi-VN', {
  timeZone: clinicTimeZone,
  hour: '2-digit',
  minute: '2-digit',
  hour12: false,
});
/** "27/11" (Intl's vi-VN day-month form is "27-11", which staff do not write). */
const dayMonth = {
  format: (d: Date) => {
    const [, month, day] = dayKey.format(d).split('-');
    return `${day}/${month}`;
  },
};

/** Short form for lists: "14:05" today, "03/02 14:05" another day (clinic time). */
export function formatShort(iso: string | null, now = new Date()): string {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '—';
  const time = timeOnly.format(d);
  return dayKey.format(d) === dayKey.format(now) ? time : `${dayMonth.format(d)} ${time}`;
}

/** The value a `datetime-local` input shows for an instant, in clinic time ("2026-03-02T08:30"). */
export function toClinicInput(date: Date): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', {
      timeZone: clinicTimeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hour12: false,
    })
      .formatToParts(date)
      .map((p) => [p.type, p.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour === '24' ? '00' : parts.hour}:${parts.minute}`;
}

/** A `datetime-local` value typed in clinic time, as an ISO instant; null when incomplete. */
export function fromClinicInput(value: string): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(value);
  if (!m) return null;
  const [, y, mo, d, h, mi] = m.map(Number) as [number, number, number, number, number, number];
  return new Date(new TZDate(y, mo - 1, d, h, mi, clinicTimeZone).getTime()).toISOString();
}
