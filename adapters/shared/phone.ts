/**
 * Vietnamese phone numbers in the one form the hub stores: 84xxxxxxxxx (PROVIDERS.md §5.5). Pure: used by the
 * channel adapters (Zalo shares phones as "84…") and by the hub (contacts, web form, hotline).
 */

/** Mobile prefixes after the 2018 renumbering, in 0-form without the 0, by carrier (PROVIDERS.md §5.5). */
export const mobilePrefixes: Readonly<Record<string, readonly string[]>> = {
  Viettel: ['32', '33', '34', '35', '36', '37', '38', '39', '86', '96', '97', '98'],
  MobiFone: ['70', '76', '77', '78', '79', '89', '90', '93'],
  VinaPhone: ['81', '82', '83', '84', '85', '88', '91', '94'],
  Vietnamobile: ['52', '56', '58', '92'],
  Gmobile: ['59', '99'],
  Itel: ['87'],
  Reddi: ['55'],
};

const carrierByPrefix = new Map<string, string>(
  Object.entries(mobilePrefixes).flatMap(([carrier, prefixes]) => prefixes.map((p) => [p, carrier] as const)),
);

export interface VnPhone {
  /** 84xxxxxxxxx (mobile) or 842xxxxxxxxx (landline) */
  e164: string;
  kind: 'mobile' | 'landline';
  /** the mobile carrier from the prefix table; undefined for landlines */
  carrier?: string;
}

const separators = /[\s.\-()]/g;
const mobile = /^(?:\+?84|0)?((?:3[2-9]|5[25689]|7[06-9]|8[1-9]|9[0-46-9])\d{7})$/;
// Fixed lines since 2017: 0 + 2xx area code + subscriber, 11 digits in 0-form (e.g. 024 3826 4567).
const landline = /^(?:\+?84|0)(2\d{9})$/;

/** Parses a Vietnamese mobile or landline number written as 0…, 84…, +84… (spaces, dots, dashes allowed). */
export function parseVnPhone(input: string): VnPhone | null {
  const digits = input.normalize('NFKC').trim().replace(separators, '');
  const m = digits.match(mobile);
  if (m) {
    const national = m[1]!;
    return { e164: `84${national}`, kind: 'mobile', carrier: carrierByPrefix.get(national.slice(0, 2)) };
  }
  const l = digits.match(landline);
  if (l) return { e164: `84${l[1]}`, kind: 'landline' };
  return null;
}

/** A mobile number in 84-form, or null (the PROVIDERS.md `toVn84`). */
export function toVn84(input: string): string | null {
  const p = parseVnPhone(input);
  return p?.kind === 'mobile' ? p.e164 : null;
}

/** A mobile or landline number in 84-form, or null. */
export function normalizeVnPhone(input: string): string | null {
  return parseVnPhone(input)?.e164 ?? null;
}

/** 84-form back to the 0-form people read and dial. */
export function to0(p84: string): string {
  return p84.startsWith('84') ? `0${p84.slice(2)}` : p84;
}
