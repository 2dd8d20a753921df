import { type AccessTokenSource, refreshOaToken } from '../../adapters/zalo-oauth/index.ts';
import type { Config } from '../config.ts';
import { createOaTokenStore, type TokenStoreDeps } from './oa-token-store.ts';

export { createOaTokenStore, type OaTokenStoreOptions, type TokenStoreDeps } from './oa-token-store.ts';

const sources = new WeakMap<Config, AccessTokenSource | undefined>();

/**
 * The OA access token every Zalo client of this hub uses (inbox OA channel, ZNS, OA notifications): the token store
 * when a refresh token and the app's secret are configured (refresh once on an expired token, one refresh in flight
 * per OA), else the configured token as it is. Undefined when no OA is configured. One per configuration, so every
 * caller in the process shares one store and its in-flight refresh.
 */
export function oaAccessToken(deps: TokenStoreDeps): AccessTokenSource | undefined {
  const c = deps.config;
  if (sources.has(c)) return sources.get(c);
  let source: AccessTokenSource | undefined;
  if (c.ZALO_OA_ID && c.ZALO_OA_ACCESS_TOKEN) {
    source =
      c.ZALO_OA_REFRESH_TOKEN && c.ZALO_OA_APP_ID && c.ZALO_OA_APP_SECRET
        ? createOaTokenStore(deps, {
            oaId: c.ZALO_OA_ID,
            seed: { accessToken: c.ZALO_OA_ACCESS_TOKEN, refreshToken: c.ZALO_OA_REFRESH_TOKEN },
            refresh: (rt) =>
              refreshOaToken(
                { oauthUrl: c.ZALO_OAUTH_URL!, appId: c.ZALO_OA_APP_ID!, appSecret: c.ZALO_OA_APP_SECRET! },
                rt,
              ),
          })
        : c.ZALO_OA_ACCESS_TOKEN;
  }
  sources.set(c, source);
  return source;
}
