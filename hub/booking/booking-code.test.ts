import { describe, expect, it } from 'vitest';
import { BOOKING_CODE_PATTERN, newBookingCode, normaliseBookingCode } from './booking-code.ts';

describe('booking codes', () => {
  it('are short, prefixed and free of look-alike characters', () => {
    const codes = Array.from({ length: 2000 }, newBookingCode);
    for (const c of codes) {
      expect(c).toMatch(BOOKING_CODE_PATTERN);
      expect(c.slice(3)).not.toMatch(/[01OIL]/);
    }
    expect(new Set(codes).size).toBeGreaterThan(1990);
  });

  it('reads back what a person typed or a scanner sent', () => {
    expect(normaliseBookingCode('mc-7k2p9q')).toBe('MC-7K2P9Q');
    expect(normaliseBookingCode(' MC 7K2 P9Q ')).toBe('MC-7K2P9Q');
    expect(normaliseBookingCode('7K2P9Q')).toBe('MC-7K2P9Q');
    expect(normaliseBookingCode('MC-7K2P9O')).toBeNull();
    expect(normaliseBookingCode('MC-7K2P9')).toBeNull();
  });
});
