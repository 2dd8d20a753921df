import { isRecord, str, tryParseJson } from '../../../channels/shared.ts';
import type { RawRequest, WebhookVerdict } from '../../../channels/types.ts';
import type { DeliveryReport } from '../../types.ts';
import { callbackToken, verifyCallbackToken } from '../gateway.ts';

/**
 * SpeedSMS posts JSON to the URL set in its dashboard (PROVIDERS.md §5.2; payload [UNCONFIRMED], shape from a client
 * implementation: `{type: "report", tranId, phone, status}`). Unsigned: the registered URL carries our token.
 */
export function verifySpeedSmsCallback(req: RawRequest, accessToken: string): WebhookVerdict {
  const body = tryParseJson(req.rawBody);
  if (!isRecord(body) || !str(body.type)) return { ok: false, reason: 'malformed' };
  return verifyCallbackToken(req, callbackToken(accessToken, 'speedsms'));
}

/** status 0 delivered; 1–63 a temporary failure the carrier retries (not final: nothing); ≥ 64 failed. */
export function parseSpeedSmsCallback(req: RawRequest): DeliveryReport[] {
  const body = tryParseJson(req.rawBody);
  if (!isRecord(body) || str(body.type) !== 'report') return [];
  const tranId = str(body.tranId);
  const status = Number(str(body.status));
  if (!tranId || !Number.isInteger(status)) return [];
  const base = { channel: 'sms' as const, providerMessageId: tranId, at: new Date() };
  if (status === 0) return [{ ...base, state: 'delivered' }];
  if (status >= 64) return [{ ...base, state: 'failed', code: String(status) }];
  return [];
}
