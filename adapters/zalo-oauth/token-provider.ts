import { ChannelError } from '../channels/errors.ts';

/**
 * Where a Zalo client gets its OA access token. The hub's token store implements it (one refresh in flight per OA,
 * the rotated pair stored atomically); a bare string is a fixed token that is never refreshed.
 */
export interface TokenProvider {
  /** the access token to use now */
  current(): Promise<string>;
  /**
   * The provider refused `expired`: returns a fresh token, refreshing once for every caller that saw the same one.
   * Throws a ChannelError when the token cannot be refreshed (PermanentError: an admin must grant access again).
   */
  renew(expired: string): Promise<string>;
}

export type AccessTokenSource = string | TokenProvider;

/**
 * Runs `call` with the current token; when it fails with a token error (`isTokenError`), renews the token once and
 * retries once (PROVIDERS.md §1.1). A second token error, or any other error, goes to the caller as it is.
 */
export async function withAccessToken<T>(
  source: AccessTokenSource,
  tokenErrorCodes: readonly string[],
  call: (token: string) => Promise<T>,
): Promise<T> {
  const token = typeof source === 'string' ? source : await source.current();
  try {
    return await call(token);
  } catch (err) {
    if (typeof source === 'string' || !(err instanceof ChannelError) || !tokenErrorCodes.includes(err.providerCode)) {
      throw err;
    }
    return call(await source.renew(token));
  }
}
