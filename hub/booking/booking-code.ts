import { randomInt } from 'node:crypto';

/** No 0/O, 1/I/L: a code read aloud over the phone or typed at the counter cannot be misread. */
export const BOOKING_CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
export const BOOKING_CODE_PATTERN = /^MC-[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{6}$/;

/** e.g. MC-7K2P9Q: 31^6 ≈ 887 million codes; uniqueness is enforced by the database. */
export function newBookingCode(): string {
  let s = 'MC-';
  for (let i = 0; i < 6; i++) s += BOOKING_CODE_ALPHABET[randomInt(BOOKING_CODE_ALPHABET.length)];
  return s;
}

/** Accepts what a person or a scanner typed (lower case, spaces, missing dash) and gives the canonical code. */
export function normaliseBookingCode(input: string): string | null {
  const compact = input.toUpperCase().replace(/[\s-]/g, '');
  const code = compact.startsWith('MC') ? `MC-${compact.slice(2)}` : `MC-${compact}`;
  return BOOKING_CODE_PATTERN.test(code) ? code : null;
}
