import { and, eq, sql } from 'drizzle-orm';
import { normalizeVnPhone } from '../../adapters/shared/phone.ts';
import type { DbOrTx } from '../../db/client.ts';
import { type Channel, contactIdentities, contacts, type IdentityChannel } from '../../db/schema/index.ts';

export interface ResolveContactInput {
  /** the identity that names the person on this channel */
  channel: IdentityChannel;
  externalId: string;
  /** how the person shows on the channel (Zalo/Messenger name, email display name) */
  displayName?: string;
  /** the name to give a new contact; defaults to the display name */
  fullName?: string;
  /** Zalo user_id_by_app: links the OA user to the Mini App user */
  appScopedId?: string;
  /** a phone or email learnt alongside (web form, Zalo user_submit_info) */
  phone?: string;
  email?: string;
  firstChannel: Channel;
  /** where the identity was learnt (zalo_oa webhook, web_form, hotline, agent…) */
  source: string;
}

export interface ResolvedContact {
  contactId: string;
  created: boolean;
}

/** Canonical form of an identity value: 84xxxxxxxxx phones, lower-case emails, provider ids verbatim. */
export function normalizeIdentity(channel: IdentityChannel, value: string): string | null {
  const v = value.trim();
  if (channel === 'phone') return normalizeVnPhone(v);
  if (channel === 'email') return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v) ? v.toLowerCase() : null;
  return v.length > 0 && v.length <= 200 ? v : null;
}

export function placeholderName(channel: IdentityChannel, externalId: string): string {
  const tail = externalId.slice(-4);
  switch (channel) {
    case 'zalo_oa':
    case 'miniapp':
      return `Khách Zalo …${tail}`;
    case 'messenger':
      return `Khách Messenger …${tail}`;
    case 'email':
      return externalId.split('@')[0] ?? externalId;
    case 'phone':
      return `Khách …${tail}`;
  }
}

interface Holder {
  contactId: string;
  phone: string | null;
  email: string | null;
  displayName: string | null;
  zaloAppUserId: string | null;
}

const holderFields = {
  phone: contacts.phone,
  email: contacts.email,
  displayName: contacts.displayName,
  zaloAppUserId: contacts.zaloAppUserId,
};

/** The live contact holding an identity (following a merge), with the fields resolution may fill in. */
async function holderOf(tx: DbOrTx, channel: IdentityChannel, externalId: string): Promise<Holder | undefined> {
  const [row] = await tx
    .select({ contactId: contactIdentities.contactId, mergedIntoId: contacts.mergedIntoId, ...holderFields })
    .from(contactIdentities)
    .innerJoin(contacts, eq(contacts.id, contactIdentities.contactId))
    .where(and(eq(contactIdentities.channel, channel), eq(contactIdentities.externalId, externalId)))
    .limit(1);
  if (!row) return undefined;
  if (!row.mergedIntoId) return row;
  const [target] = await tx
    .select({ contactId: contacts.id, ...holderFields })
    .from(contacts)
    .where(eq(contacts.id, row.mergedIntoId));
  return target;
}

async function contactOf(tx: DbOrTx, channel: IdentityChannel, externalId: string): Promise<string | undefined> {
  return (await holderOf(tx, channel, externalId))?.contactId;
}

/** Adds an identity unless someone holds it; returns the holder's contact id. */
async function attach(
  tx: DbOrTx,
  contactId: string,
  channel: IdentityChannel,
  externalId: string,
  source: string,
): Promise<string> {
  const inserted = await tx
    .insert(contactIdentities)
    .values({ contactId, channel, externalId, source })
    .onConflictDoNothing()
    .returning({ id: contactIdentities.id });
  if (inserted.length > 0) return contactId;
  return (await contactOf(tx, channel, externalId)) ?? contactId;
}

/**
 * (channel, externalId) → contact, inside the caller's transaction: finds the contact holding the identity (or the
 * Zalo app-scoped id), else creates one. Extra phone/email identities are attached when free; when another contact
 * already holds one, the value is still kept on this contact's phone/email so the two show up as a merge suggestion.
 * Serialised per identity with an advisory lock, so two events of a new person create one contact.
 */
export async function resolveContact(tx: DbOrTx, input: ResolveContactInput): Promise<ResolvedContact> {
  const externalId = normalizeIdentity(input.channel, input.externalId);
  if (!externalId) throw new Error(`invalid ${input.channel} identity`);
  const phone = input.phone ? normalizeVnPhone(input.phone) : null;
  const email = input.email ? normalizeIdentity('email', input.email) : null;

  // a known person (the common case) needs one read; creating one is serialised by a lock on the identity
  let holder = await holderOf(tx, input.channel, externalId);
  let created = false;
  if (!holder) {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`contact-identity:${input.channel}:${externalId}`}))`);
    holder = await holderOf(tx, input.channel, externalId);
    if (!holder && input.appScopedId) {
      holder = await holderOf(tx, 'miniapp', input.appScopedId);
      if (holder) await attach(tx, holder.contactId, input.channel, externalId, input.source);
    }
    if (!holder) {
      const name = (input.fullName ?? input.displayName ?? placeholderName(input.channel, externalId)).normalize('NFC');
      const values = {
        fullName: name.slice(0, 200),
        displayName: input.displayName?.normalize('NFC').slice(0, 200) ?? null,
        phone: input.channel === 'phone' ? externalId : phone,
        email: input.channel === 'email' ? externalId : email,
        firstChannel: input.firstChannel,
        zaloAppUserId: input.appScopedId ?? null,
        lastInteractionAt: sql`now()`,
      };
      const [row] = await tx.insert(contacts).values(values).returning({ id: contacts.id });
      holder = { contactId: row!.id, ...values };
      created = true;
      await tx
        .insert(contactIdentities)
        .values({ contactId: holder.contactId, channel: input.channel, externalId, source: input.source });
    }
  }
  const { contactId } = holder;

  const extra: [IdentityChannel, string][] = [];
  if (input.appScopedId && input.channel !== 'miniapp') extra.push(['miniapp', input.appScopedId]);
  if (phone && input.channel !== 'phone') extra.push(['phone', phone]);
  if (email && input.channel !== 'email') extra.push(['email', email]);
  const fill: Partial<typeof contacts.$inferInsert> = {};
  for (const [channel, value] of extra) {
    if (!created && channel === 'miniapp' && holder.zaloAppUserId === value) continue;
    const holderOfValue = await attach(tx, contactId, channel, value, input.source);
    if (channel === 'miniapp' && holder.zaloAppUserId !== value && (holderOfValue !== contactId || !created)) {
      fill.zaloAppUserId = value;
    }
  }
  if (!created) {
    // keep what the person told us even when another contact holds it: that pair becomes a merge suggestion
    if (phone && !holder.phone) fill.phone = phone;
    if (email && !holder.email) fill.email = email;
    if (input.displayName && !holder.displayName) fill.displayName = input.displayName.normalize('NFC').slice(0, 200);
  }
  if (Object.keys(fill).length > 0) await tx.update(contacts).set(fill).where(eq(contacts.id, contactId));
  return { contactId, created };
}
