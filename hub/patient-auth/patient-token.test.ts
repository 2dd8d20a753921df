import { describe, expect, it } from 'vitest';
import { issuePatientToken, verifyPatientToken } from './patient-token.ts';

const secret = 'a-test-secret-of-at-least-thirty-two-chars';
const subject = { contactId: '7d3f3a36-58e5-4c1a-9d55-3c1b7a0f0f01', zaloUserId: '5720130563232385765' };

describe('patient hub tokens', () => {
  it('carry the contact and Zalo id until they expire', () => {
    const now = Date.UTC(2026, 0, 1);
    const { token, expiresAt } = issuePatientToken(secret, subject, 60, now);
    expect(verifyPatientToken(secret, token, now + 59 * 60_000)).toMatchObject({
      sub: subject.contactId,
      zid: subject.zaloUserId,
    });
    expect(expiresAt).toBe(new Date(now + 60 * 60_000).toISOString());
    expect(verifyPatientToken(secret, token, now + 60 * 60_000)).toBeNull();
  });

  it('refuse a token signed with another secret, or with its payload changed', () => {
    const { token } = issuePatientToken(secret, subject, 60);
    expect(verifyPatientToken('another-secret-of-at-least-thirty-two-chars', token)).toBeNull();
    const [v, payload, sig] = token.split('.');
    const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString());
    const forged = Buffer.from(JSON.stringify({ ...claims, sub: '00000000-0000-0000-0000-000000000000' })).toString(
      'base64url',
    );
    expect(verifyPatientToken(secret, `${v}.${forged}.${sig}`)).toBeNull();
    expect(verifyPatientToken(secret, 'mp1.e30.')).toBeNull();
    expect(verifyPatientToken(secret, 'not a token')).toBeNull();
  });
});
