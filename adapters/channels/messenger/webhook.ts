import { createHmac } from 'node:crypto';
import { isRecord, sameDigest, sha256Hex, str, tryParseJson } from '../shared.ts';
import type { InboundAttachment, InboundEvent, RawRequest, WebhookEnvelope, WebhookVerdict } from '../types.ts';

export interface MessengerWebhookOptions {
  appSecret: string;
  verifyToken: string;
}

/** `sha256=<hex HMAC-SHA256(app secret, raw body)>` as Meta signs deliveries (§4.2). */
export function messengerSignature(appSecret: string, rawBody: string): string {
  return `sha256=${createHmac('sha256', appSecret).update(rawBody, 'utf8').digest('hex')}`;
}

/** The GET subscription handshake (§4.1): the challenge to echo, or null (→ 403). */
export function messengerHandshake(
  query: Record<string, string | undefined>,
  opts: Pick<MessengerWebhookOptions, 'verifyToken'>,
): string | null {
  const token = query['hub.verify_token'] ?? '';
  if (query['hub.mode'] !== 'subscribe' || !sameDigest(token, opts.verifyToken)) return null;
  return query['hub.challenge'] ?? null;
}

export function verifyMessengerWebhook(req: RawRequest, opts: MessengerWebhookOptions): WebhookVerdict {
  const body = tryParseJson(req.rawBody);
  if (!isRecord(body)) return { ok: false, reason: 'malformed' };
  const given = req.headers['x-hub-signature-256'] ?? '';
  if (!given.startsWith('sha256=') || !sameDigest(given, messengerSignature(opts.appSecret, req.rawBody))) {
    return { ok: false, reason: 'bad_signature' };
  }
  return { ok: true };
}

/**
 * A Messenger delivery batches several entries and events; it is stored whole and keyed by its hash (Meta re-sends
 * the same bytes). Messages inside are de-duplicated again by their mid.
 */
export function messengerEnvelope(req: RawRequest): WebhookEnvelope | null {
  const body = tryParseJson(req.rawBody);
  if (!isRecord(body) || body.object !== 'page' || !Array.isArray(body.entry)) return null;
  const ok = body.entry.every((e) => isRecord(e) && str(e.id) && Array.isArray(e.messaging ?? []));
  if (!ok) return null;
  const kinds = new Set<string>();
  for (const e of body.entry as Record<string, unknown>[]) {
    for (const m of (e.messaging as unknown[] | undefined) ?? []) {
      if (!isRecord(m)) continue;
      const kind = ['message', 'postback', 'delivery', 'read', 'reaction', 'referral', 'optin'].find((k) => k in m);
      kinds.add(kind ?? 'other');
    }
  }
  return { dedupeKey: `sha256:${sha256Hex(req.rawBody)}`, eventType: [...kinds].sort().join('+') || 'empty' };
}

function attachmentOf(a: unknown): InboundAttachment | null {
  if (!isRecord(a)) return null;
  const p = isRecord(a.payload) ? a.payload : {};
  const url = str(p.url) ?? '';
  const type = str(a.type);
  if (p.sticker_id !== undefined) return { kind: 'sticker', url, name: str(p.sticker_id) };
  if (type === 'image' || type === 'audio' || type === 'video' || type === 'file') {
    return { kind: type, url, ...(str(p.title) ? { name: str(p.title) } : {}) };
  }
  if (type === 'location' && isRecord(p.coordinates)) {
    const lat = Number(p.coordinates.lat);
    const lng = Number(p.coordinates.long);
    return { kind: 'location', url: `https://www.google.com/maps?q=${lat},${lng}`, latitude: lat, longitude: lng };
  }
  return url ? { kind: 'link', url, name: str(p.title) } : null;
}

export async function parseMessengerWebhook(req: RawRequest): Promise<InboundEvent[]> {
  const body = tryParseJson(req.rawBody);
  if (!isRecord(body) || !Array.isArray(body.entry)) return [];
  const out: InboundEvent[] = [];
  for (const entry of body.entry) {
    if (!isRecord(entry)) continue;
    const pageId = str(entry.id) ?? '';
    for (const ev of Array.isArray(entry.messaging) ? entry.messaging : []) {
      if (!isRecord(ev)) continue;
      const sender = isRecord(ev.sender) ? str(ev.sender.id) : undefined;
      const recipient = isRecord(ev.recipient) ? str(ev.recipient.id) : undefined;
      const at = new Date(Number(ev.timestamp) || Date.now());
      if (isRecord(ev.message)) {
        const m = ev.message;
        const echo = m.is_echo === true;
        const attachments = (Array.isArray(m.attachments) ? m.attachments : [])
          .map(attachmentOf)
          .filter((a): a is InboundAttachment => a !== null);
        const quick = isRecord(m.quick_reply) ? str(m.quick_reply.payload) : undefined;
        const replyTo = isRecord(m.reply_to) ? str(m.reply_to.mid) : undefined;
        out.push({
          type: 'message',
          providerMessageId: str(m.mid) ?? '',
          person: { externalId: (echo ? recipient : sender) ?? '' },
          inboxKey: pageId,
          contentType: attachments[0]?.kind ?? 'text',
          text: str(m.text),
          attachments,
          at,
          echo,
          ...(quick ? { payload: quick } : {}),
          ...(replyTo ? { replyToProviderMessageId: replyTo } : {}),
        });
      } else if (isRecord(ev.postback)) {
        const p = ev.postback;
        out.push({
          type: 'message',
          // a postback may come without mid: its timestamp and sender identify it
          providerMessageId: str(p.mid) ?? `postback-${sender}-${ev.timestamp}`,
          person: { externalId: sender ?? '' },
          inboxKey: pageId,
          contentType: 'postback',
          text: str(p.title),
          attachments: [],
          at,
          echo: false,
          ...(str(p.payload) ? { payload: str(p.payload) } : {}),
        });
      } else if (isRecord(ev.delivery) || isRecord(ev.read)) {
        const r = (ev.delivery ?? ev.read) as Record<string, unknown>;
        const watermark = Number(r.watermark);
        out.push({
          type: isRecord(ev.delivery) ? 'delivered' : 'read',
          person: { externalId: sender ?? '' },
          inboxKey: pageId,
          providerMessageIds: Array.isArray(r.mids) ? r.mids.map(String) : [],
          ...(watermark ? { watermark: new Date(watermark) } : {}),
          at,
        });
      } else {
        const name = ['reaction', 'referral', 'optin', 'account_linking'].find((k) => k in ev) ?? 'unknown';
        out.push({ type: 'ignored', eventName: name });
      }
    }
  }
  return out;
}
