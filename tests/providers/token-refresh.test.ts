import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { PermanentError } from '../../adapters/channels/errors.ts';
import { createZnsAdapter } from '../../adapters/notify/zns/index.ts';
import { refreshOaToken, type TokenProvider } from '../../adapters/zalo-oauth/index.ts';
import { providerTokens } from '../../db/schema/index.ts';
import { channelAdapters } from '../../hub/channels/index.ts';
import { createOaTokenStore } from '../../hub/providers/index.ts';
import { type RunningSandbox, startSandbox } from '../../sandbox/server.ts';
import { freePort } from '../support/channels.ts';
import { createTestApp, type TestApp } from '../support/hub.ts';

/**
 * OA token refresh (PROVIDERS.md §1.1) against the sandbox: access tokens expire, refresh tokens are single-use and
 * rotate. The hub keeps the pair in provider_tokens and lets one refresh run per OA, across processes too.
 */

const oaId = '2000000000000000001';
let sandbox: RunningSandbox;
let t: TestApp;

const sb = async <T = unknown>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> => {
  const res = await fetch(`${sandbox.url}${path}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return (await res.json()) as T;
};
const grants = () => sb<{ refreshGrants: number; refusedGrants: number }>('GET', '/zalo-oauth/_sandbox/grants');
const expireAll = () => sb('POST', '/zalo-oauth/_sandbox/expire-access-tokens');
/** a pair of its own for each test, as an admin's consent gives it */
const consent = async () => {
  const p = await sb<{ access_token: string; refresh_token: string }>('POST', '/zalo-oauth/_sandbox/consent');
  return { accessToken: p.access_token, refreshToken: p.refresh_token };
};
const oauth = () => ({
  oauthUrl: `${sandbox.url}/zalo-oauth`,
  appId: '1000000000000000001',
  appSecret: 'medicrm-sandbox-zalo-app-secret',
});

/** A token store as one hub process makes it: its own in-flight map, the database and Redis shared. */
const processStore = (seed: { accessToken: string; refreshToken: string }) =>
  createOaTokenStore(t.deps, { oaId, seed, refresh: (rt) => refreshOaToken(oauth(), rt) });

const zns = (tokens: TokenProvider) =>
  createZnsAdapter({
    apiUrl: `${sandbox.url}/zns`,
    accessToken: tokens,
    oaId,
    webhook: { appId: '1', oaId, oaSecretKey: 'unused-here', variants: ['app_id+oa_secret'], maxAgeSeconds: 60 },
  });
const survey = () => ({
  trackingId: randomUUID(),
  to: '84935667788',
  zns: { templateId: '413007', templateData: { customer_name: 'Hoàng Thị Minh Thư', visit_date: '12/09/2026' } },
});
const stored = async () => (await t.db.select().from(providerTokens).where(eq(providerTokens.account, oaId)))[0]!;

beforeAll(async () => {
  sandbox = await startSandbox({ hubUrl: 'http://127.0.0.1:9', smtpPort: await freePort(), webhookRetryDelaysMs: [] });
  t = await createTestApp({ seed: false, env: { SANDBOX: 'true', SANDBOX_URL: sandbox.url } });
});

afterAll(async () => {
  await t?.close();
  await sandbox?.stop();
});

beforeEach(async () => {
  await t.db.delete(providerTokens);
});

describe('OA token refresh', () => {
  it('two processes sending with an expired token: exactly one refresh grant, every send goes through', async () => {
    const pair = await consent();
    const [a, b] = [processStore(pair), processStore(pair)];
    expect((await zns(a).send(survey())).providerMessageId).toBeTruthy();
    await expireAll();
    const before = await grants();

    const sent = await Promise.all([zns(a).send(survey()), zns(b).send(survey()), zns(b).send(survey())]);

    expect(sent.every((s) => s.providerMessageId)).toBe(true);
    expect((await grants()).refreshGrants - before.refreshGrants).toBe(1);
    const row = await stored();
    expect(row.accessToken).not.toBe(pair.accessToken);
    expect(row.refreshToken).not.toBe(pair.refreshToken);
    expect(row.accessExpiresAt!.getTime()).toBeGreaterThan(Date.now());
    expect(await a.current()).toBe(row.accessToken);
    expect(await b.current()).toBe(row.accessToken);
  });

  it('the twin refuses a refresh token that was used once already', async () => {
    const { refreshToken } = await consent();
    const before = await grants();
    expect(await refreshOaToken(oauth(), refreshToken)).toMatchObject({ expiresInSeconds: 90_000 });
    const again = await refreshOaToken(oauth(), refreshToken).catch((e: unknown) => e);
    expect(again).toBeInstanceOf(PermanentError);
    expect((again as PermanentError).reason).toMatch(/cấp quyền lại/);
    const after = await grants();
    expect([after.refreshGrants - before.refreshGrants, after.refusedGrants - before.refusedGrants]).toEqual([1, 1]);
  });

  it('a spent refresh token surfaces once as PermanentError: an admin must grant access again', async () => {
    const pair = await consent();
    await refreshOaToken(oauth(), pair.refreshToken);
    const store = processStore(pair);
    await expireAll();
    const before = await grants();
    const errs = await Promise.all(
      [zns(store).send(survey()), zns(store).send(survey())].map((p) => p.catch((e) => e)),
    );
    expect(errs.every((e) => e instanceof PermanentError)).toBe(true);
    expect((await grants()).refusedGrants - before.refusedGrants).toBe(1);
  });

  it('the inbox OA channel renews the configured token once when it expired, and retries once', async () => {
    await sb('POST', '/zalo-oa/_sandbox/users/khoa/messages', { text: 'Cho em hỏi giờ khám' });
    const zalo = channelAdapters(t.deps).zaloOa!;
    expect(
      (await zalo.send({ to: '4356127890123456702', text: 'Dạ phòng khám xin chào' })).providerMessageId,
    ).toBeTruthy();
    await expireAll();
    const before = await grants();
    const res = await zalo.send({ to: '4356127890123456702', text: 'Dạ phòng khám mở cửa từ 7 giờ' });
    expect(res.providerMessageId).toBeTruthy();
    expect((await grants()).refreshGrants - before.refreshGrants).toBe(1);
    expect((await stored()).refreshToken).not.toBe('medicrm-sandbox-oa-refresh-token');
  });

  it('keeps a rotated pair across restarts, and a new pair in the configuration replaces it', async () => {
    const configured = { accessToken: 'configured-access-0001', refreshToken: 'configured-refresh-0001' };
    await processStore(configured).current();
    await t.db.update(providerTokens).set({ accessToken: 'rotated-access-0002', refreshToken: 'rotated-refresh-0002' });
    expect(await processStore(configured).current()).toBe('rotated-access-0002');
    const reconsented = { accessToken: 'reconsented-0003', refreshToken: 'reconsented-refresh-0003' };
    expect(await processStore(reconsented).current()).toBe('reconsented-0003');
  });
});
