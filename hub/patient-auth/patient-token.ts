import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The hub token a Mini App patient carries after signing in: `mp1.<payload>.<signature>`, both base64url, the
 * signature an HMAC-SHA256 of `mp1.<payload>` under PATIENT_TOKEN_SECRET (shared by every API replica). Short-lived;
 * the Mini App gets a new one by signing in again with a fresh Zalo access token.
 */
export interface PatientTokenClaims {
  /** contact id */
  sub: string;
  /** Zalo app-scoped user id */
  zid: string;
  /** issued at / expires at, seconds since the epoch */
  iat: number;
  exp: number;
}

const version = 'mp1';

function sign(secret: string, data: string): string {
  return createHmac('sha256', secret).update(data).digest('base64url');
}

export function issuePatientToken(
  secret: string,
  subject: { contactId: string; zaloUserId: string },
  ttlMinutes: number,
  now = Date.now(),
): { token: string; expiresAt: string } {
  const iat = Math.floor(now / 1000);
  const claims: PatientTokenClaims = {
    sub: subject.contactId,
    zid: subject.zaloUserId,
    iat,
    exp: iat + ttlMinutes * 60,
  };
  const payload = Buffer.from(JSON.stringify(claims)).toString('base64url');
  const data = `${version}.${payload}`;
  return { token: `${data}.${sign(secret, data)}`, expiresAt: new Date(claims.exp * 1000).toISOString() };
}

/** The claims of a genuine, unexpired token; null for anything else (forged, altered, expired, malformed). */
export function verifyPatientToken(secret: string, token: string, now = Date.now()): PatientTokenClaims | null {
  const parts = token.split('.');
  if (parts.length !== 3 || parts[0] !== version) return null;
  const expected = Buffer.from(sign(secret, `${parts[0]}.${parts[1]}`));
  const given = Buffer.from(parts[2]!);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  let claims: Partial<PatientTokenClaims>;
  try {
    claims = JSON.parse(Buffer.from(parts[1]!, 'base64url').toString('utf8'));
  } catch {
    return null;
  }
  if (typeof claims.sub !== 'string' || typeof claims.zid !== 'string' || typeof claims.exp !== 'number') return null;
  if (claims.exp * 1000 <= now) return null;
  return claims as PatientTokenClaims;
}
