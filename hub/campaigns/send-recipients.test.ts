import { describe, expect, it } from 'vitest';
import { nextSendingDay } from './send-recipients.ts';

describe('nextSendingDay', () => {
  it('is 08:00 of the next clinic day, judged in the clinic time zone', () => {
    // 23:30 on 7 December in Hà Nội (16:30 UTC) → 08:00 on the 8th (01:00 UTC)
    expect(nextSendingDay(new Date('2026-12-07T16:30:00Z'), 'Asia/Ho_Chi_Minh').toISOString()).toBe(
      '2026-12-08T01:00:00.000Z',
    );
    // 00:30 on the 8th there, still the 7th in UTC → 08:00 on the 9th
    expect(nextSendingDay(new Date('2026-12-07T17:30:00Z'), 'Asia/Ho_Chi_Minh').toISOString()).toBe(
      '2026-12-09T01:00:00.000Z',
    );
  });
});
