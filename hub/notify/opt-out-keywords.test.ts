import { describe, expect, it } from 'vitest';
import { isOptOutKeyword } from './opt-out-keywords.ts';

describe('opt-out keywords', () => {
  it.each(['HUY', 'huy', 'Hủy', 'huỷ!', ' HUỶ ', 'Từ chối', 'TU CHOI', 'tuchoi', 'Không nhận', 'STOP', 'Hủy đăng ký'])(
    'takes "%s" as an opt-out',
    (text) => expect(isOptOutKeyword(text)).toBe(true),
  );

  it.each(['Huỷ lịch khám ngày mai giúp tôi', 'Tôi muốn huỷ', 'OK', 'Cảm ơn', ''])('leaves "%s" to an agent', (text) =>
    expect(isOptOutKeyword(text)).toBe(false),
  );

  it('reads decomposed input like composed', () => {
    expect(isOptOutKeyword('Hủy'.normalize('NFD'))).toBe(true);
  });
});
