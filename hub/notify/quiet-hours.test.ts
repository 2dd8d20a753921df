import { describe, expect, it } from 'vitest';
import { quietUntil } from './quiet-hours.ts';

const tz = 'Asia/Ho_Chi_Minh';
const night = { startMinute: 22 * 60, endMinute: 6 * 60 };
const vn = (iso: string) => new Date(`${iso}+07:00`);

describe('quiet hours (22:00–06:00 clinic time)', () => {
  it('defers a send late in the evening to 06:00 the next morning', () => {
    expect(quietUntil(vn('2026-11-26T22:00:00'), tz, night)?.toISOString()).toBe(
      vn('2026-11-27T06:00:00').toISOString(),
    );
    expect(quietUntil(vn('2026-12-31T23:59:00'), tz, night)?.toISOString()).toBe(
      vn('2027-01-01T06:00:00').toISOString(),
    );
  });

  it('defers a send after midnight to 06:00 the same day', () => {
    expect(quietUntil(vn('2026-11-27T05:59:59'), tz, night)?.toISOString()).toBe(
      vn('2026-11-27T06:00:00').toISOString(),
    );
  });

  it('lets daytime sends through, and a window that does not cross midnight works too', () => {
    expect(quietUntil(vn('2026-11-27T06:00:00'), tz, night)).toBeUndefined();
    expect(quietUntil(vn('2026-11-27T21:59:00'), tz, night)).toBeUndefined();
    const lunch = { startMinute: 12 * 60, endMinute: 13 * 60 + 30 };
    expect(quietUntil(vn('2026-11-27T12:10:00'), tz, lunch)?.toISOString()).toBe(
      vn('2026-11-27T13:30:00').toISOString(),
    );
    expect(quietUntil(vn('2026-11-27T22:10:00'), tz, undefined)).toBeUndefined();
  });
});
