import { PermanentError, TransientError } from '../../../channels/errors.ts';
import { fetchWithTimeout, isRecord, str, tryParseJson } from '../../../channels/shared.ts';
import { to0 } from '../../../shared/phone.ts';
import type { NotifySendResult } from '../../types.ts';
import { callbackToken, withCallbackToken } from '../gateway.ts';
import { classifyEsmsCode, classifyEsmsHttp } from './errors.ts';

export interface EsmsOptions {
  /** https://rest.esms.vn/MainService.svc/json, or the sandbox twin */
  apiUrl: string;
  apiKey: string;
  secretKey: string;
  brandname: string;
  /** the hub's /webhooks/esms address; the secret token is added here */
  callbackUrl: string;
  fetch?: typeof fetch;
  timeoutMs?: number;
}

/**
 * A customer-care brandname SMS (SendMultipleMessage_V4_post_json, SmsType 2, PROVIDERS.md §5.1). RequestId is the
 * hub's tracking id: eSMS refuses the same id twice in a day (124), which makes a retry after a lost answer safe —
 * that answer is reported as a duplicate, not as a failure.
 */
export async function sendEsms(
  opts: EsmsOptions,
  req: { to84: string; text: string; unicode: boolean; requestId: string },
): Promise<NotifySendResult> {
  if (req.requestId.length > 50) throw new PermanentError('local_request_id', 'Mã yêu cầu eSMS dài quá 50 ký tự');
  const res = await fetchWithTimeout(
    opts.fetch,
    `${opts.apiUrl.replace(/\/$/, '')}/SendMultipleMessage_V4_post_json/`,
    {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        ApiKey: opts.apiKey,
        SecretKey: opts.secretKey,
        Phone: to0(req.to84),
        Content: req.text,
        Brandname: opts.brandname,
        SmsType: '2',
        IsUnicode: req.unicode ? '1' : '0',
        Sandbox: '0',
        RequestId: req.requestId,
        CallbackUrl: withCallbackToken(opts.callbackUrl, callbackToken(opts.secretKey, 'esms')),
      }),
    },
    opts.timeoutMs ?? 10_000,
  );
  const body = tryParseJson(await res.text());
  if (res.status !== 200) throw classifyEsmsHttp(res.status, Number(res.headers.get('retry-after')) || undefined);
  if (!isRecord(body))
    throw new TransientError('bad_response', 'eSMS trả về dữ liệu không đọc được, hệ thống sẽ thử lại');
  const code = str(body.CodeResult);
  if (!code) {
    // `{"error":"Invalid request"}`: the request itself is malformed
    throw new PermanentError('invalid_request', 'eSMS không nhận yêu cầu (sai định dạng)', str(body.error));
  }
  const smsId = str(body.SMSID);
  if (code === '124') return { providerMessageId: smsId || req.requestId, duplicate: true };
  if (code !== '100') throw classifyEsmsCode(code, str(body.ErrorMessage) ?? '');
  if (!smsId) throw new TransientError('bad_response', 'eSMS không trả về mã tin nhắn, hệ thống sẽ thử lại');
  return { providerMessageId: smsId };
}
