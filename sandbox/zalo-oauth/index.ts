import { Hono } from 'hono';
import type { OaTokenAuthority } from './authority.ts';

export { type OaTokenAuthority, oaTokenAuthority, sandboxOaTokens } from './authority.ts';

/**
 * Twin of Zalo's OAuth v4 token endpoint for Official Accounts (oauth.zaloapp.com, PROVIDERS.md §1.1): the refresh
 * grant, form-urlencoded, with the app's secret in the `secret_key` header; refusals are HTTP 200 with a negative
 * `error` (-14xxx; the exact codes are not published, these are the twin's). The OA and ZNS twins check the tokens it
 * issues. Authorization-code grants need an admin's browser consent and are not served.
 *
 * /_sandbox/*: how many refresh grants were made and refused, expire every access token now, token lifetime, and a
 * fresh pair as an admin's consent would give it.
 */
export function zaloOauthTwin(tokens: OaTokenAuthority) {
  const app = new Hono();

  app.post('/v4/oa/access_token', async (c) => {
    const form = await c.req.parseBody().catch(() => ({}) as Record<string, unknown>);
    const field = (k: string) => (typeof form[k] === 'string' ? (form[k] as string) : '');
    if (field('grant_type') !== 'refresh_token') {
      return c.json({
        error: -14001,
        error_name: 'Invalid grant_type',
        error_description: 'grant_type is not supported',
      });
    }
    const r = tokens.refresh(field('app_id'), c.req.header('secret_key') ?? '', field('refresh_token'));
    if (!r.ok) return c.json({ error: r.error, error_name: r.error_name, error_description: r.error_description });
    return c.json({ access_token: r.accessToken, refresh_token: r.refreshToken, expires_in: String(r.expiresIn) });
  });

  app.get('/_sandbox/grants', (c) => c.json(tokens.stats()));
  app.post('/_sandbox/expire-access-tokens', (c) => {
    tokens.expireAccessTokens();
    return c.json({ ok: true });
  });
  app.post('/_sandbox/consent', (c) => {
    const p = tokens.consent();
    return c.json({ access_token: p.accessToken, refresh_token: p.refreshToken, expires_in: String(p.expiresIn) });
  });
  app.post('/_sandbox/settings', async (c) => {
    const b = (await c.req.json().catch(() => ({}))) as { accessTokenTtlSeconds?: number };
    if (typeof b.accessTokenTtlSeconds === 'number' && b.accessTokenTtlSeconds > 0) {
      tokens.settings.accessTokenTtlSeconds = b.accessTokenTtlSeconds;
    }
    return c.json(tokens.settings);
  });

  app.get('/', (c) =>
    c.html(
      '<!doctype html><html lang="vi"><meta charset="utf-8"><title>Zalo OAuth (giả lập)</title><h1>Zalo OAuth v4 — giả lập</h1><p>POST /v4/oa/access_token (grant_type=refresh_token)</p>',
    ),
  );
  return app;
}
