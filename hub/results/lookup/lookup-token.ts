import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Config } from '../../config.ts';

/**
 * A lookup link's token: the link row's id (16 bytes) and the first 12 bytes of an HMAC of it, base64url: 38
 * characters, short enough for an SMS. A forged or mistyped token is refused before any database read.
 */
const idChars = 22;
const sigChars = 16;

export function lookupKey(config: Pick<Config, 'RESULT_LOOKUP_SECRET' | 'PATIENT_TOKEN_SECRET'>): Buffer {
  return config.RESULT_LOOKUP_SECRET
    ? Buffer.from(config.RESULT_LOOKUP_SECRET, 'utf8')
    : createHmac('sha256', config.PATIENT_TOKEN_SECRET).update('medicrm result lookup link').digest();
}

const mac = (key: Buffer, label: string, data: string | Buffer) =>
  createHmac('sha256', key).update(label).update(data).digest();

export function signLookupId(key: Buffer, linkId: string): string {
  const id = Buffer.from(linkId.replace(/-/g, ''), 'hex');
  return id.toString('base64url') + mac(key, 'link:', id).subarray(0, 12).toString('base64url');
}

/** The link id a token carries, or null when it is not one of ours. */
export function verifyLookupToken(key: Buffer, token: string): string | null {
  if (token.length !== idChars + sigChars || !/^[A-Za-z0-9_-]+$/.test(token)) return null;
  const id = Buffer.from(token.slice(0, idChars), 'base64url');
  const sig = Buffer.from(token.slice(idChars), 'base64url');
  if (id.length !== 16 || sig.length !== 12) return null;
  if (!timingSafeEqual(sig, mac(key, 'link:', id).subarray(0, 12))) return null;
  const hex = id.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** The value of the short-lived cookie that a correct birth date earns for one link. */
export function signLookupSession(key: Buffer, linkId: string, expiresAtSeconds: number): string {
  return `${expiresAtSeconds}.${mac(key, 'session:', `${linkId}:${expiresAtSeconds}`).subarray(0, 18).toString('base64url')}`;
}

export function verifyLookupSession(
  key: Buffer,
  linkId: string,
  value: string | undefined,
  nowSeconds: number,
): boolean {
  const [exp, sig] = (value ?? '').split('.');
  const expires = Number(exp);
  if (!Number.isInteger(expires) || expires < nowSeconds || !sig) return false;
  const expected = signLookupSession(key, linkId, expires).split('.')[1]!;
  const a = Buffer.from(sig);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
