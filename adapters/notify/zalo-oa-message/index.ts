import { PermanentError } from '../../channels/errors.ts';
import { isRecord, str, tryParseJson } from '../../channels/shared.ts';
import type { RawRequest } from '../../channels/types.ts';
import {
  sendConsultation,
  verifyZaloWebhook,
  type ZaloOaClientOptions,
  type ZaloWebhookOptions,
} from '../../channels/zalo-oa/index.ts';
import type { DeliveryReport, NotifyAdapter, NotifyMessage } from '../types.ts';

export type ZaloOaMessageOptions = ZaloOaClientOptions & { oaId: string; webhook: ZaloWebhookOptions };

/** Title, body and link as one consultation text (links are clickable in Zalo chats). */
function consultationText(text: NonNullable<NotifyMessage['text']>): string {
  return [text.title, text.body, text.link].filter((x): x is string => !!x?.trim()).join('\n');
}

/**
 * A receipt for an OA message (PROVIDERS.md §1.6): `user_received_message` → delivered, `user_seen_message` (plural
 * msg_ids) → read. A ZNS receipt (recipient is a phone, delivery_time set, X-ZEvent-Server: ZNS) is not ours.
 */
function parseOaReceipts(req: RawRequest): DeliveryReport[] {
  const body = tryParseJson(req.rawBody);
  if (!isRecord(body) || !isRecord(body.message) || req.headers['x-zevent-server']?.toUpperCase() === 'ZNS') return [];
  const event = str(body.event_name);
  const ts = str(body.timestamp);
  const at = ts && /^\d{10,16}$/.test(ts) ? new Date(Number(ts)) : new Date();
  if (event === 'user_received_message' && body.message.delivery_time === undefined) {
    const id = str(body.message.msg_id);
    return id ? [{ channel: 'zalo_oa', providerMessageId: id, state: 'delivered', at }] : [];
  }
  if (event === 'user_seen_message' && Array.isArray(body.message.msg_ids)) {
    return body.message.msg_ids
      .map((v) => str(v))
      .filter((id): id is string => !!id)
      .map((id) => ({ channel: 'zalo_oa' as const, providerMessageId: id, state: 'read' as const, at }));
  }
  return [];
}

/**
 * The Zalo OA consultation message as a notification channel, within the 7-day window (outside it Zalo answers -230:
 * PermanentError, the plan moves on). Sends through the inbox's OA client, so token renewal and error classes are the
 * same; receipts arrive on the OA webhook (/webhooks/zalo-oa) and parse here into delivery reports.
 */
export function createZaloOaMessageAdapter(opts: ZaloOaMessageOptions): NotifyAdapter {
  return {
    channel: 'zalo_oa',
    provider: 'zalo_oa',
    account: opts.oaId,
    async send(msg) {
      if (!msg.text?.body.trim()) throw new PermanentError('local_no_text', 'Thông báo chưa có nội dung tin Zalo');
      const res = await sendConsultation(opts, { to: msg.to, text: consultationText(msg.text) });
      return { providerMessageId: res.providerMessageId };
    },
    verifyCallback: (req) => verifyZaloWebhook(req, opts.webhook),
    parseCallback: parseOaReceipts,
  };
}
