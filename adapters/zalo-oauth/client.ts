import { PermanentError, RateLimitError, TransientError } from '../channels/errors.ts';
import { fetchWithTimeout, isRecord, str, tryParseJson } from '../channels/shared.ts';

export interface ZaloOauthOptions {
  /** https://oauth.zaloapp.com, or the sandbox twin */
  oauthUrl: string;
  /** the Zalo App the OA granted access to */
  appId: string;
  /** that app's secret key (sent as the `secret_key` header, PROVIDERS.md §1.1) */
  appSecret: string;
  fetch?: typeof fetch;
  timeoutMs?: number;
}

export interface OaTokenPair {
  accessToken: string;
  refreshToken: string;
  /** seconds the access token lives (Zalo: "90000", i.e. 25 h) */
  expiresInSeconds: number;
}

/**
 * The refresh grant of OA OAuth v4: the refresh token is single-use, the answer carries the next pair. Refusals come
 * as HTTP 200 with a negative `error` (-14xxx): the refresh token is spent or revoked, and an admin must grant the
 * app access again (PermanentError). Network failures and 5xx are TransientError.
 */
export async function refreshOaToken(opts: ZaloOauthOptions, refreshToken: string): Promise<OaTokenPair> {
  const res = await fetchWithTimeout(
    opts.fetch,
    `${opts.oauthUrl.replace(/\/$/, '')}/v4/oa/access_token`,
    {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', secret_key: opts.appSecret },
      body: new URLSearchParams({ refresh_token: refreshToken, app_id: opts.appId, grant_type: 'refresh_token' }),
    },
    opts.timeoutMs ?? 10_000,
  );
  const body = tryParseJson(await res.text());
  if (res.status === 429) {
    throw new RateLimitError('http_429', 'Zalo giới hạn tần suất cấp token, hệ thống sẽ thử lại sau', 60_000);
  }
  if (res.status >= 500) throw new TransientError(`http_${res.status}`, 'Máy chủ cấp token của Zalo đang lỗi');
  const accessToken = isRecord(body) ? str(body.access_token) : undefined;
  const nextRefresh = isRecord(body) ? str(body.refresh_token) : undefined;
  if (res.status !== 200 || !isRecord(body) || !accessToken || !nextRefresh) {
    const code = isRecord(body) ? str(body.error) : undefined;
    const detail = isRecord(body)
      ? (str(body.error_description) ?? str(body.error_name) ?? str(body.message))
      : undefined;
    throw new PermanentError(
      code ?? `http_${res.status}`,
      'Zalo từ chối làm mới access token của OA: quản trị viên cần cấp quyền lại cho ứng dụng',
      detail,
    );
  }
  const expires = Number(str(body.expires_in));
  return {
    accessToken,
    refreshToken: nextRefresh,
    expiresInSeconds: Number.isFinite(expires) && expires > 0 ? expires : 90_000,
  };
}
