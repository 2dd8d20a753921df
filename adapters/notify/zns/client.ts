import { PermanentError, TransientError } from '../../channels/errors.ts';
import { fetchWithTimeout, isRecord, str, tryParseJson } from '../../channels/shared.ts';
import { toVn84 } from '../../shared/phone.ts';
import type { ProviderRequest } from '../../shared/provider-http.ts';
import { type AccessTokenSource, withAccessToken } from '../../zalo-oauth/index.ts';
import type { NotifySendResult } from '../types.ts';
import { classifyZnsError, classifyZnsHttp, znsTokenErrorCodes } from './errors.ts';

export interface ZnsClientOptions {
  /** https://business.openapi.zalo.me, or the sandbox twin */
  apiUrl: string;
  /** the OA access token (ZNS uses the OA's), renewed on -124 when it is a TokenProvider */
  accessToken: AccessTokenSource;
  /** send with `mode: "development"`: delivered only to the app's and OA's admins (PROVIDERS.md §2.1) */
  developmentMode?: boolean;
  fetch?: typeof fetch;
  timeoutMs?: number;
}

export interface ZnsTemplateSend {
  phone: string;
  templateId: string;
  templateData: Record<string, string | number>;
  trackingId: string;
}

/** One call with the `{error, message, data}` envelope; application errors come on HTTP 200 (PROVIDERS.md §0). */
async function call(opts: ZnsClientOptions, token: string, path: string, init: ProviderRequest) {
  const res = await fetchWithTimeout(
    opts.fetch,
    `${opts.apiUrl.replace(/\/$/, '')}${path}`,
    { ...init, headers: { access_token: token, ...init.headers } },
    opts.timeoutMs ?? 10_000,
  );
  const body = tryParseJson(await res.text());
  if (res.status !== 200) throw classifyZnsHttp(res.status, Number(res.headers.get('retry-after')) || undefined);
  if (!isRecord(body) || typeof body.error !== 'number') {
    throw new TransientError('bad_response', 'ZNS trả về dữ liệu không đọc được, hệ thống sẽ thử lại');
  }
  if (body.error !== 0) throw classifyZnsError(body.error, str(body.message) ?? '');
  return isRecord(body.data) ? body.data : {};
}

const authorized = <T>(opts: ZnsClientOptions, fn: (token: string) => Promise<T>) =>
  withAccessToken(opts.accessToken, znsTokenErrorCodes, fn);

/** Sends an approved template to a phone (POST /message/template, PROVIDERS.md §2.1). */
export async function sendZnsTemplate(opts: ZnsClientOptions, send: ZnsTemplateSend): Promise<NotifySendResult> {
  const phone = toVn84(send.phone);
  if (!phone) throw new PermanentError('local_invalid_phone', 'Số điện thoại không hợp lệ');
  if (send.trackingId.length > 48) throw new PermanentError('local_tracking_id', 'Mã theo dõi ZNS dài quá 48 ký tự');
  // every value must be a string (numbers and dates formatted by the template), in NFC so lengths count right
  const templateData = Object.fromEntries(
    Object.entries(send.templateData).map(([k, v]) => [k, String(v).normalize('NFC')]),
  );
  const data = await authorized(opts, (token) =>
    call(opts, token, '/message/template', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        phone,
        template_id: send.templateId,
        template_data: templateData,
        tracking_id: send.trackingId,
        ...(opts.developmentMode ? { mode: 'development' } : {}),
      }),
    }),
  );
  const msgId = str(data.msg_id);
  if (!msgId) throw new TransientError('bad_response', 'ZNS không trả về mã tin nhắn, hệ thống sẽ thử lại');
  const remaining = isRecord(data.quota) ? Number(str(data.quota.remainingQuota)) : Number.NaN;
  return { providerMessageId: msgId, ...(Number.isFinite(remaining) ? { remainingQuota: remaining } : {}) };
}

/** The OA's daily ZNS quota and what is left of it today (GET /message/quota, PROVIDERS.md §2.2). */
export async function getZnsQuota(opts: ZnsClientOptions): Promise<{ dailyQuota: number; remainingQuota: number }> {
  const data = await authorized(opts, (token) => call(opts, token, '/message/quota', { method: 'GET' }));
  const daily = Number(str(data.dailyQuota));
  const remaining = Number(str(data.remainingQuota));
  if (!Number.isFinite(daily) || !Number.isFinite(remaining)) {
    throw new TransientError('bad_response', 'ZNS không trả về hạn mức, hệ thống sẽ thử lại');
  }
  return { dailyQuota: daily, remainingQuota: remaining };
}
