import { describe, expect, it } from 'vitest';
import { addBusinessMinutes, defaultBusinessHours, validateBusinessHours } from './business-hours.ts';

const tz = 'Asia/Ho_Chi_Minh';
const vn = (s: string) => new Date(`${s}+07:00`);
const none = new Set<string>();

describe('SLA clock over business hours', () => {
  it('counts minutes inside opening hours on the same day', () => {
    // Monday 2026-09-14 09:00 + 30 min
    expect(addBusinessMinutes(vn('2026-09-14T09:00:00'), 30, defaultBusinessHours, none, tz)).toEqual(
      vn('2026-09-14T09:30:00'),
    );
  });

  it('a message after closing starts the clock at the next opening', () => {
    expect(addBusinessMinutes(vn('2026-09-14T20:15:00'), 30, defaultBusinessHours, none, tz)).toEqual(
      vn('2026-09-15T08:00:00'),
    );
  });

  it('carries over closing time and skips Sunday', () => {
    // Saturday 16:50 + 30 min: 10 min on Saturday, Sunday closed, 20 min on Monday
    expect(addBusinessMinutes(vn('2026-09-19T16:50:00'), 30, defaultBusinessHours, none, tz)).toEqual(
      vn('2026-09-21T07:50:00'),
    );
  });

  it('skips clinic-wide days off (public holidays)', () => {
    const closed = new Set(['2026-09-02']); // Quốc khánh, a Wednesday
    expect(addBusinessMinutes(vn('2026-09-01T16:45:00'), 60, defaultBusinessHours, closed, tz)).toEqual(
      vn('2026-09-03T08:15:00'),
    );
  });

  it('handles split shifts (lunch break)', () => {
    const hours = {
      weekly: {
        '1': [
          ['07:30', '11:30'],
          ['13:30', '17:00'],
        ] as [string, string][],
      },
      skipDaysOff: false,
    };
    expect(addBusinessMinutes(vn('2026-09-14T11:00:00'), 60, hours, none, tz)).toEqual(vn('2026-09-14T14:00:00'));
  });

  it('has no due time when the team never opens', () => {
    expect(addBusinessMinutes(vn('2026-09-14T09:00:00'), 30, { weekly: {}, skipDaysOff: true }, none, tz)).toBeNull();
  });

  it('refuses malformed opening hours with a Vietnamese reason', () => {
    expect(validateBusinessHours({ weekly: { '1': [['17:00', '08:00']] }, skipDaysOff: true })).toMatch(/trước/);
    expect(validateBusinessHours({ weekly: { '1': [['8h', '17:00']] }, skipDaysOff: true })).toMatch(/HH:mm/);
    expect(
      validateBusinessHours({
        weekly: {
          '2': [
            ['08:00', '12:00'],
            ['11:00', '13:00'],
          ],
        },
        skipDaysOff: true,
      }),
    ).toMatch(/chồng/);
    expect(validateBusinessHours(defaultBusinessHours)).toBeNull();
  });
});
