import { describe, expect, it } from 'vitest';
import { msUntilVnHour, msUntilVnMidnight, msUntilVnMonthStart, vnDay, vnHour } from './vn-time.ts';

const h = 3_600_000;

describe('Vietnamese time for quotas and allowed hours', () => {
  it('counts to the next midnight in Vietnam, not UTC', () => {
    // 2026-09-12 16:30 UTC = 23:30 in Vietnam: half an hour to go
    expect(msUntilVnMidnight(Date.UTC(2026, 8, 12, 16, 30))).toBe(h / 2);
    // 17:00 UTC is exactly midnight there: a full day to the next one
    expect(msUntilVnMidnight(Date.UTC(2026, 8, 12, 17, 0))).toBe(24 * h);
  });

  it('counts to the next 06:00 in Vietnam', () => {
    // 22:00 in Vietnam → 8 hours
    expect(msUntilVnHour(6, Date.UTC(2026, 8, 12, 15, 0))).toBe(8 * h);
    // 05:00 → 1 hour; 06:00 exactly → the next day's
    expect(msUntilVnHour(6, Date.UTC(2026, 8, 11, 22, 0))).toBe(h);
    expect(msUntilVnHour(6, Date.UTC(2026, 8, 11, 23, 0))).toBe(24 * h);
  });

  it('counts to the first of next month in Vietnam', () => {
    // 2026-09-30 16:00 UTC = 23:00 on the 30th in Vietnam: one hour to October
    expect(msUntilVnMonthStart(Date.UTC(2026, 8, 30, 16, 0))).toBe(h);
    // 2026-09-30 17:00 UTC is already October 1st there: a whole month to November
    expect(msUntilVnMonthStart(Date.UTC(2026, 8, 30, 17, 0))).toBe(31 * 24 * h);
  });

  it('names the Vietnamese day and hour', () => {
    expect(vnDay(Date.UTC(2026, 8, 12, 17, 30))).toBe('2026-09-13');
    expect(vnHour(Date.UTC(2026, 8, 12, 17, 30))).toBe(0);
  });
});
