/**
 * The contract between the notification engine (hub/notify) and every notification provider: ZNS by phone, SMS
 * Brandname (eSMS, SpeedSMS), email, Zalo OA consultation message, Mini App notification. Adapters import nothing
 * from hub/. Failures are thrown as the channel errors of ../channels/errors.ts:
 * PermanentError (try the next channel of the plan), RateLimitError (wait retryAfterMs; a used-up daily quota is a
 * RateLimitError with providerCode 'quota' and the wait until the quota resets), TransientError (retry with backoff).
 * An expired token is handled inside the adapter (refresh once, retry once) and never reaches the engine as such.
 */
import type { RawRequest, WebhookVerdict } from '../channels/types.ts';

export type NotifyChannel = 'zns' | 'sms' | 'email' | 'zalo_oa' | 'miniapp';

/** One rendered message for one channel, ready to send. */
export interface NotifyMessage {
  /** the hub's notification id: the adapter passes it as the provider's tracking id / request id where one exists */
  trackingId: string;
  /** zns, sms: 84xxxxxxxxx; email: address; zalo_oa: OA user_id; miniapp: Mini App (app-scoped) user id */
  to: string;
  /** zns: template id + typed data, as the provider's template defines them */
  zns?: { templateId: string; templateData: Record<string, string | number> };
  /** sms: final text (diacritics already stripped when configured); isUnicode when it keeps Vietnamese marks */
  sms?: { text: string; unicode: boolean };
  /** email: subject, text and html; unsubscribeUrl set on everything not transactional (one-click, RFC 8058) */
  email?: { subject: string; text: string; html: string; unsubscribeUrl?: string };
  /** zalo_oa (within the window) / miniapp: plain text, an optional deep link (Mini App path or web URL) */
  text?: { body: string; title?: string; link?: string };
}

export interface NotifySendResult {
  /** the provider's id; delivery callbacks name it (ZNS msg_id, eSMS SMSID, SpeedSMS tranId, Message-ID…) */
  providerMessageId: string;
  /** what the provider said it charges, in VND, when it says */
  costVnd?: number;
  /** ZNS: the quota left after this send, as the response reports it */
  remainingQuota?: number;
  /** the provider confirmed delivery on acceptance (final SMTP hop) */
  delivered?: boolean;
  /**
   * The provider had already accepted this tracking id (a retry after a lost answer; eSMS code 124): nothing new went
   * out. providerMessageId is then the provider's id when it gives one, else the tracking id (reports carry it too).
   */
  duplicate?: boolean;
}

/** A delivery report the provider pushed or that a poll returned, matched to an attempt by providerMessageId. */
export interface DeliveryReport {
  channel: NotifyChannel;
  providerMessageId: string;
  /** the hub's tracking id when the provider echoes it (ZNS tracking_id) */
  trackingId?: string;
  state: 'delivered' | 'read' | 'failed';
  code?: string;
  at: Date;
  /** what the provider says the message cost, in VND, when the report carries it (eSMS TotalPrice) */
  costVnd?: number;
}

export interface NotifyAdapter {
  readonly channel: NotifyChannel;
  /** The provider (e.g. 'zns', 'esms', 'speedsms', 'smtp', 'zalo_oa', 'miniapp') and account (OA id, brandname). */
  readonly provider: string;
  readonly account: string;
  send(msg: NotifyMessage): Promise<NotifySendResult>;
  /** Delivery-report webhooks: signature/shape check on the raw body, then parse. */
  verifyCallback?(req: RawRequest): WebhookVerdict;
  parseCallback?(req: RawRequest): DeliveryReport[];
  /** ZNS: the remaining daily quota read from the provider. */
  quota?(): Promise<{ dailyQuota: number; remainingQuota: number }>;
}
