import { createHmac } from 'node:crypto';
import { sameDigest } from '../../channels/shared.ts';

/**
 * The DSN envelope id (RFC 3461 ENVID) of a notification email: its tracking id and an HMAC of it. The receiving
 * side copies it into its delivery report (Original-Envelope-Id), so a report with a valid one is about a message the
 * hub sent — anyone can mail the clinic a "delivered" report, nobody else can make this signature.
 */
export function signEnvelopeId(trackingId: string, secret: string): string {
  return `${trackingId}.${mac(trackingId, secret)}`;
}

/** The tracking id inside a signed envelope id, or null when it is not one the hub signed. */
export function openEnvelopeId(envid: string | undefined, secret: string): string | null {
  const m = envid?.trim().match(/^([A-Za-z0-9_-]{1,64})\.([0-9a-f]{24})$/);
  if (!m) return null;
  return sameDigest(m[2]!, mac(m[1]!, secret)) ? m[1]! : null;
}

function mac(trackingId: string, secret: string): string {
  return createHmac('sha256', secret).update(`medicrm-email-envid:${trackingId}`).digest('hex').slice(0, 24);
}
