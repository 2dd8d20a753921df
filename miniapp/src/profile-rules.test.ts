import { describe, expect, it } from 'vitest';
import { normalisePhone, type ProfileDraft, validateProfile } from './profile-rules.ts';

const today = '2026-11-26';
const valid: ProfileDraft = {
  relationship: 'child',
  fullName: '  Nguyễn   Minh Khang ',
  birthDate: '2018-09-02',
  sex: 'male',
  phone: '0912 345 678',
  nationalId: '001218012345',
  insuranceNumber: 'dn4010123456789',
};

describe('family profile rules', () => {
  it('accepts a complete profile and hands the hub its canonical forms', () => {
    const r = validateProfile(valid, today);
    expect(r).toEqual({
      ok: true,
      value: {
        relationship: 'child',
        fullName: 'Nguyễn Minh Khang',
        birthDate: '2018-09-02',
        sex: 'male',
        phone: '84912345678',
        nationalId: '001218012345',
        insuranceNumber: 'DN4010123456789',
      },
    });
  });

  it('sends the optional numbers as null when left empty', () => {
    const r = validateProfile({ ...valid, phone: ' ', nationalId: '', insuranceNumber: '' }, today);
    expect(r.ok && r.value).toMatchObject({ phone: null, nationalId: null, insuranceNumber: null });
  });

  it('names every wrong field in Vietnamese', () => {
    const r = validateProfile(
      {
        relationship: 'self',
        fullName: '',
        birthDate: '2027-01-01',
        sex: '',
        phone: '0123',
        nationalId: '12345',
        insuranceNumber: 'AB12',
      },
      today,
    );
    expect(r).toEqual({
      ok: false,
      errors: {
        fullName: 'Vui lòng nhập họ và tên',
        birthDate: 'Ngày sinh không được sau hôm nay',
        sex: 'Vui lòng chọn giới tính',
        phone: 'Số điện thoại di động không hợp lệ (ví dụ 0912 345 678)',
        nationalId: 'Số CCCD gồm đúng 12 chữ số',
        insuranceNumber: 'Số thẻ BHYT gồm 15 ký tự (2 chữ cái, 13 chữ số) hoặc mã BHXH 10 chữ số',
      },
    });
  });

  it('refuses names with digits and a missing birth date', () => {
    const r = validateProfile({ ...valid, fullName: 'Khang 2', birthDate: '' }, today);
    expect(r.ok ? {} : r.errors).toEqual({
      fullName: 'Họ và tên chỉ gồm chữ cái và khoảng trắng',
      birthDate: 'Vui lòng chọn ngày sinh',
    });
  });

  it('reads Vietnamese mobile numbers however they are written, and nothing else', () => {
    expect(normalisePhone('+84 912.345.678')).toBe('84912345678');
    expect(normalisePhone('84377123456')).toBe('84377123456');
    expect(normalisePhone('0377-123-456')).toBe('84377123456');
    expect(normalisePhone('02438264567')).toBeNull(); // a landline cannot receive Zalo or SMS notices
    expect(normalisePhone('0112345678')).toBeNull();
  });

  it('accepts a 10-digit BHXH code in place of the card number', () => {
    const r = validateProfile({ ...valid, insuranceNumber: '0123456789' }, today);
    expect(r.ok && r.value.insuranceNumber).toBe('0123456789');
  });
});
