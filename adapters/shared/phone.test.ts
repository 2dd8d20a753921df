import { describe, expect, it } from 'vitest';
import { mobilePrefixes, normalizeVnPhone, parseVnPhone, to0, toVn84 } from './phone.ts';

describe('Vietnamese phone normalisation', () => {
  it.each([
    ['0912345678', '84912345678'],
    ['+84912345678', '84912345678'],
    ['84912345678', '84912345678'],
    ['912345678', '84912345678'],
    ['091 234 5678', '84912345678'],
    ['091.234.5678', '84912345678'],
    ['(+84) 91-234-5678', '84912345678'],
    ['０９１２３４５６７８', '84912345678'],
  ])('%s → %s', (input, expected) => {
    expect(toVn84(input)).toBe(expected);
  });

  it('knows every carrier prefix of the table and nothing else', () => {
    for (const [carrier, prefixes] of Object.entries(mobilePrefixes)) {
      for (const p of prefixes) expect(parseVnPhone(`0${p}1234567`)).toMatchObject({ kind: 'mobile', carrier });
    }
    // pre-2018 11-digit mobiles and unassigned prefixes are refused
    for (const bad of ['01234567890', '0312345678', '0512345678', '0952345678', '0802345678', '0992'])
      expect(toVn84(bad)).toBeNull();
  });

  it('accepts a landline for the hotline but not as a mobile', () => {
    expect(normalizeVnPhone('024 3826 4567')).toBe('842438264567');
    expect(parseVnPhone('+84 28 3822 1234')).toEqual({ e164: '842838221234', kind: 'landline' });
    expect(toVn84('02438264567')).toBeNull();
  });

  it('refuses letters, too short and too long numbers', () => {
    for (const bad of ['', 'abc', '091234567', '09123456789', '0912345678x', '+1 415 555 0100']) {
      expect(normalizeVnPhone(bad)).toBeNull();
    }
  });

  it('turns 84-form back into 0-form', () => {
    expect(to0('84912345678')).toBe('0912345678');
  });
});
