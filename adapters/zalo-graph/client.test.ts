import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sandboxZaloApp, startZaloGraphTwin } from '../../sandbox/zalo-graph/index.ts';
import { appSecretProof, createZaloGraphClient, type ZaloGraphClient } from './client.ts';
import { PermanentError, TransientError, ZaloGraphError } from './errors.ts';

// Conformance of the Zalo Graph adapter against its sandbox twin (PROVIDERS.md §3.2).

let sandbox: Awaited<ReturnType<typeof startZaloGraphTwin>>;
let graph: ZaloGraphClient;
const base = () => `${sandbox.url}/zalo-graph`;

async function post<T>(path: string, body: unknown): Promise<T> {
  const res = await fetch(`${base()}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return (await res.json()) as T;
}
const newUser = (body: Record<string, unknown> = {}) =>
  post<{ id: string; accessToken: string; phone: string }>('/_sandbox/users', body);
const newPhoneToken = (accessToken: string) => post<{ token: string }>('/_sandbox/phone-token', { accessToken });

async function failure(p: Promise<unknown>): Promise<ZaloGraphError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ZaloGraphError);
  return err as ZaloGraphError;
}

beforeAll(async () => {
  sandbox = await startZaloGraphTwin();
  graph = createZaloGraphClient({ baseUrl: base(), appSecret: sandboxZaloApp.secret });
});
afterAll(async () => {
  await sandbox?.stop();
});

describe('Zalo Graph adapter against the sandbox twin', () => {
  it('verifies an access token and returns the app-scoped id as a string', async () => {
    const u = await newUser({ name: 'Lê Thị Thu', id: '5720130563232385765' });
    const me = await graph.getMe(u.accessToken);
    expect(me).toMatchObject({ id: '5720130563232385765', name: 'Lê Thị Thu' });
    expect(me.pictureUrl).toMatch(/^https:\/\//);
  });

  it('sends appsecret_proof as hex HMAC-SHA256 of the token under the app secret', () => {
    // reference value from an independent HMAC implementation (openssl dgst -sha256 -hmac secret)
    expect(appSecretProof('secret', 'token')).toBe('e941110e3d2bfe82621f0e3e1434730d7305d106c5f68c87165d0b27a4611a4a');
  });

  it('classifies an unknown or expired access token as invalid_token (permanent)', async () => {
    const err = await failure(graph.getMe('not-a-real-token-0123456789'));
    expect(err).toBeInstanceOf(PermanentError);
    expect(err.reason).toBe('invalid_token');
    expect(err.providerCode).toBe(452);

    const u = await newUser({ ttlSeconds: 60 });
    await post('/_sandbox/clock', { advanceSeconds: 61 });
    expect((await failure(graph.getMe(u.accessToken))).reason).toBe('invalid_token');
  });

  it('is refused with a wrong app secret: invalid_credentials', async () => {
    const u = await newUser();
    const wrong = createZaloGraphClient({ baseUrl: base(), appSecret: 'not-the-app-secret' });
    const err = await failure(wrong.getMe(u.accessToken));
    expect(err.reason).toBe('invalid_credentials');
    expect(err.providerCode).toBe(-242);
    expect(
      (await failure(wrong.exchangePhoneToken(u.accessToken, (await newPhoneToken(u.accessToken)).token))).reason,
    ).toBe('invalid_credentials');
  });

  it('rejects a request without appsecret_proof at the twin', async () => {
    const u = await newUser();
    const res = await fetch(`${base()}/v2.0/me?fields=id`, { headers: { access_token: u.accessToken } });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ error: -242 });
  });

  it('exchanges a phone token once, for the number in 84 form', async () => {
    const u = await newUser({ phone: '84912345678' });
    const { token } = await newPhoneToken(u.accessToken);
    expect(await graph.exchangePhoneToken(u.accessToken, token)).toEqual({ number: '84912345678' });
    const again = await failure(graph.exchangePhoneToken(u.accessToken, token));
    expect(again).toBeInstanceOf(PermanentError);
    expect(again.reason).toBe('invalid_code');
  });

  it('refuses a phone token after its 2 minutes, or one minted for another user', async () => {
    const u = await newUser();
    const { token } = await newPhoneToken(u.accessToken);
    await post('/_sandbox/clock', { advanceSeconds: 121 });
    expect((await failure(graph.exchangePhoneToken(u.accessToken, token))).reason).toBe('invalid_code');

    const other = await newUser();
    const { token: othersToken } = await newPhoneToken(other.accessToken);
    expect((await failure(graph.exchangePhoneToken(u.accessToken, othersToken))).reason).toBe('invalid_code');
  });

  it('treats an unreachable Graph as transient', async () => {
    const down = createZaloGraphClient({ baseUrl: 'http://127.0.0.1:9', appSecret: 'x'.repeat(10), timeoutMs: 2_000 });
    expect(await failure(down.getMe('some-token-value'))).toBeInstanceOf(TransientError);
  });
});
