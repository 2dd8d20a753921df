import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/hub.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ seed: false, env: { PATIENT_SESSION_RATE_PER_MINUTE: '2' } });
});
afterAll(async () => {
  await t?.close();
});

describe('Mini App sign-in rate limit', () => {
  it('refuses a third sign-in from one address within the minute with 429 and Retry-After', async () => {
    const signIn = () =>
      t.app.request('/api/patient/session', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': '203.0.113.7' },
        body: JSON.stringify({ accessToken: 'x' }),
      });
    expect((await signIn()).status).not.toBe(429);
    expect((await signIn()).status).not.toBe(429);
    const refused = await signIn();
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    const body = (await refused.json()) as { error: { code: string; message: string } };
    expect(body.error.message).toMatch(/quá nhiều lần/);
  });
});
