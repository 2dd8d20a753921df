import type { ProviderRequest } from '../../shared/provider-http.ts';
import { type AccessTokenSource, withAccessToken } from '../../zalo-oauth/index.ts';
import { PermanentError, TransientError } from '../errors.ts';
import { fetchWithTimeout, isRecord, str, tryParseJson } from '../shared.ts';
import type { OutboundMessage, SendResult } from '../types.ts';
import { classifyZaloError, classifyZaloHttp, zaloTokenErrorCodes } from './errors.ts';

export interface ZaloOaClientOptions {
  /** https://openapi.zalo.me, or the sandbox twin */
  apiUrl: string;
  /** a fixed token, or the hub's token store: an expired token is then renewed once and the call retried once */
  accessToken: AccessTokenSource;
  fetch?: typeof fetch;
  timeoutMs?: number;
}

export interface ZaloUserProfile {
  userId: string;
  userIdByApp?: string;
  displayName?: string;
  avatar?: string;
  isFollower?: boolean;
  sharedPhone?: string;
}

/** The OA API envelope: HTTP 200 with `error` 0 on success, negative on failure (PROVIDERS.md §0). */
function call(opts: ZaloOaClientOptions, path: string, init: ProviderRequest): Promise<Record<string, unknown>> {
  return withAccessToken(opts.accessToken, zaloTokenErrorCodes, (token) => callWith(opts, token, path, init));
}

async function callWith(
  opts: ZaloOaClientOptions,
  token: string,
  path: string,
  init: ProviderRequest,
): Promise<Record<string, unknown>> {
  const res = await fetchWithTimeout(
    opts.fetch,
    `${opts.apiUrl.replace(/\/$/, '')}${path}`,
    { ...init, headers: { access_token: token, ...init.headers } },
    opts.timeoutMs ?? 10_000,
  );
  const body = tryParseJson(await res.text());
  if (res.status !== 200) throw classifyZaloHttp(res.status);
  if (!isRecord(body) || typeof body.error !== 'number') {
    throw new TransientError('bad_response', 'Zalo trả về dữ liệu không đọc được, hệ thống sẽ thử lại');
  }
  if (body.error !== 0) throw classifyZaloError(body.error, str(body.message) ?? '');
  return isRecord(body.data) ? body.data : {};
}

/** Sends a consultation ("tin tư vấn") message: text, or an image by URL with the text as caption (§1.2). */
export async function sendConsultation(opts: ZaloOaClientOptions, msg: OutboundMessage): Promise<SendResult> {
  const text = msg.text.normalize('NFC');
  if ([...text].length > 2000) {
    throw new PermanentError('local_too_long', 'Tin nhắn Zalo tối đa 2.000 ký tự');
  }
  const image = msg.attachments?.find((a) => a.kind === 'image');
  if (msg.attachments?.some((a) => a.kind !== 'image')) {
    throw new PermanentError('local_unsupported', 'Chưa hỗ trợ gửi tệp qua Zalo OA từ hộp thư');
  }
  const message = image
    ? {
        ...(text ? { text } : {}),
        attachment: {
          type: 'template',
          payload: { template_type: 'media', elements: [{ media_type: 'image', url: image.url }] },
        },
      }
    : { text };
  const data = await call(opts, '/v3.0/oa/message/cs', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ recipient: { user_id: msg.to }, message }),
  });
  const id = str(data.message_id);
  if (!id) throw new TransientError('bad_response', 'Zalo không trả về mã tin nhắn, hệ thống sẽ thử lại');
  const quota = isRecord(data.quota)
    ? Object.fromEntries(Object.entries(data.quota).flatMap(([k, v]) => (str(v) ? [[k, str(v)!]] : [])))
    : undefined;
  return { providerMessageId: id, ...(quota ? { quota } : {}) };
}

/** The follower's profile (§1.5). */
export async function getUserProfile(opts: ZaloOaClientOptions, userId: string): Promise<ZaloUserProfile> {
  const data = await call(
    opts,
    `/v3.0/oa/user/detail?data=${encodeURIComponent(JSON.stringify({ user_id: userId }))}`,
    {
      method: 'GET',
    },
  );
  const shared = isRecord(data.shared_info) ? data.shared_info : {};
  return {
    userId: str(data.user_id) ?? userId,
    userIdByApp: str(data.user_id_by_app),
    displayName: str(data.display_name),
    avatar: str(data.avatar),
    isFollower: typeof data.user_is_follower === 'boolean' ? data.user_is_follower : undefined,
    sharedPhone: str(shared.phone),
  };
}
