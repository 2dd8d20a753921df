import { createHmac } from 'node:crypto';
import { z } from 'zod';
import { classifyGraphError, PermanentError, RateLimitError, TransientError } from './errors.ts';

export interface ZaloGraphConfig {
  /** https://graph.zalo.me, or the sandbox twin's /zalo-graph */
  baseUrl: string;
  /** the Zalo App's secret key (keys appsecret_proof and is the secret_key of the phone exchange) */
  appSecret: string;
  timeoutMs?: number;
  fetch?: typeof fetch;
}

export interface ZaloUser {
  /** app-scoped user id (the Mini App's userInfo.id); a string, it can exceed 2^53 */
  id: string;
  name: string | null;
  pictureUrl: string | null;
}

export interface ZaloGraphClient {
  /** Verifies a Mini App user access token and returns who it belongs to (GET /v2.0/me). */
  getMe(accessToken: string): Promise<ZaloUser>;
  /** Exchanges getPhoneNumber()'s single-use token for the number, as Zalo gives it (84…) (GET /v2.0/me/info). */
  exchangePhoneToken(accessToken: string, phoneToken: string): Promise<{ number: string }>;
}

/** hex HMAC-SHA256(key = app secret, data = access token) */
export function appSecretProof(appSecret: string, accessToken: string): string {
  return createHmac('sha256', appSecret).update(accessToken).digest('hex');
}

const envelope = z.object({ error: z.number().int().optional(), message: z.string().optional() }).loose();
const meBody = z.object({
  id: z.string().min(1),
  name: z.string().nullish(),
  picture: z.object({ data: z.object({ url: z.string().nullish() }).nullish() }).nullish(),
});
const infoBody = z.object({ data: z.object({ number: z.string().min(1) }) });

export function createZaloGraphClient(cfg: ZaloGraphConfig): ZaloGraphClient {
  const base = cfg.baseUrl.replace(/\/$/, '');
  const doFetch = cfg.fetch ?? fetch;
  const timeoutMs = cfg.timeoutMs ?? 8_000;

  async function call(path: string, headers: Record<string, string>, kind: 'me' | 'phone'): Promise<unknown> {
    let res: Response;
    try {
      res = await doFetch(`${base}${path}`, { headers, signal: AbortSignal.timeout(timeoutMs) });
    } catch (err) {
      throw new TransientError(`Zalo Graph unreachable: ${(err as Error).name}`);
    }
    if (res.status === 429) {
      const retry = Number(res.headers.get('retry-after')) || 60;
      throw new RateLimitError('Zalo Graph rate limit (HTTP 429)', retry);
    }
    if (res.status >= 500) throw new TransientError(`Zalo Graph HTTP ${res.status}`);
    let body: unknown;
    try {
      body = await res.json();
    } catch {
      throw new TransientError(`Zalo Graph answered HTTP ${res.status} without JSON`);
    }
    const env = envelope.safeParse(body);
    if (!env.success) throw new PermanentError('unexpected', 'Zalo Graph answer is not an object');
    if (env.data.error !== undefined && env.data.error !== 0) {
      throw classifyGraphError(env.data.error, env.data.message ?? 'Zalo Graph error', kind);
    }
    if (!res.ok) throw new PermanentError('unexpected', `Zalo Graph HTTP ${res.status}`);
    return body;
  }

  return {
    async getMe(accessToken) {
      const body = await call(
        '/v2.0/me?fields=id,name,picture',
        { access_token: accessToken, appsecret_proof: appSecretProof(cfg.appSecret, accessToken) },
        'me',
      );
      const me = meBody.safeParse(body);
      if (!me.success) throw new PermanentError('unexpected', 'Zalo Graph /me answer has no id');
      return { id: me.data.id, name: me.data.name ?? null, pictureUrl: me.data.picture?.data?.url ?? null };
    },
    async exchangePhoneToken(accessToken, phoneToken) {
      const body = await call(
        '/v2.0/me/info',
        { access_token: accessToken, code: phoneToken, secret_key: cfg.appSecret },
        'phone',
      );
      const info = infoBody.safeParse(body);
      if (!info.success) throw new PermanentError('unexpected', 'Zalo Graph /me/info answer has no number');
      return { number: info.data.data.number };
    },
  };
}
