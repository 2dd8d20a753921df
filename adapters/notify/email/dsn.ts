import { bareMessageId, parseDeliveryStatus, rawToMime } from '../../channels/email/index.ts';
import type { RawRequest, WebhookVerdict } from '../../channels/types.ts';
import type { DeliveryReport } from '../types.ts';
import { openEnvelopeId } from './envelope-id.ts';

/**
 * Delivery reports (RFC 3464 multipart/report) come back by mail to the bounce address, i.e. the hub's SMTP listener,
 * as a RawRequest made by `mimeToRaw`. Their delivery-status part is plain text (7bit), read here without a MIME
 * parser so the check stays synchronous.
 */
function report(req: RawRequest) {
  const raw = rawToMime(req).toString('utf8');
  const head = raw.slice(0, Math.max(0, raw.search(/\r?\n\r?\n/)));
  if (!/^content-type:\s*multipart\/report\s*;[\s\S]*?report-type\s*=\s*"?delivery-status/im.test(head)) return null;
  return { raw, head, status: parseDeliveryStatus(raw.slice(head.length)) };
}

export function verifyDsn(req: RawRequest, secret: string): WebhookVerdict {
  const r = report(req);
  if (!r) return { ok: false, reason: 'malformed' };
  return openEnvelopeId(r.status.envelopeId, secret) ? { ok: true } : { ok: false, reason: 'bad_signature' };
}

/**
 * delivered / relayed / expanded → delivered; failed → failed with the status code (5.x.x); delayed reports nothing
 * (the relay keeps trying). The message is named by the Message-ID in the returned headers, else by the tracking id
 * in the envelope id and the From domain.
 */
export function parseDsn(req: RawRequest, secret: string, domain: string): DeliveryReport[] {
  const r = report(req);
  const trackingId = r ? openEnvelopeId(r.status.envelopeId, secret) : null;
  if (!r || !trackingId || !r.status.action) return [];
  const returned = r.raw.slice(r.raw.search(/^content-type:\s*(text\/rfc822-headers|message\/rfc822)/im) >>> 0);
  const original = returned.match(/^message-id:\s*(<[^>\r\n]+>|\S+)/im)?.[1];
  const date = new Date(r.head.match(/^date:\s*(.+)$/im)?.[1] ?? '');
  const base = {
    channel: 'email' as const,
    providerMessageId: original ? bareMessageId(original) : `${trackingId}@${domain}`,
    trackingId,
    at: Number.isNaN(date.getTime()) ? new Date() : date,
  };
  if (['delivered', 'relayed', 'expanded'].includes(r.status.action)) return [{ ...base, state: 'delivered' }];
  if (r.status.action === 'failed') return [{ ...base, state: 'failed', code: r.status.status ?? '5.0.0' }];
  return [];
}
