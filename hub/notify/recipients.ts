import { sql } from 'drizzle-orm';
import type { NotifyChannel } from '../../adapters/notify/types.ts';
import type { DbOrTx } from '../../db/client.ts';
import { type Channel, consents, contactIdentities, contacts } from '../../db/schema/index.ts';

/** Where a contact can be reached per notification channel, and what they agreed to, read in one go. */
export interface Reach {
  contactId: string;
  fullName: string;
  addresses: Partial<Record<NotifyChannel, string>>;
  /** `${channel}:${purpose}` → granted | revoked (absent: never asked) */
  consent: Map<string, 'granted' | 'revoked'>;
}

const mobile84 = /^84\d{9}$/;

/** One query: the contacts, their reachable identities and their consent decisions (this runs for every send). */
export async function loadReaches(db: DbOrTx, contactIds: string[]): Promise<Map<string, Reach>> {
  const out = new Map<string, Reach>();
  if (contactIds.length === 0) return out;
  const r = await db.execute<{
    id: string;
    full_name: string;
    phone: string | null;
    email: string | null;
    app: string | null;
    ids: { channel: string; externalId: string }[] | null;
    consents: { channel: string; purpose: string; status: 'granted' | 'revoked' }[] | null;
  }>(sql`
    select c.id, c.full_name, c.phone, c.email, c.zalo_app_user_id as app,
      (select json_agg(json_build_object('channel', i.channel, 'externalId', i.external_id) order by i.created_at)
         from ${contactIdentities} i
        where i.contact_id = c.id and i.channel in ('phone', 'email', 'zalo_oa', 'miniapp')) as ids,
      (select json_agg(json_build_object('channel', k.channel, 'purpose', k.purpose, 'status', k.status))
         from ${consents} k where k.contact_id = c.id) as consents
    from ${contacts} c where c.id in ${contactIds}`);
  for (const c of r.rows) {
    const ids = c.ids ?? [];
    const first = (k: string) => ids.find((i) => i.channel === k)?.externalId;
    const phone =
      c.phone && mobile84.test(c.phone)
        ? c.phone
        : ids.find((i) => i.channel === 'phone' && mobile84.test(i.externalId))?.externalId;
    const email = c.email ?? first('email');
    const oa = first('zalo_oa');
    const app = first('miniapp') ?? c.app ?? undefined;
    out.set(c.id, {
      contactId: c.id,
      fullName: c.full_name,
      addresses: {
        ...(phone ? { zns: phone, sms: phone } : {}),
        ...(email ? { email } : {}),
        ...(oa ? { zalo_oa: oa } : {}),
        ...(app ? { miniapp: app } : {}),
      },
      consent: new Map((c.consents ?? []).map((k) => [`${k.channel}:${k.purpose}`, k.status])),
    });
  }
  return out;
}

export async function loadReach(db: DbOrTx, contactId: string): Promise<Reach | undefined> {
  return (await loadReaches(db, [contactId])).get(contactId);
}

export type Purpose = 'care' | 'transactional' | 'marketing';

/**
 * Whether a message of this purpose may go to the contact on this channel (Decree 13 / Law 91/2025, PROVIDERS.md §7):
 * marketing only with a grant for the channel; care and transactional unless the person refused that purpose there;
 * Mini App notifications only to people who allowed them in the app (Zalo's opt-in, §3.3).
 */
export function consentAllows(reach: Reach, channel: NotifyChannel, purpose: Purpose): boolean {
  const status = (p: Purpose, ch: Channel = channel) => reach.consent.get(`${ch}:${p}`);
  if (purpose === 'marketing') return status('marketing') === 'granted';
  if (channel === 'miniapp' && status('transactional') !== 'granted') return false;
  return status(purpose) !== 'revoked';
}
