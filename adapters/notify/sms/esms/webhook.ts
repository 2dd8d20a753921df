import type { RawRequest, WebhookVerdict } from '../../../channels/types.ts';
import type { DeliveryReport } from '../../types.ts';
import { callbackParams, callbackToken, verifyCallbackToken } from '../gateway.ts';

/**
 * eSMS calls the CallbackUrl with GET and query parameters once the outcome is final (PROVIDERS.md §5.1); it signs
 * nothing, so the URL carries our token. The route hands the query string over as `query` (or as the body).
 */
export function verifyEsmsCallback(req: RawRequest, secretKey: string): WebhookVerdict {
  if (!callbackParams(req).get('SMSID')) return { ok: false, reason: 'malformed' };
  return verifyCallbackToken(req, callbackToken(secretKey, 'esms'));
}

/**
 * SendStatus 5 (finished): delivered when SendSuccess > 0, failed when SendFailed > 0; 4 (rejected): failed. Other
 * states (pending approval, waiting, waiting for the carrier's report) are not final and report nothing.
 */
export function parseEsmsCallback(req: RawRequest): DeliveryReport[] {
  const q = callbackParams(req);
  const smsId = q.get('SMSID');
  if (!smsId) return [];
  const status = q.get('SendStatus');
  const success = Number(q.get('SendSuccess') ?? 0);
  const failed = Number(q.get('SendFailed') ?? 0);
  const price = Number(q.get('TotalPrice'));
  const base = {
    channel: 'sms' as const,
    providerMessageId: smsId,
    ...(q.get('RequestId') ? { trackingId: q.get('RequestId')! } : {}),
    at: new Date(),
    ...(Number.isFinite(price) && price > 0 ? { costVnd: price } : {}),
  };
  if (status === '5' && success > 0) return [{ ...base, state: 'delivered' }];
  if (status === '5' && failed > 0) return [{ ...base, state: 'failed', code: q.get('error_info') || 'SendFailed' }];
  if (status === '4') return [{ ...base, state: 'failed', code: 'rejected' }];
  return [];
}
