import { isRecord, sameDigest, sha256Hex, str, tryParseJson } from '../shared.ts';
import type {
  InboundAttachment,
  InboundEvent,
  InboundPerson,
  RawRequest,
  WebhookEnvelope,
  WebhookVerdict,
} from '../types.ts';

export type SignatureVariant = 'app_id+oa_secret' | 'app_id+app_secret' | 'oa_id+oa_secret' | 'oa_id+app_secret';

export interface ZaloWebhookOptions {
  appId: string;
  oaId: string;
  /** the "OA Secret Key" of the webhook page */
  oaSecretKey: string;
  appSecret?: string;
  /** accepted variants of PROVIDERS.md §1.6 (first term × secret), unconfirmed upstream so configurable (§9.1) */
  variants: readonly SignatureVariant[];
  /** events whose body timestamp is older than this are refused as replays */
  maxAgeSeconds: number;
  now?: () => number;
}

/** The signature Zalo puts in X-ZEvent-Signature: mac = sha256(firstTerm + rawBody + timestamp + secret). */
export function zaloMac(firstTerm: string, rawBody: string, timestamp: string, secret: string): string {
  return sha256Hex(firstTerm + rawBody + timestamp + secret);
}

// verify and envelope look at the same delivery one after the other: parse its body once
let lastParsed: { raw: string; value: unknown } | undefined;
function parseOnce(raw: string): unknown {
  if (lastParsed?.raw !== raw) lastParsed = { raw, value: tryParseJson(raw) };
  return lastParsed.value;
}

function bodyTimestamp(raw: string): { body: Record<string, unknown>; timestamp: string } | null {
  const body = parseOnce(raw);
  if (!isRecord(body)) return null;
  const timestamp = str(body.timestamp);
  if (!timestamp || !/^\d{10,16}$/.test(timestamp)) return null;
  return { body, timestamp };
}

/** Signature on the raw body (any configured variant, constant time), then the replay window. */
export function verifyZaloWebhook(req: RawRequest, opts: ZaloWebhookOptions): WebhookVerdict {
  const parsed = bodyTimestamp(req.rawBody);
  if (!parsed) return { ok: false, reason: 'malformed' };
  const header = req.headers['x-zevent-signature'] ?? '';
  const given = header.startsWith('mac=') ? header.slice(4).trim() : '';
  let matched: string | undefined;
  for (const variant of opts.variants) {
    const [first, secretKind] = variant.split('+') as ['app_id' | 'oa_id', 'oa_secret' | 'app_secret'];
    const secret = secretKind === 'oa_secret' ? opts.oaSecretKey : opts.appSecret;
    if (!secret) continue;
    const expected = zaloMac(first === 'app_id' ? opts.appId : opts.oaId, req.rawBody, parsed.timestamp, secret);
    // every variant is computed and compared, so timing does not tell which one is configured
    if (given && sameDigest(given, expected)) matched ??= variant;
  }
  if (!matched) return { ok: false, reason: 'bad_signature' };
  const now = opts.now?.() ?? Date.now();
  const ts = Number(parsed.timestamp);
  if (now - ts > opts.maxAgeSeconds * 1000 || ts - now > 5 * 60_000) return { ok: false, reason: 'stale' };
  return { ok: true, variant: matched };
}

const id = (v: unknown) => (isRecord(v) ? str(v.id) : undefined);

/**
 * Dedupe key of one Zalo event: the message id with the event name (an OA message's id comes back in its echo, its
 * receipt and its seen event), else event name + timestamp + the user (PROVIDERS.md §1.6).
 */
export function zaloEnvelope(req: RawRequest): WebhookEnvelope | null {
  const parsed = bodyTimestamp(req.rawBody);
  if (!parsed) return null;
  const { body, timestamp } = parsed;
  const eventName = str(body.event_name);
  if (!eventName || !/^[a-z_]{3,64}$/.test(eventName)) return null;
  const message = isRecord(body.message) ? body.message : undefined;
  if (eventName.startsWith('user_send_') || eventName.startsWith('oa_send_')) {
    if (!message || !str(message.msg_id) || !id(body.sender) || !id(body.recipient)) return null;
  }
  if (eventName === 'user_seen_message' && !Array.isArray(message?.msg_ids)) return null;
  if ((eventName === 'follow' || eventName === 'unfollow') && !id(body.follower)) return null;
  const msgId = str(message?.msg_id);
  const msgIds = Array.isArray(message?.msg_ids) ? message.msg_ids.map(String).sort().join(',') : undefined;
  const who = id(body.sender) ?? id(body.follower) ?? '';
  const key = msgId ? `${eventName}:${msgId}` : msgIds ? `${eventName}:${sha256Hex(msgIds)}` : undefined;
  return { dedupeKey: key ?? `${eventName}:${timestamp}:${who}`, eventType: eventName };
}

function attachmentOf(a: unknown): InboundAttachment | null {
  if (!isRecord(a)) return null;
  const type = str(a.type);
  const p = isRecord(a.payload) ? a.payload : {};
  const url = str(p.url) ?? '';
  switch (type) {
    case 'image':
    case 'gif':
      return { kind: 'image', url, thumbnailUrl: str(p.thumbnail) };
    case 'file':
      return {
        kind: 'file',
        url,
        name: str(p.name),
        sizeBytes: Number(p.size) || undefined,
        mimeType: str(p.type),
      };
    case 'audio':
      return { kind: 'audio', url };
    case 'video':
      return { kind: 'video', url, thumbnailUrl: str(p.thumbnail) };
    case 'sticker':
      return { kind: 'sticker', url, name: str(p.id) };
    case 'link':
      return { kind: 'link', url, name: str(p.description), thumbnailUrl: str(p.thumbnail) };
    case 'location': {
      const c = isRecord(p.coordinates) ? p.coordinates : {};
      const lat = Number(c.latitude);
      const lng = Number(c.longitude);
      return {
        kind: 'location',
        url: `https://www.google.com/maps?q=${lat},${lng}`,
        latitude: lat,
        longitude: lng,
      };
    }
    case 'business_card':
      return { kind: 'file', url: str(p.thumbnail) ?? '', name: str(p.description) };
    default:
      return null;
  }
}

/** The normalised events of one Zalo OA webhook delivery (one event per delivery). */
export async function parseZaloWebhook(req: RawRequest): Promise<InboundEvent[]> {
  const body = tryParseJson(req.rawBody);
  if (!isRecord(body)) return [];
  const eventName = str(body.event_name) ?? '';
  const at = new Date(Number(str(body.timestamp)) || Date.now());
  const appScopedId = str(body.user_id_by_app);
  const message = isRecord(body.message) ? body.message : {};
  const person = (externalId: string | undefined): InboundPerson => ({
    externalId: externalId ?? '',
    ...(appScopedId ? { appScopedId } : {}),
  });

  if (eventName.startsWith('user_send_') || eventName.startsWith('oa_send_')) {
    const echo = eventName.startsWith('oa_send_');
    const user = echo ? id(body.recipient) : id(body.sender);
    const oa = echo ? id(body.sender) : id(body.recipient);
    const attachments = (Array.isArray(message.attachments) ? message.attachments : [])
      .map(attachmentOf)
      .filter((a): a is InboundAttachment => a !== null);
    const sticker = attachments.find((a) => a.kind === 'sticker');
    return [
      {
        type: 'message',
        providerMessageId: str(message.msg_id) ?? '',
        person: person(user),
        inboxKey: oa ?? '',
        contentType: eventName.replace(/^(user|oa)_send_/, ''),
        text: str(message.text),
        attachments,
        at,
        echo,
        ...(sticker?.name ? { payload: sticker.name } : {}),
        ...(str(message.quote_msg_id) ? { replyToProviderMessageId: str(message.quote_msg_id) } : {}),
      },
    ];
  }
  if (eventName === 'user_received_message' || eventName === 'user_seen_message') {
    const ids =
      eventName === 'user_seen_message'
        ? (Array.isArray(message.msg_ids) ? message.msg_ids : []).map(String)
        : [str(message.msg_id)].filter((x): x is string => !!x);
    return [
      {
        type: eventName === 'user_seen_message' ? 'read' : 'delivered',
        person: person(id(body.recipient)),
        inboxKey: id(body.sender) ?? '',
        providerMessageIds: ids,
        at,
      },
    ];
  }
  if (eventName === 'follow' || eventName === 'unfollow') {
    return [{ type: eventName, person: person(id(body.follower)), inboxKey: str(body.oa_id) ?? '', at }];
  }
  if (eventName === 'user_submit_info') {
    const info = isRecord(body.info) ? body.info : {};
    const address = [info.address, info.ward, info.district, info.city].map(str).filter(Boolean).join(', ');
    return [
      {
        type: 'contact_info',
        person: person(id(body.sender)),
        inboxKey: id(body.recipient) ?? str(body.oa_id) ?? '',
        info: { name: str(info.name), phone: str(info.phone), ...(address ? { address } : {}) },
        at,
      },
    ];
  }
  return [{ type: 'ignored', eventName }];
}
