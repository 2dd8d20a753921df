import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { lookupKey, signLookupId, signLookupSession, verifyLookupSession, verifyLookupToken } from './lookup-token.ts';

const key = lookupKey({ RESULT_LOOKUP_SECRET: undefined, PATIENT_TOKEN_SECRET: 'x'.repeat(40) });

describe('lookup link tokens', () => {
  it('round-trips a link id in 38 URL-safe characters', () => {
    const id = randomUUID();
    const token = signLookupId(key, id);
    expect(token).toMatch(/^[A-Za-z0-9_-]{38}$/);
    expect(verifyLookupToken(key, token)).toBe(id);
  });

  it('refuses a token signed with another key, altered, or cut short', () => {
    const id = randomUUID();
    const token = signLookupId(key, id);
    const other = lookupKey({ RESULT_LOOKUP_SECRET: 'y'.repeat(40), PATIENT_TOKEN_SECRET: 'x'.repeat(40) });
    expect(verifyLookupToken(other, token)).toBeNull();
    const flipped = `${token.slice(0, 5)}${token[5] === 'A' ? 'B' : 'A'}${token.slice(6)}`;
    expect(verifyLookupToken(key, flipped)).toBeNull();
    expect(verifyLookupToken(key, token.slice(0, 30))).toBeNull();
  });

  it('accepts a session cookie only for its link and until it expires', () => {
    const id = randomUUID();
    const value = signLookupSession(key, id, 2_000);
    expect(verifyLookupSession(key, id, value, 1_000)).toBe(true);
    expect(verifyLookupSession(key, id, value, 2_001)).toBe(false);
    expect(verifyLookupSession(key, randomUUID(), value, 1_000)).toBe(false);
    expect(verifyLookupSession(key, id, undefined, 1_000)).toBe(false);
  });
});
