import { isRecord, str, tryParseJson } from '../../channels/shared.ts';
import type { RawRequest, WebhookVerdict } from '../../channels/types.ts';
import { verifyZaloWebhook, type ZaloWebhookOptions } from '../../channels/zalo-oa/index.ts';
import type { DeliveryReport } from '../types.ts';

/** ZNS events come signed like every Zalo webhook (PROVIDERS.md §2.4, §1.6): same verifier, same variants. */
export function verifyZnsCallback(req: RawRequest, opts: ZaloWebhookOptions): WebhookVerdict {
  return verifyZaloWebhook(req, opts);
}

const msToDate = (v: string | undefined) => (v && /^\d{10,16}$/.test(v) ? new Date(Number(v)) : undefined);

/**
 * `user_received_message` for a ZNS send → delivered, matched by msg_id and echoing our tracking_id. Parsed in both
 * shapes seen (nested under `message`, and flat); an OA consultation receipt (recipient is a user id, no
 * delivery_time, no X-ZEvent-Server) is not a ZNS report. Template-status, quota and feedback events give nothing.
 */
export function parseZnsCallback(req: RawRequest): DeliveryReport[] {
  const body = tryParseJson(req.rawBody);
  if (!isRecord(body) || str(body.event_name) !== 'user_received_message') return [];
  const m = isRecord(body.message) ? body.message : body;
  const msgId = str(m.msg_id);
  if (!msgId) return [];
  const recipient = isRecord(body.recipient) ? str(body.recipient.id) : undefined;
  const deliveryTime = str(m.delivery_time);
  const fromZns =
    req.headers['x-zevent-server']?.toUpperCase() === 'ZNS' ||
    deliveryTime !== undefined ||
    /^84\d{9,10}$/.test(recipient ?? '');
  if (!fromZns) return [];
  const trackingId = str(m.tracking_id);
  return [
    {
      channel: 'zns',
      providerMessageId: msgId,
      ...(trackingId ? { trackingId } : {}),
      state: 'delivered',
      at: msToDate(deliveryTime) ?? msToDate(str(body.timestamp)) ?? new Date(),
    },
  ];
}
