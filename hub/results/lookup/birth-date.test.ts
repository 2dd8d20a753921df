import { describe, expect, it } from 'vitest';
import { parseBirthDate } from './birth-date.ts';

describe('birth dates typed on a phone', () => {
  it('reads day/month/year in the ways people type it', () => {
    for (const typed of ['14/03/1988', '14-3-1988', '14.03.1988', '14031988', ' 1988-03-14 ', '14/3/1988']) {
      expect(parseBirthDate(typed)).toBe('1988-03-14');
    }
  });

  it('refuses what is not a real date', () => {
    for (const typed of ['31/02/1990', '1988/03/14', '14/13/1988', '', 'hôm qua', '3/14/88']) {
      expect(parseBirthDate(typed)).toBeNull();
    }
  });
});
