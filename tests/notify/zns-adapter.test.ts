import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { PermanentError, RateLimitError, TransientError } from '../../adapters/channels/errors.ts';
import { createZnsAdapter, type ZnsAdapterOptions } from '../../adapters/notify/zns/index.ts';
import { refreshOaToken, type TokenProvider } from '../../adapters/zalo-oauth/index.ts';
import { type RunningSandbox, startSandbox } from '../../sandbox/server.ts';
import { freePort } from '../support/channels.ts';

/** ZNS by phone against its twin (PROVIDERS.md §2, §2.7): what the conformance suite does not cover. */

let sandbox: RunningSandbox;
/** a token of this test's own: another test may expire every token issued before it */
let token = '';
const sb = async <T = unknown>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> => {
  const res = await fetch(`${sandbox.url}${path}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return (await res.json()) as T;
};
const zns = (o: Partial<ZnsAdapterOptions> = {}) =>
  createZnsAdapter({
    apiUrl: `${sandbox.url}/zns`,
    accessToken: token,
    oaId: '2000000000000000001',
    webhook: { appId: '1', oaId: '2', oaSecretKey: 'unused-here', variants: ['app_id+oa_secret'], maxAgeSeconds: 60 },
    ...o,
  });
const survey = (data: Record<string, string> = {}, to = '84935667788') => ({
  trackingId: randomUUID(),
  to,
  zns: {
    templateId: '413007',
    templateData: { customer_name: 'Hoàng Thị Minh Thư', visit_date: '12/09/2026', ...data },
  },
});
const refusal = (p: Promise<unknown>) => p.then(() => undefined).catch((e: unknown) => e as Error);

beforeAll(async () => {
  sandbox = await startSandbox({ hubUrl: 'http://127.0.0.1:9', smtpPort: await freePort(), webhookRetryDelaysMs: [] });
});
afterAll(async () => sandbox?.stop());
beforeEach(async () => {
  token = (await sb<{ access_token: string }>('POST', '/zalo-oauth/_sandbox/consent')).access_token;
  await sb('POST', '/zns/_sandbox/faults', { reset: true });
  await sb('POST', '/zns/_sandbox/settings', { dailyQuota: 500 });
});

describe('ZNS adapter', () => {
  it('renews an expired OA token once (-124) and retries once; a fixed token is not retried', async () => {
    const consent = await sb<{ access_token: string; refresh_token: string }>('POST', '/zalo-oauth/_sandbox/consent');
    let pair = { accessToken: consent.access_token, refreshToken: consent.refresh_token };
    let renewals = 0;
    const tokens: TokenProvider = {
      current: async () => pair.accessToken,
      async renew() {
        renewals++;
        const next = await refreshOaToken(
          {
            oauthUrl: `${sandbox.url}/zalo-oauth`,
            appId: '1000000000000000001',
            appSecret: 'medicrm-sandbox-zalo-app-secret',
          },
          pair.refreshToken,
        );
        pair = next;
        return next.accessToken;
      },
    };
    await sb('POST', '/zalo-oauth/_sandbox/expire-access-tokens');
    expect((await zns({ accessToken: tokens }).send(survey())).providerMessageId).toBeTruthy();
    expect(renewals).toBe(1);
    const fixed = await refusal(zns({ accessToken: consent.access_token }).send(survey()));
    expect(fixed).toBeInstanceOf(PermanentError);
    expect((fixed as PermanentError).providerCode).toBe('-124');
  });

  it('reads the daily quota, and each send reports what is left', async () => {
    const adapter = zns();
    expect(await adapter.quota!()).toEqual({ dailyQuota: 500, remainingQuota: 500 });
    const sent = await adapter.send(survey());
    expect(sent.remainingQuota).toBe(499);
    expect(await adapter.quota!()).toEqual({ dailyQuota: 500, remainingQuota: 499 });
  });

  it('a used-up quota waits until midnight in Vietnam under the code "quota"', async () => {
    await sb('POST', '/zns/_sandbox/settings', { remainingQuota: 0 });
    const err = await refusal(zns().send(survey()));
    expect(err).toBeInstanceOf(RateLimitError);
    expect(err).toMatchObject({ providerCode: 'quota' });
    const vnNow = new Date(Date.now() + 7 * 3_600_000);
    const vnMidnight = Date.UTC(vnNow.getUTCFullYear(), vnNow.getUTCMonth(), vnNow.getUTCDate() + 1) - 7 * 3_600_000;
    expect(Math.abs(Date.now() + (err as RateLimitError).retryAfterMs - vnMidnight)).toBeLessThan(60_000);
  });

  it('development mode reaches only admins (-127)', async () => {
    const dev = zns({ developmentMode: true });
    expect((await dev.send(survey({}, '0912345678'))).providerMessageId).toBeTruthy();
    expect(await refusal(dev.send(survey({}, '84935667788')))).toMatchObject({ providerCode: '-127' });
  });

  it('refuses template mistakes for good: unknown template, missing and too long parameters, not approved', async () => {
    const adapter = zns();
    const unknown = { ...survey(), zns: { templateId: '999999', templateData: { customer_name: 'A' } } };
    const pending = { ...survey(), zns: { templateId: '413098', templateData: { customer_name: 'A' } } };
    const errs = await Promise.all([
      refusal(adapter.send(unknown)),
      refusal(adapter.send({ ...survey(), zns: { templateId: '413007', templateData: { customer_name: 'A' } } })),
      refusal(adapter.send(survey({ customer_name: 'Nguyễn Thị Thu Hương Hoàng Minh Thư Lê' }))),
      refusal(adapter.send(pending)),
    ]);
    expect(errs.map((e) => (e as PermanentError).providerCode)).toEqual(['-109', '-1122', '-1121', '-131']);
    expect(errs.every((e) => e instanceof PermanentError)).toBe(true);
  });

  it('answers a forced code for the next N sends, then sends again', async () => {
    await sb('POST', '/zns/_sandbox/faults', { failNext: 2, failCode: '-118' });
    const adapter = zns();
    expect(await refusal(adapter.send(survey()))).toMatchObject({ providerCode: '-118' });
    expect(await refusal(adapter.send(survey()))).toMatchObject({ providerCode: '-118' });
    expect((await adapter.send(survey())).providerMessageId).toBeTruthy();
  });

  it('answers 5xx for a while: every send is TransientError until it recovers', async () => {
    await sb('POST', '/zns/_sandbox/faults', { http5xxForMs: 60_000 });
    const adapter = zns();
    for (let i = 0; i < 3; i++) expect(await refusal(adapter.send(survey()))).toBeInstanceOf(TransientError);
    await sb('POST', '/zns/_sandbox/faults', { reset: true });
    expect((await adapter.send(survey())).providerMessageId).toBeTruthy();
  });

  it('lists what it accepted by tracking id, so exactly-once can be checked', async () => {
    const msg = survey();
    const { providerMessageId } = await zns().send(msg);
    const log = await sb<{ items: { providerMessageId: string; to: string }[]; counts: Record<string, number> }>(
      'GET',
      `/zns/_sandbox/accepted?trackingId=${msg.trackingId}`,
    );
    expect(log.counts).toEqual({ [msg.trackingId]: 1 });
    expect(log.items).toEqual([expect.objectContaining({ providerMessageId, to: '84935667788' })]);
  });
});
