import { PermanentError, TransientError } from '../../channels/errors.ts';
import { fetchWithTimeout, isRecord, str, tryParseJson } from '../../channels/shared.ts';
import type { NotifyMessage, NotifySendResult } from '../types.ts';
import { classifyMiniAppError, classifyMiniAppHttp } from './errors.ts';

export interface MiniAppNotifyOptions {
  /** https://openapi.mini.zalo.me, or the sandbox twin */
  apiUrl: string;
  /** the Mini App's open-API key (scope apps.send.notification), sent as `X-Api-Key: Bearer <key>` */
  apiKey: string;
  miniAppId: string;
  /** the approved notification template */
  templateId: string;
  /** the header line of every notification (the clinic's name) */
  appTitle: string;
  buttonText?: string;
  fetch?: typeof fetch;
  timeoutMs?: number;
}

/** Zalo's deep link into the Mini App, for notifications without a link of their own. */
export const miniAppHome = (miniAppId: string) => `https://zalo.me/s/${miniAppId}/`;

/**
 * POST /notification/template (PROVIDERS.md §3.3) to an app-scoped user id (`userInfo.id`, not the OA user id).
 * The answer's shape is not documented (§9.9): `{error, message, data?}` like Zalo's other APIs is assumed, and the
 * hub's tracking id names the message when no id comes back.
 */
export async function sendMiniAppNotification(
  opts: MiniAppNotifyOptions,
  msg: NotifyMessage,
): Promise<NotifySendResult> {
  const text = msg.text;
  if (!text?.body.trim()) throw new PermanentError('local_no_text', 'Thông báo chưa có nội dung cho Mini App');
  if (!/^\d{1,32}$/.test(msg.to)) throw new PermanentError('local_invalid_user', 'Mã người dùng Mini App không hợp lệ');
  const res = await fetchWithTimeout(
    opts.fetch,
    `${opts.apiUrl.replace(/\/$/, '')}/notification/template`,
    {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-api-key': `Bearer ${opts.apiKey}`,
        'x-user-id': msg.to,
        'x-miniapp-id': opts.miniAppId,
      },
      body: JSON.stringify({
        templateId: opts.templateId,
        templateData: {
          buttonText: opts.buttonText ?? 'Xem chi tiết',
          buttonUrl: text.link ?? miniAppHome(opts.miniAppId),
          title: opts.appTitle.normalize('NFC'),
          contentTitle: (text.title ?? opts.appTitle).normalize('NFC'),
          contentDescription: text.body.normalize('NFC'),
        },
      }),
    },
    opts.timeoutMs ?? 10_000,
  );
  const body = tryParseJson(await res.text());
  if (res.status !== 200) throw classifyMiniAppHttp(res.status, Number(res.headers.get('retry-after')) || undefined);
  if (!isRecord(body) || typeof body.error !== 'number') {
    throw new TransientError('bad_response', 'Zalo trả về dữ liệu không đọc được, hệ thống sẽ thử lại');
  }
  if (body.error !== 0) throw classifyMiniAppError(body.error, str(body.message) ?? '');
  const data = isRecord(body.data) ? body.data : {};
  return { providerMessageId: str(data.msgId) ?? str(data.message_id) ?? msg.trackingId };
}
