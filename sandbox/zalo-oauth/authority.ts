import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * The OA tokens the Zalo twins share (PROVIDERS.md §1.1, §1.8): access tokens expire (25 h by default), refresh
 * tokens live 3 months, are single-use and rotate — a refresh token used once is refused ever after.
 *
 * Issued tokens are signed and carry their own expiry, so a hub that stored a pair keeps working across sandbox
 * restarts; the record of spent refresh tokens is in memory (a restarted twin forgets it).
 */
export interface OaTokenAuthority {
  readonly appId: string;
  readonly appSecret: string;
  readonly oaId: string;
  /** 'expired' and 'invalid' are told apart the way openapi.zalo.me does (-220 / -216) */
  check(token: string | undefined): 'ok' | 'expired' | 'invalid';
  refresh(appId: string, secretKey: string, refreshToken: string): RefreshResult;
  /** every access token issued until now expires at once (tests: "the token ran out") */
  expireAccessTokens(): void;
  /** a fresh pair, as an admin's consent (authorization-code grant) would give */
  consent(): { accessToken: string; refreshToken: string; expiresIn: number };
  settings: { accessTokenTtlSeconds: number };
  stats(): { refreshGrants: number; refusedGrants: number };
}

export type RefreshResult =
  | { ok: true; accessToken: string; refreshToken: string; expiresIn: number }
  | { ok: false; error: number; error_name: string; error_description: string };

/** The demo pair the hub starts from when SANDBOX is on (hub/config.ts holds the same values). */
export const sandboxOaTokens = {
  accessToken: 'medicrm-sandbox-oa-access-token',
  refreshToken: 'medicrm-sandbox-oa-refresh-token',
} as const;

const refreshTtlMs = 90 * 24 * 3_600_000;
// fixed: tokens must verify after the sandbox restarts (they are demo tokens, worthless outside the sandbox)
const signingKey = 'medicrm-sandbox-oauth-signing-key';

function same(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export function oaTokenAuthority(opts: { appId: string; appSecret: string; oaId: string }): OaTokenAuthority {
  const createdAt = Date.now();
  const settings = { accessTokenTtlSeconds: 90_000 };
  let expiredBefore = 0;
  const spent = new Set<string>();
  const counts = { refreshGrants: 0, refusedGrants: 0 };

  const sign = (body: string) => createHmac('sha256', signingKey).update(body).digest('hex').slice(0, 32);
  const issue = (kind: 'at' | 'rt', ttlMs: number) => {
    // issued after the last mass expiry, even within the same millisecond
    const now = Math.max(Date.now(), expiredBefore + 1);
    const body = `z${kind}.${opts.oaId}.${now}.${now + ttlMs}.${randomBytes(6).toString('hex')}`;
    return `${body}.${sign(body)}`;
  };
  /** issue time and expiry of a token this authority made, or null */
  const read = (token: string, kind: 'at' | 'rt'): { iat: number; exp: number } | null => {
    if (kind === 'at' && token === sandboxOaTokens.accessToken) {
      return { iat: createdAt, exp: createdAt + settings.accessTokenTtlSeconds * 1000 };
    }
    if (kind === 'rt' && token === sandboxOaTokens.refreshToken)
      return { iat: createdAt, exp: createdAt + refreshTtlMs };
    const parts = token.split('.');
    if (parts.length !== 6 || parts[0] !== `z${kind}` || parts[1] !== opts.oaId) return null;
    if (!same(parts[5]!, sign(parts.slice(0, 5).join('.')))) return null;
    return { iat: Number(parts[2]), exp: Number(parts[3]) };
  };
  const refuse = (error: number, error_name: string, error_description: string): RefreshResult => {
    counts.refusedGrants++;
    return { ok: false, error, error_name, error_description };
  };

  return {
    ...opts,
    settings,
    check(token) {
      if (!token) return 'invalid';
      const t = read(token, 'at');
      if (!t) return 'invalid';
      return t.exp <= Date.now() || t.iat <= expiredBefore ? 'expired' : 'ok';
    },
    refresh(appId, secretKey, refreshToken) {
      if (appId !== opts.appId || !same(secretKey, opts.appSecret)) {
        return refuse(-14002, 'Invalid app', 'app_id or secret_key is invalid');
      }
      const t = read(refreshToken, 'rt');
      if (!t || t.exp <= Date.now()) return refuse(-14014, 'Invalid refresh token', 'Refresh token is invalid');
      if (spent.has(refreshToken)) return refuse(-14014, 'Invalid refresh token', 'Refresh token has been used');
      spent.add(refreshToken);
      counts.refreshGrants++;
      return {
        ok: true,
        accessToken: issue('at', settings.accessTokenTtlSeconds * 1000),
        refreshToken: issue('rt', refreshTtlMs),
        expiresIn: settings.accessTokenTtlSeconds,
      };
    },
    consent() {
      return {
        accessToken: issue('at', settings.accessTokenTtlSeconds * 1000),
        refreshToken: issue('rt', refreshTtlMs),
        expiresIn: settings.accessTokenTtlSeconds,
      };
    },
    expireAccessTokens() {
      expiredBefore = Math.max(Date.now(), expiredBefore + 1);
    },
    stats: () => ({ ...counts }),
  };
}
