import { createHmac } from 'node:crypto';
import { sameDigest } from '../../channels/shared.ts';
import type { RawRequest, WebhookVerdict } from '../../channels/types.ts';
import type { DeliveryReport, NotifySendResult } from '../types.ts';

/** One SMS Brandname gateway (eSMS, SpeedSMS…) behind the one SMS adapter (PROVIDERS.md §5.3's interface). */
export interface SmsGateway {
  readonly provider: 'esms' | 'speedsms';
  /** the brandname (sender) it sends as */
  readonly account: string;
  /** `to84`: 84xxxxxxxxx; `requestId`: the hub's tracking id, for gateways that dedupe on it */
  send(req: { to84: string; text: string; unicode: boolean; requestId: string }): Promise<NotifySendResult>;
  verifyCallback(req: RawRequest): WebhookVerdict;
  parseCallback(req: RawRequest): DeliveryReport[];
}

/**
 * The secret `token` parameter of the delivery-report URL. Neither eSMS nor SpeedSMS signs its callbacks, so the URL
 * the hub registers carries an unguessable token (PROVIDERS.md §5.1), derived from the gateway's own secret so that
 * nothing new has to be configured: HMAC-SHA256(secret, "medicrm-<provider>-callback"), 32 hex characters.
 */
export function callbackToken(secret: string, provider: SmsGateway['provider']): string {
  return createHmac('sha256', secret).update(`medicrm-${provider}-callback`).digest('hex').slice(0, 32);
}

/** `base` with `token=<t>` added to its query string. */
export function withCallbackToken(base: string, token: string): string {
  return `${base}${base.includes('?') ? '&' : '?'}token=${token}`;
}

/**
 * The parameters of a callback: its query string (eSMS calls back with GET), or, when the route handed the query over
 * as the body, the body. A naive "url?token=…?SMSID=…" join by the gateway is tolerated.
 */
export function callbackParams(req: RawRequest): URLSearchParams {
  const source = req.query ?? (/^[\w.-]+=/.test(req.rawBody) ? req.rawBody : '');
  return new URLSearchParams(source.replace(/^\?/, '').replace(/\?/g, '&'));
}

/** The token check both gateways do: present, and equal in constant time. */
export function verifyCallbackToken(req: RawRequest, expected: string): WebhookVerdict {
  const given = callbackParams(req).get('token');
  return given && sameDigest(given, expected) ? { ok: true } : { ok: false, reason: 'bad_signature' };
}
