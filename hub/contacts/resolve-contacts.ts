import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import { contactIdentities, contacts, type IdentityChannel } from '../../db/schema/index.ts';
import {
  normalizeIdentity,
  placeholderName,
  type ResolveContactInput,
  type ResolvedContact,
  resolveContact,
} from './resolve-contact.ts';

interface Holder {
  contactId: string;
  displayName: string | null;
  zaloAppUserId: string | null;
}

const keyOf = (channel: IdentityChannel, externalId: string) => `${channel}\u0000${externalId}`;

/** holderOf for many identities in one read: the live contact holding each (following a merge). */
async function holdersOf(tx: DbOrTx, ids: { channel: IdentityChannel; externalId: string }[]) {
  const found = new Map<string, Holder | 'unclear'>();
  if (ids.length === 0) return found;
  const rows = await tx.execute<{
    channel: IdentityChannel;
    external_id: string;
    id: string;
    merged_into_id: string | null;
    display_name: string | null;
    zalo_app_user_id: string | null;
    m_id: string | null;
    m_display_name: string | null;
    m_zalo_app_user_id: string | null;
  }>(sql`
    select i.channel, i.external_id, c.id, c.merged_into_id, c.display_name, c.zalo_app_user_id,
           m.id as m_id, m.display_name as m_display_name, m.zalo_app_user_id as m_zalo_app_user_id
      from jsonb_to_recordset(${JSON.stringify(ids.map((i) => ({ channel: i.channel, external_id: i.externalId })))}::jsonb)
           as k(channel identity_channel, external_id text)
      join contact_identities i on i.channel = k.channel and i.external_id = k.external_id
      join contacts c on c.id = i.contact_id
      left join contacts m on m.id = c.merged_into_id`);
  for (const r of rows.rows) {
    const holder: Holder | 'unclear' = !r.merged_into_id
      ? { contactId: r.id, displayName: r.display_name, zaloAppUserId: r.zalo_app_user_id }
      : r.m_id
        ? { contactId: r.m_id, displayName: r.m_display_name, zaloAppUserId: r.m_zalo_app_user_id }
        : 'unclear'; // merged into a contact that is gone: resolveContact decides, as for one event
    found.set(keyOf(r.channel, r.external_id), holder);
  }
  return found;
}

/**
 * resolveContact for a batch of channel identities (an inbound batch), in a handful of statements instead of a few per
 * identity: one read finds the known people, and the new ones are locked (the same advisory lock as resolveContact,
 * taken in one fixed order), read again, and created together with their identities. The same result as calling
 * resolveContact for each input in order: the second input of one person finds the contact the first created, and
 * every case this does not cover (a phone or email alongside, a contact with details to fill in, a person found
 * through the Zalo app-scoped id, two people sharing one) is handed to resolveContact itself, in input order.
 */
export async function resolveContacts(tx: DbOrTx, inputs: ResolveContactInput[]): Promise<ResolvedContact[]> {
  const out: (ResolvedContact | undefined)[] = new Array(inputs.length);
  const norm = inputs.map((input) => {
    const externalId = normalizeIdentity(input.channel, input.externalId);
    if (!externalId) throw new Error(`invalid ${input.channel} identity`);
    return { input, externalId, key: keyOf(input.channel, externalId) };
  });
  // the first input of each person is resolved here; a later one with the same details reuses its answer
  const firstOf = new Map<string, number>();
  const individually = new Set<number>();
  const appIdUsers = new Map<string, Set<string>>();
  norm.forEach((n, i) => {
    const { input } = n;
    if (input.phone || input.email || input.fullName) individually.add(i);
    if (input.appScopedId) {
      const users = appIdUsers.get(input.appScopedId) ?? new Set<string>();
      users.add(n.key);
      appIdUsers.set(input.appScopedId, users);
    }
    const first = firstOf.get(n.key);
    if (first === undefined) firstOf.set(n.key, i);
    else if (
      inputs[first]!.appScopedId !== input.appScopedId ||
      inputs[first]!.displayName !== input.displayName ||
      individually.has(first)
    ) {
      individually.add(i);
    }
  });
  // two people naming one app-scoped id: the second may be found through the first
  norm.forEach((n, i) => {
    if (n.input.appScopedId && appIdUsers.get(n.input.appScopedId)!.size > 1) individually.add(i);
  });
  const batch = [...firstOf.values()].filter((i) => !individually.has(i));

  /** a known holder resolves here only when resolveContact would change nothing on it */
  const settled = (i: number, h: Holder) => {
    const { input } = norm[i]!;
    return (
      (!input.appScopedId || input.channel === 'miniapp' || h.zaloAppUserId === input.appScopedId) &&
      (!input.displayName || h.displayName !== null)
    );
  };
  const take = (known: Map<string, Holder | 'unclear'>, list: number[]) => {
    const missing: number[] = [];
    for (const i of list) {
      const h = known.get(norm[i]!.key);
      if (h === undefined) missing.push(i);
      else if (h !== 'unclear' && settled(i, h)) out[i] = { contactId: h.contactId, created: false };
      else individually.add(i);
    }
    return missing;
  };
  let missing = take(
    await holdersOf(
      tx,
      batch.map((i) => ({ channel: norm[i]!.input.channel, externalId: norm[i]!.externalId })),
    ),
    batch,
  );

  if (missing.length > 0) {
    // new people: serialised per identity like resolveContact, then read again under the locks
    await tx.execute(sql`select pg_advisory_xact_lock(s.h)
      from (select distinct hashtext(k) as h from unnest(${sql.param(
        missing.map((i) => `contact-identity:${norm[i]!.input.channel}:${norm[i]!.externalId}`),
      )}::text[]) as k order by 1) s`);
    missing = take(
      await holdersOf(
        tx,
        missing.map((i) => ({ channel: norm[i]!.input.channel, externalId: norm[i]!.externalId })),
      ),
      missing,
    );
  }
  if (missing.length > 0) {
    // someone known through the Zalo app-scoped id (the Mini App) gets this identity attached: resolveContact's case
    const byAppId = missing.filter((i) => norm[i]!.input.appScopedId);
    if (byAppId.length > 0) {
      const known = await holdersOf(
        tx,
        byAppId.map((i) => ({ channel: 'miniapp' as const, externalId: norm[i]!.input.appScopedId! })),
      );
      for (const i of byAppId) if (known.has(keyOf('miniapp', norm[i]!.input.appScopedId!))) individually.add(i);
      missing = missing.filter((i) => !individually.has(i));
    }
  }
  if (missing.length > 0) {
    const rows = missing.map((i) => {
      const { input, externalId } = norm[i]!;
      const name = (input.displayName ?? placeholderName(input.channel, externalId)).normalize('NFC');
      return {
        id: randomUUID(),
        fullName: name.slice(0, 200),
        displayName: input.displayName?.normalize('NFC').slice(0, 200) ?? null,
        phone: input.channel === 'phone' ? externalId : null,
        email: input.channel === 'email' ? externalId : null,
        firstChannel: input.firstChannel,
        zaloAppUserId: input.appScopedId ?? null,
        lastInteractionAt: sql`now()`,
      };
    });
    await tx.insert(contacts).values(rows);
    await tx.insert(contactIdentities).values(
      missing.map((i, k) => ({
        contactId: rows[k]!.id,
        channel: norm[i]!.input.channel,
        externalId: norm[i]!.externalId,
        source: norm[i]!.input.source,
      })),
    );
    const appIds = missing.flatMap((i, k) => {
      const { input } = norm[i]!;
      return input.appScopedId && input.channel !== 'miniapp'
        ? [{ contactId: rows[k]!.id, channel: 'miniapp' as const, externalId: input.appScopedId, source: input.source }]
        : [];
    });
    // held by someone else already: the pair is a merge suggestion, as with resolveContact's attach
    if (appIds.length > 0) await tx.insert(contactIdentities).values(appIds).onConflictDoNothing();
    missing.forEach((i, k) => {
      out[i] = { contactId: rows[k]!.id, created: true };
    });
  }

  // the rest in input order: repeats of a person take the first one's contact, the others go through resolveContact
  const resolvedHere = new Set(batch.filter((i) => out[i]));
  for (let i = 0; i < inputs.length; i++) {
    if (out[i]) continue;
    const first = firstOf.get(norm[i]!.key)!;
    if (!individually.has(i) && resolvedHere.has(first)) out[i] = { contactId: out[first]!.contactId, created: false };
    else out[i] = await resolveContact(tx, inputs[i]!);
  }
  return out as ResolvedContact[];
}
