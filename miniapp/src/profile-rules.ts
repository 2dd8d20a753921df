/**
 * Checks on the family-profile form, so a patient sees what is wrong before sending. The hub validates again and
 * its answer wins; these rules only mirror it for a quicker, field-by-field message.
 */

export type SexChoice = 'male' | 'female' | 'other';
export type Relationship = 'self' | 'child' | 'parent' | 'spouse' | 'sibling' | 'grandparent' | 'other';

export const relationshipLabels: Record<Relationship, string> = {
  self: 'Bản thân',
  child: 'Con',
  parent: 'Bố / Mẹ',
  spouse: 'Vợ / Chồng',
  sibling: 'Anh / Chị / Em',
  grandparent: 'Ông / Bà',
  other: 'Người thân khác',
};

export const sexLabels: Record<SexChoice | 'unknown', string> = {
  male: 'Nam',
  female: 'Nữ',
  other: 'Khác',
  unknown: 'Chưa rõ',
};

export interface ProfileDraft {
  relationship: Relationship;
  fullName: string;
  /** yyyy-MM-dd from the date input */
  birthDate: string;
  sex: SexChoice | '';
  /** as typed: 0912 345 678, +84 912…, 84912… */
  phone: string;
  nationalId: string;
  insuranceNumber: string;
}

export interface CleanProfile {
  relationship: Relationship;
  fullName: string;
  birthDate: string;
  sex: SexChoice;
  /** 84xxxxxxxxx or null */
  phone: string | null;
  nationalId: string | null;
  insuranceNumber: string | null;
}

export type ProfileErrors = Partial<Record<keyof ProfileDraft, string>>;

/** Vietnamese mobile numbers (carrier prefixes since 2018) written 0…, 84… or +84…; stored as 84 + 9 digits. */
export function normalisePhone(input: string): string | null {
  const digits = input
    .normalize('NFKC')
    .trim()
    .replace(/[\s.()-]/g, '');
  const m = /^(?:\+?84|0)?((?:3[2-9]|5[25689]|7[06-9]|8[1-9]|9[0-46-9])\d{7})$/.exec(digits);
  return m ? `84${m[1]}` : null;
}

const namePattern = /^[\p{L}][\p{L}\p{M} .'-]*$/u;

export function validateProfile(
  draft: ProfileDraft,
  today: string,
): { ok: true; value: CleanProfile } | { ok: false; errors: ProfileErrors } {
  const errors: ProfileErrors = {};
  const fullName = draft.fullName.normalize('NFC').trim().replace(/\s+/g, ' ');
  if (!fullName) errors.fullName = 'Vui lòng nhập họ và tên';
  else if (fullName.length < 2 || fullName.length > 120) errors.fullName = 'Họ và tên dài từ 2 đến 120 ký tự';
  else if (!namePattern.test(fullName)) errors.fullName = 'Họ và tên chỉ gồm chữ cái và khoảng trắng';

  if (!draft.birthDate) errors.birthDate = 'Vui lòng chọn ngày sinh';
  else if (!/^\d{4}-\d{2}-\d{2}$/.test(draft.birthDate) || draft.birthDate < '1900-01-01') {
    errors.birthDate = 'Ngày sinh không hợp lệ';
  } else if (draft.birthDate > today) errors.birthDate = 'Ngày sinh không được sau hôm nay';

  if (!draft.sex) errors.sex = 'Vui lòng chọn giới tính';

  const phoneText = draft.phone.trim();
  const phone = phoneText ? normalisePhone(phoneText) : null;
  if (phoneText && !phone) errors.phone = 'Số điện thoại di động không hợp lệ (ví dụ 0912 345 678)';

  const nationalId = draft.nationalId.replace(/\s/g, '');
  if (nationalId && !/^[0-9]{12}$/.test(nationalId)) errors.nationalId = 'Số CCCD gồm đúng 12 chữ số';

  const insuranceNumber = draft.insuranceNumber.replace(/\s/g, '').toUpperCase();
  if (insuranceNumber && !/^(?:[A-Z]{2}[0-9]{13}|[0-9]{10})$/.test(insuranceNumber)) {
    errors.insuranceNumber = 'Số thẻ BHYT gồm 15 ký tự (2 chữ cái, 13 chữ số) hoặc mã BHXH 10 chữ số';
  }

  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return {
    ok: true,
    value: {
      relationship: draft.relationship,
      fullName,
      birthDate: draft.birthDate,
      sex: draft.sex as SexChoice,
      phone,
      nationalId: nationalId || null,
      insuranceNumber: insuranceNumber || null,
    },
  };
}
