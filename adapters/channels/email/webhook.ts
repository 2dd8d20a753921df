import { type AddressObject, type ParsedMail, simpleParser } from 'mailparser';
import { sha256Hex } from '../shared.ts';
import type { InboundAttachment, InboundEvent, RawRequest, WebhookEnvelope } from '../types.ts';

/**
 * Email arrives over SMTP, not HTTP: the listener stores the raw MIME in a RawRequest whose `x-medicrm-encoding`
 * header says how the bytes were kept as text (utf8 when valid, else latin1, which round-trips any byte).
 */
export function mimeToRaw(bytes: Buffer): RawRequest {
  const utf8 = bytes.toString('utf8');
  const lossless = Buffer.from(utf8, 'utf8').equals(bytes);
  return {
    headers: { 'x-medicrm-encoding': lossless ? 'utf8' : 'latin1' },
    rawBody: lossless ? utf8 : bytes.toString('latin1'),
  };
}

export function rawToMime(req: RawRequest): Buffer {
  return Buffer.from(req.rawBody, req.headers['x-medicrm-encoding'] === 'latin1' ? 'latin1' : 'utf8');
}

/** `<abc@host>` → `abc@host` */
export function bareMessageId(id: string): string {
  return id.trim().replace(/^<|>$/g, '');
}

function headerMessageId(raw: string): string | undefined {
  const head = raw.slice(0, raw.search(/\r?\n\r?\n/) >>> 0 || raw.length);
  const m = head.match(/^message-id:\s*(<[^>\r\n]+>|\S+)/im);
  return m ? bareMessageId(m[1]!) : undefined;
}

/** Keyed by Message-ID (a re-delivered mail keeps it), or by the hash of the bytes when it has none. */
export function emailEnvelope(req: RawRequest): WebhookEnvelope | null {
  if (!/\r?\n\r?\n/.test(req.rawBody) || !/^[\x21-\x39\x3b-\x7e]+:/m.test(req.rawBody)) return null;
  const id = headerMessageId(req.rawBody);
  const report = /^content-type:\s*multipart\/report/im.test(req.rawBody) ? 'delivery_report' : 'email';
  return { dedupeKey: id ? `mid:${id}` : `sha256:${sha256Hex(rawToMime(req))}`, eventType: report };
}

const firstAddress = (a: AddressObject | AddressObject[] | undefined) =>
  (Array.isArray(a) ? a[0] : a)?.value[0] ?? undefined;

function references(p: ParsedMail): string[] {
  const r = p.references;
  return (Array.isArray(r) ? r : r ? r.split(/\s+/) : []).map(bareMessageId).filter(Boolean);
}

/** Parses an RFC 3464 delivery-status body: per-recipient Action and Status. */
export function parseDeliveryStatus(text: string): {
  envelopeId?: string;
  action?: string;
  status?: string;
  diag?: string;
} {
  const field = (name: string) => text.match(new RegExp(`^${name}:\\s*(.+)$`, 'im'))?.[1]?.trim();
  return {
    envelopeId: field('Original-Envelope-Id'),
    action: field('Action')?.toLowerCase(),
    status: field('Status'),
    diag: field('Diagnostic-Code'),
  };
}

/** Normalised events of one received email: a message, or a delivery report about one of ours. */
export async function parseEmail(req: RawRequest, inboxAddress: string): Promise<InboundEvent[]> {
  const parsed = await simpleParser(rawToMime(req), { skipImageLinks: true });
  const at = parsed.date ?? new Date();
  const type = parsed.headers.get('content-type') as { value?: string; params?: Record<string, string> } | undefined;
  const isReport = type?.value === 'multipart/report' && /delivery-status/i.test(type.params?.['report-type'] ?? '');
  if (isReport) {
    // mailparser keeps message/delivery-status as text, or as an attachment for the global (UTF-8) variant
    const dsnPart = parsed.attachments.find((a) => /^message\/(global-)?delivery-status$/.test(a.contentType));
    const d = parseDeliveryStatus(dsnPart ? dsnPart.content.toString('utf8') : (parsed.text ?? ''));
    const original = parsed.attachments.find((a) => /^(message\/rfc822|text\/rfc822-headers)/.test(a.contentType));
    const originalId = original ? headerMessageId(original.content.toString('utf8')) : undefined;
    const ids = [d.envelopeId, originalId].filter((x): x is string => !!x).map(bareMessageId);
    if (ids.length === 0 || !d.action) return [{ type: 'ignored', eventName: 'delivery_report' }];
    if (d.action === 'delivered' || d.action === 'relayed' || d.action === 'expanded') {
      return [
        {
          type: 'delivered',
          person: { externalId: '' },
          inboxKey: inboxAddress,
          providerMessageIds: [...new Set(ids)],
          at,
        },
      ];
    }
    if (d.action === 'failed') {
      return [
        {
          type: 'failed',
          inboxKey: inboxAddress,
          providerMessageIds: [...new Set(ids)],
          code: d.status ?? '5.0.0',
          reason: 'Thư không đến được người nhận (máy chủ nhận trả về báo lỗi)',
          at,
        },
      ];
    }
    return [{ type: 'ignored', eventName: `delivery_report_${d.action}` }];
  }
  const from = firstAddress(parsed.from);
  if (!from?.address) return [{ type: 'ignored', eventName: 'email_without_sender' }];
  const messageId = parsed.messageId ? bareMessageId(parsed.messageId) : `sha256-${sha256Hex(rawToMime(req))}`;
  const attachments: InboundAttachment[] = parsed.attachments
    .filter((a) => a.contentDisposition !== 'inline' || !a.related)
    .map((a) => ({
      kind: a.contentType.startsWith('image/') ? 'image' : 'file',
      url: '',
      name: a.filename ?? 'tep-dinh-kem',
      mimeType: a.contentType,
      sizeBytes: a.size,
      content: a.content,
    }));
  const text = (parsed.text ?? (typeof parsed.html === 'string' ? parsed.html.replace(/<[^>]+>/g, ' ') : '')).trim();
  const inReplyTo = parsed.inReplyTo ? bareMessageId(parsed.inReplyTo) : undefined;
  return [
    {
      type: 'message',
      providerMessageId: messageId,
      person: { externalId: from.address.toLowerCase(), ...(from.name ? { displayName: from.name } : {}) },
      inboxKey: inboxAddress.toLowerCase(),
      contentType: 'email',
      text: text.normalize('NFC'),
      attachments,
      at,
      echo: false,
      email: {
        subject: parsed.subject?.normalize('NFC'),
        messageId,
        ...(inReplyTo ? { inReplyTo } : {}),
        references: references(parsed),
        from: from.address.toLowerCase(),
      },
    },
  ];
}
