import { describe, expect, it } from 'vitest';
import { prepareSmsText, smsEncoding, smsSegments, stripDiacritics } from './content.ts';

describe('smsSegments', () => {
  it('counts unaccented text as GSM-7: 160 in one message, 153 per part beyond', () => {
    expect(smsSegments('')).toMatchObject({ encoding: 'gsm7', units: 0, segments: 0 });
    expect(smsSegments('a'.repeat(160))).toMatchObject({ encoding: 'gsm7', units: 160, segments: 1, remaining: 0 });
    expect(smsSegments('a'.repeat(161))).toMatchObject({ segments: 2, perSegment: 153 });
    expect(smsSegments('a'.repeat(306))).toMatchObject({ segments: 2, remaining: 0 });
    expect(smsSegments('a'.repeat(307))).toMatchObject({ segments: 3 });
  });

  it('counts GSM-7 extension characters as two septets and never splits them', () => {
    expect(smsSegments('{}')).toMatchObject({ encoding: 'gsm7', units: 4 });
    expect(smsSegments('€'.repeat(80))).toMatchObject({ units: 160, segments: 1 });
    // 152 letters + "€" (2 septets) does not fit in 153: the euro moves to the second part
    expect(smsSegments(`${'a'.repeat(152)}€${'a'.repeat(10)}`)).toMatchObject({ segments: 2, remaining: 153 - 12 });
  });

  it('counts Vietnamese with marks as UCS-2: 70 in one message, 67 per part beyond', () => {
    const text = 'Phòng khám nhắc lịch hẹn của bạn lúc 08:30 ngày 12/09. Vui lòng đến sớm!';
    expect(smsEncoding(text)).toBe('ucs2');
    expect(smsSegments('ư'.repeat(70))).toMatchObject({ encoding: 'ucs2', segments: 1, remaining: 0 });
    expect(smsSegments('ư'.repeat(71))).toMatchObject({ segments: 2, perSegment: 67 });
    expect(smsSegments('ư'.repeat(134))).toMatchObject({ segments: 2 });
    expect(smsSegments('ư'.repeat(135))).toMatchObject({ segments: 3 });
  });

  it('normalises to NFC before counting', () => {
    const decomposed = 'Nguyễn'.normalize('NFD');
    expect(decomposed.length).toBeGreaterThan(6);
    expect(smsSegments(decomposed)).toMatchObject({ encoding: 'ucs2', units: 6 });
  });

  it('counts a character outside the BMP as two UCS-2 units and keeps the pair together', () => {
    expect(smsSegments('😀')).toMatchObject({ encoding: 'ucs2', units: 2 });
    expect(smsSegments(`${'a'.repeat(66)}😀${'a'.repeat(5)}`)).toMatchObject({
      units: 73,
      segments: 2,
      remaining: 67 - 7,
    });
  });
});

describe('stripDiacritics', () => {
  it('drops every Vietnamese mark, đ → d, Đ → D', () => {
    expect(stripDiacritics('Đặng Thị Ánh Tuyết, phường Bến Nghé, Quận 1 — ưu đãi')).toBe(
      'Dang Thi Anh Tuyet, phuong Ben Nghe, Quan 1 - uu dai',
    );
    expect(stripDiacritics('ỨỪỬỮỰ ờởỡợ ỳỵỷỹ')).toBe('UUUUU oooo yyyy');
  });

  it('takes decomposed input and gives GSM-7 output', () => {
    const out = stripDiacritics('Nhắc lịch khám “tổng quát”…'.normalize('NFD'));
    expect(out).toBe('Nhac lich kham "tong quat"...');
    expect(smsEncoding(out)).toBe('gsm7');
  });
});

describe('prepareSmsText', () => {
  it('strips when configured and says whether the result still needs Unicode', () => {
    expect(prepareSmsText('Xin chào bạn', { stripDiacritics: true })).toMatchObject({
      text: 'Xin chao ban',
      unicode: false,
    });
    expect(prepareSmsText('Xin chào bạn', { stripDiacritics: false })).toMatchObject({
      text: 'Xin chào bạn',
      unicode: true,
    });
    // "à" alone is in the GSM-7 alphabet (3GPP TS 23.038): no Unicode needed for it
    expect(prepareSmsText('Xin chào', { stripDiacritics: false })).toMatchObject({ unicode: false });
  });
});
