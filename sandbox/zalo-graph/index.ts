import { createHmac, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { cors } from 'hono/cors';

/**
 * Twin of Zalo's Graph API as a Mini App backend uses it (PROVIDERS.md §3.2): GET /v2.0/me verifies a user access
 * token with appsecret_proof; GET /v2.0/me/info exchanges getPhoneNumber()'s token. Flat JSON with `error`/`message`,
 * application errors on HTTP 200. Error codes follow PROVIDERS.md (452 bad session, -242 bad appsecret_proof); the
 * code for a bad phone token is not documented by Zalo: -201 "<field> is invalid!" as on the OA API.
 *
 * The /_sandbox/* routes stand in for the Zalo app on the phone: mint users, access tokens and phone tokens, and move
 * the twin's clock so expiry can be tested without waiting.
 */

/** The demo Zalo App the hub uses when SANDBOX is on without real credentials (the same pair is in hub/config.ts). */
export const sandboxZaloApp = { id: '1000000000000000001', secret: 'medicrm-sandbox-zalo-app-secret' } as const;

const ACCESS_TOKEN_TTL_S = 3600;
const PHONE_TOKEN_TTL_S = 120;

interface User {
  id: string;
  appId: string;
  name: string;
  avatarUrl: string;
  /** 84xxxxxxxxx */
  phone: string;
}
interface AccessToken {
  userId: string;
  appId: string;
  expiresAt: number;
}
interface PhoneToken {
  userId: string;
  appId: string;
  expiresAt: number;
  used: boolean;
}

const invalidSession = { error: 452, message: 'Session key invalid' };
const invalidProof = { error: -242, message: 'Invalid appsecret_proof provided in the API argument' };
const invalidSecret = { error: -242, message: 'Invalid secret_key provided in the API argument' };
const invalidCode = { error: -201, message: 'code is invalid!' };

function same(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

const mobilePrefixes = ['32', '33', '34', '35', '36', '37', '38', '39', '86', '96', '97', '98', '90', '93', '91', '94'];

export function zaloGraphTwin() {
  const apps = new Map<string, string>([[sandboxZaloApp.id, sandboxZaloApp.secret]]);
  const users = new Map<string, User>();
  const accessTokens = new Map<string, AccessToken>();
  const phoneTokens = new Map<string, PhoneToken>();
  let clockOffsetMs = 0;
  const now = () => Date.now() + clockOffsetMs;

  const token = () => randomBytes(24).toString('base64url');
  const liveAccess = (raw: string | undefined) => {
    if (!raw) return undefined;
    const t = accessTokens.get(raw);
    return t && t.expiresAt > now() ? t : undefined;
  };

  const app = new Hono();
  // the Mini App's fake bridge calls the phone-side routes from the browser (another origin than the sandbox)
  app.use('/_sandbox/*', cors());

  app.get('/', (c) =>
    c.html(
      '<!doctype html><html lang="vi"><meta charset="utf-8"><title>Zalo Graph (giả lập)</title>' +
        '<h1>Zalo Graph API — giả lập</h1><p>GET /v2.0/me, GET /v2.0/me/info; tạo người dùng thử bằng ' +
        'POST /_sandbox/users, mã số điện thoại bằng POST /_sandbox/phone-token.</p>' +
        `<p>${users.size} người dùng thử.</p></html>`,
    ),
  );

  app.get('/v2.0/me', (c) => {
    const raw = c.req.header('access_token') ?? c.req.query('access_token');
    const t = liveAccess(raw);
    if (!t || !raw) return c.json(invalidSession);
    const proof = c.req.header('appsecret_proof') ?? c.req.query('appsecret_proof') ?? '';
    const expected = createHmac('sha256', apps.get(t.appId)!).update(raw).digest('hex');
    if (!same(proof, expected)) return c.json(invalidProof);
    const user = users.get(t.userId)!;
    const fields = new Set((c.req.query('fields') ?? 'id').split(',').map((f) => f.trim()));
    return c.json({
      id: user.id,
      ...(fields.has('name') ? { name: user.name } : {}),
      ...(fields.has('picture') ? { picture: { data: { url: user.avatarUrl } } } : {}),
      error: 0,
      message: 'Success',
    });
  });

  app.get('/v2.0/me/info', (c) => {
    const raw = c.req.header('access_token');
    const t = liveAccess(raw);
    if (!t) return c.json(invalidSession);
    if (!same(c.req.header('secret_key') ?? '', apps.get(t.appId)!)) return c.json(invalidSecret);
    const code = c.req.header('code') ?? '';
    const p = phoneTokens.get(code);
    if (!p || p.used || p.expiresAt <= now() || p.userId !== t.userId || p.appId !== t.appId) {
      return c.json(invalidCode);
    }
    p.used = true;
    return c.json({ data: { number: users.get(t.userId)!.phone }, error: 0, message: 'Success' });
  });

  // ---- the phone side, for the Mini App's fake bridge and the tests ----

  app.post('/_sandbox/apps', async (c) => {
    const body = (await c.req.json().catch(() => ({}))) as { appId?: unknown; appSecret?: unknown };
    if (typeof body.appId !== 'string' || typeof body.appSecret !== 'string' || body.appSecret.length < 8) {
      return c.json({ error: 'appId and appSecret (8+ characters) are required' }, 400);
    }
    apps.set(body.appId, body.appSecret);
    return c.json({ appId: body.appId }, 201);
  });

  /** Signs a fake user in to the Mini App: creates them on first use (by id), returns a fresh access token. */
  app.post('/_sandbox/users', async (c) => {
    const body = (await c.req.json().catch(() => ({}))) as Partial<Record<string, unknown>>;
    const appId = typeof body.appId === 'string' ? body.appId : sandboxZaloApp.id;
    if (!apps.has(appId)) return c.json({ error: `unknown appId ${appId}` }, 400);
    const ttl = typeof body.ttlSeconds === 'number' && body.ttlSeconds > 0 ? body.ttlSeconds : ACCESS_TOKEN_TTL_S;
    if (body.phone !== undefined && (typeof body.phone !== 'string' || !/^84\d{9,10}$/.test(body.phone))) {
      return c.json({ error: 'phone must look like 84xxxxxxxxx' }, 400);
    }
    const id = typeof body.id === 'string' && body.id ? body.id : `${randomInt(1e8, 1e9)}${randomInt(1e9, 1e10)}`;
    let user = users.get(id);
    if (!user) {
      user = {
        id,
        appId,
        name: typeof body.name === 'string' && body.name ? body.name.normalize('NFC') : 'Người dùng Zalo',
        avatarUrl:
          typeof body.avatarUrl === 'string' ? body.avatarUrl : `https://s120-ava-talk.zadn.vn/sandbox/${id}.jpg`,
        phone:
          (body.phone as string | undefined) ??
          `84${mobilePrefixes[randomInt(mobilePrefixes.length)]}${String(randomInt(1e7)).padStart(7, '0')}`,
      };
      users.set(id, user);
    }
    const accessToken = token();
    const expiresAt = now() + ttl * 1000;
    accessTokens.set(accessToken, { userId: id, appId: user.appId, expiresAt });
    return c.json(
      { id, name: user.name, phone: user.phone, accessToken, expiresAt: new Date(expiresAt).toISOString() },
      201,
    );
  });

  /** What getPhoneNumber() gives the Mini App: a single-use token that expires after 2 minutes. */
  app.post('/_sandbox/phone-token', async (c) => {
    const body = (await c.req.json().catch(() => ({}))) as { accessToken?: unknown };
    const t = typeof body.accessToken === 'string' ? liveAccess(body.accessToken) : undefined;
    if (!t) return c.json({ error: 'accessToken is unknown or expired' }, 400);
    const code = token();
    const expiresAt = now() + PHONE_TOKEN_TTL_S * 1000;
    phoneTokens.set(code, { userId: t.userId, appId: t.appId, expiresAt, used: false });
    return c.json({ token: code, expiresAt: new Date(expiresAt).toISOString() }, 201);
  });

  /** Moves the twin's clock forward (tokens expire as if that time had passed). */
  app.post('/_sandbox/clock', async (c) => {
    const body = (await c.req.json().catch(() => ({}))) as { advanceSeconds?: unknown };
    if (typeof body.advanceSeconds !== 'number' || body.advanceSeconds < 0) {
      return c.json({ error: 'advanceSeconds must be a non-negative number' }, 400);
    }
    clockOffsetMs += body.advanceSeconds * 1000;
    return c.json({ now: new Date(now()).toISOString() });
  });

  return app;
}

/** The twin alone on a free loopback port (tests that need only Zalo Graph); its base URL is `${url}/zalo-graph`. */
export async function startZaloGraphTwin(): Promise<{ url: string; stop(): Promise<void> }> {
  const server = serve({
    fetch: new Hono().route('/zalo-graph', zaloGraphTwin()).fetch,
    hostname: '127.0.0.1',
    port: 0,
  });
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, stop: () => new Promise((r) => server.close(() => r())) };
}
