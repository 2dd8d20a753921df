import { TransientError } from '../../../channels/errors.ts';
import { fetchWithTimeout, isRecord, str, tryParseJson } from '../../../channels/shared.ts';
import type { NotifySendResult } from '../../types.ts';
import { classifySpeedSmsCode, classifySpeedSmsHttp } from './errors.ts';

export interface SpeedSmsOptions {
  /** https://api.speedsms.vn/index.php, or the sandbox twin */
  apiUrl: string;
  accessToken: string;
  /** the registered brandname */
  sender: string;
  fetch?: typeof fetch;
  timeoutMs?: number;
}

/**
 * A brandname SMS (POST /sms/send, sms_type 3, PROVIDERS.md §5.2), HTTP Basic with the access token as user. SpeedSMS
 * has no request id, so a retry after a lost answer can send twice: the engine's exactly-once bookkeeping is what
 * guards it.
 */
export async function sendSpeedSms(
  opts: SpeedSmsOptions,
  req: { to84: string; text: string },
): Promise<NotifySendResult> {
  const res = await fetchWithTimeout(
    opts.fetch,
    `${opts.apiUrl.replace(/\/$/, '')}/sms/send`,
    {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Basic ${Buffer.from(`${opts.accessToken}:x`).toString('base64')}`,
      },
      body: JSON.stringify({ to: [req.to84], content: req.text, sms_type: 3, sender: opts.sender }),
    },
    opts.timeoutMs ?? 10_000,
  );
  const body = tryParseJson(await res.text());
  if (res.status !== 200) throw classifySpeedSmsHttp(res.status, res.headers.get('x-rate-limit-reset'));
  if (!isRecord(body)) {
    throw new TransientError('bad_response', 'SpeedSMS trả về dữ liệu không đọc được, hệ thống sẽ thử lại');
  }
  if (str(body.status) !== 'success') throw classifySpeedSmsCode(str(body.code) ?? 'unknown', str(body.message) ?? '');
  const data = isRecord(body.data) ? body.data : {};
  const invalid = Array.isArray(data.invalidPhone) ? data.invalidPhone.map(String) : [];
  if (invalid.includes(req.to84)) throw classifySpeedSmsCode('105', 'invalidPhone');
  const tranId = str(data.tranId);
  if (!tranId) throw new TransientError('bad_response', 'SpeedSMS không trả về mã giao dịch, hệ thống sẽ thử lại');
  const price = Number(data.totalPrice);
  return { providerMessageId: tranId, ...(Number.isFinite(price) && price > 0 ? { costVnd: price } : {}) };
}
