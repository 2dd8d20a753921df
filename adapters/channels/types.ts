/**
 * The contract between the hub and every channel provider (DESIGN.md §5). The hub's outbound worker and webhook
 * intake see only this; each provider folder implements it. Adapters import nothing from hub/.
 */

export type ChannelName = 'zalo_oa' | 'zns' | 'messenger' | 'sms' | 'email' | 'miniapp';

export interface OutboundAttachment {
  kind: 'image' | 'file';
  url: string;
  name?: string;
}

export interface OutboundMessage {
  /** the channel's recipient id: Zalo OA user_id, Messenger PSID, email address */
  to: string;
  text: string;
  attachments?: OutboundAttachment[];
  /** Messenger: send outside the 24-hour window with this tag (HUMAN_AGENT) */
  messagingTag?: string;
  /** email only: threading and subject */
  email?: { subject: string; messageId: string; inReplyTo?: string; references?: string[] };
}

export interface SendResult {
  /** the provider's id of the sent message, as delivery and read events will name it */
  providerMessageId: string;
  /** quota or cost details the provider reported (Zalo `quota`), as strings */
  quota?: Record<string, string>;
  /** true when the provider confirms delivery to the recipient's mailbox on acceptance (final SMTP hop) */
  delivered?: boolean;
}

/** What a webhook intake hands an adapter: the body exactly as received. Header names are lower-case. */
export interface RawRequest {
  headers: Record<string, string | undefined>;
  rawBody: string;
  /** the URL's query string without '?': providers that call back with GET and parameters (eSMS) need it */
  query?: string;
}

export interface InboundAttachment {
  kind: 'image' | 'file' | 'audio' | 'video' | 'sticker' | 'location' | 'link';
  url: string;
  name?: string;
  mimeType?: string;
  sizeBytes?: number;
  thumbnailUrl?: string;
  latitude?: number;
  longitude?: number;
  /** email attachments: the bytes themselves (the hub stores them) */
  content?: Buffer;
}

export interface InboundPerson {
  /** the channel id of the person: Zalo OA user_id, PSID, lower-cased email */
  externalId: string;
  /** Zalo user_id_by_app */
  appScopedId?: string;
  displayName?: string;
}

/** A message from a person, or one the business sent outside the hub (echo). */
export interface InboundMessageEvent {
  type: 'message';
  providerMessageId: string;
  /** the person (for echoes: the recipient) */
  person: InboundPerson;
  /** which inbox of the channel: OA id, Page id, clinic mailbox */
  inboxKey: string;
  /** text, image, file, sticker, location, link, postback, email… */
  contentType: string;
  text?: string;
  attachments: InboundAttachment[];
  at: Date;
  /** sent by the business from the provider's own tool (Zalo OA admin page, Meta Business Suite) */
  echo: boolean;
  /** postback / quick-reply payload, sticker id */
  payload?: string;
  replyToProviderMessageId?: string;
  email?: { subject?: string; messageId: string; inReplyTo?: string; references: string[]; from: string };
}

/** The provider delivered or showed our messages: named ones, or all sent before `watermark`. */
export interface InboundReceiptEvent {
  type: 'delivered' | 'read';
  person: InboundPerson;
  inboxKey: string;
  providerMessageIds: string[];
  watermark?: Date;
  at: Date;
}

/** The provider reports our messages could not be delivered (an email delivery-status report). */
export interface InboundFailureEvent {
  type: 'failed';
  inboxKey: string;
  providerMessageIds: string[];
  code: string;
  reason: string;
  at: Date;
}

export interface InboundFollowEvent {
  type: 'follow' | 'unfollow';
  person: InboundPerson;
  inboxKey: string;
  at: Date;
}

/** The person shared contact details (Zalo user_submit_info). */
export interface InboundContactInfoEvent {
  type: 'contact_info';
  person: InboundPerson;
  inboxKey: string;
  info: { name?: string; phone?: string; address?: string };
  at: Date;
}

/** An event the hub keeps raw but does not act on (reactions, template status, unknown names). */
export interface InboundIgnoredEvent {
  type: 'ignored';
  eventName: string;
}

export type InboundEvent =
  | InboundMessageEvent
  | InboundReceiptEvent
  | InboundFailureEvent
  | InboundFollowEvent
  | InboundContactInfoEvent
  | InboundIgnoredEvent;

/** One provider event as the intake stores it: its own dedupe key and type name. */
export interface WebhookEnvelope {
  dedupeKey: string;
  eventType: string;
}

export interface ChannelAdapter {
  readonly channel: ChannelName;
  /** Sends one message; throws PermanentError, RateLimitError or TransientError (./errors.ts). */
  send(msg: OutboundMessage): Promise<SendResult>;
  /** Checks the provider's signature on the raw body (constant time). */
  verifyWebhook?(req: RawRequest): WebhookVerdict;
  /** The dedupe key and type of a verified delivery, or null when its shape is not the provider's (→ 400). */
  webhookEnvelope?(req: RawRequest): WebhookEnvelope | null;
  /** Normalised events of one stored delivery. */
  parseWebhook?(req: RawRequest): Promise<InboundEvent[]>;
}

export type WebhookVerdict =
  | { ok: true; variant?: string }
  | { ok: false; reason: 'malformed' | 'bad_signature' | 'stale' };
