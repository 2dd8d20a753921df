import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import type { NotifyChannel } from '../../adapters/notify/types.ts';

/**
 * The one-click opt-out link of non-transactional mail (RFC 8058; PROVIDERS.md §6): a signed token naming the
 * contact, the channel and the purpose, and the notification it came with (the evidence). It does not expire: an
 * opt-out must keep working from an old email.
 */
const payloadSchema = z.object({
  c: z.uuid(),
  ch: z.enum(['zns', 'sms', 'email', 'zalo_oa', 'miniapp']),
  p: z.enum(['care', 'marketing']),
  n: z.uuid().optional(),
});
export type OptOutClaim = {
  contactId: string;
  channel: NotifyChannel;
  purpose: 'care' | 'marketing';
  notificationId?: string;
};

const mac = (secret: string, data: string) =>
  createHmac('sha256', secret).update(data).digest('base64url').slice(0, 32);

export function optOutToken(secret: string, claim: OptOutClaim): string {
  const data = Buffer.from(
    JSON.stringify({
      c: claim.contactId,
      ch: claim.channel,
      p: claim.purpose,
      ...(claim.notificationId ? { n: claim.notificationId } : {}),
    }),
  ).toString('base64url');
  return `${data}.${mac(secret, data)}`;
}

/** The claim of a genuine token, or undefined (tampered, truncated, not ours). */
export function readOptOutToken(secret: string, token: string): OptOutClaim | undefined {
  const [data, sig] = token.split('.');
  if (!data || !sig || token.length > 400) return undefined;
  const expected = Buffer.from(mac(secret, data));
  const given = Buffer.from(sig);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(data, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
  const p = payloadSchema.safeParse(parsed);
  if (!p.success) return undefined;
  return {
    contactId: p.data.c,
    channel: p.data.ch,
    purpose: p.data.p,
    ...(p.data.n ? { notificationId: p.data.n } : {}),
  };
}

export const optOutUrl = (publicUrl: string, token: string) => `${publicUrl}/unsubscribe/${token}`;
