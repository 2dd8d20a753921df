import { and, desc, eq, inArray, isNull, like, or, type SQL, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { normalizeVnPhone } from '../../adapters/shared/phone.ts';
import { contactIdentities, contacts, type IdentityChannel } from '../../db/schema/index.ts';
import type { AppDeps } from '../platform/context.ts';
import { decodeCursor, page } from '../platform/cursor.ts';
import { containsFolded } from '../platform/vn-search.ts';
import { contactSummary } from './contact-dto.ts';
import type { ContactListQuerySchema } from './contacts.schemas.ts';
import { suggestedContactIds, withPendingSuggestion } from './merge-keys.ts';

const holdsIdentity = (value: string, channels?: readonly IdentityChannel[]) =>
  sql`${contacts.id} in (select contact_id from contact_identities where external_id = ${value}${
    channels
      ? sql` and channel in (${sql.join(
          channels.map((c) => sql`${c}`),
          sql`, `,
        )})`
      : sql``
  })`;

/**
 * What a search term matches: a phone in any written form (0…, 84…, +84…, with spaces or dots), an email, a Zalo or
 * Messenger id (long digit strings), part of a phone number, or part of a name.
 */
function matchTerm(term: string): SQL | undefined {
  const compact = term.replace(/[\s.()-]/g, '');
  const phone = /^\+?\d{9,12}$/.test(compact) ? normalizeVnPhone(term) : null;
  if (phone) return or(eq(contacts.phone, phone), holdsIdentity(phone, ['phone']));
  if (term.includes('@')) {
    const email = term.toLowerCase();
    return or(eq(sql`lower(${contacts.email})`, email), holdsIdentity(email, ['email']));
  }
  if (/^\+?\d{3,}$/.test(compact)) {
    const digits = compact.replace(/^\+/, '');
    // typed the way people write numbers (0912…) while the hub stores 84912…
    const phonePart = digits.startsWith('0') ? `84${digits.slice(1)}%` : `%${digits}%`;
    return or(
      holdsIdentity(digits, ['zalo_oa', 'miniapp', 'messenger']),
      eq(contacts.zaloAppUserId, digits),
      like(contacts.phone, phonePart),
    );
  }
  // a name as staff type it: "huong" finds "Hương"
  return or(containsFolded(contacts.fullName, term), containsFolded(contacts.displayName, term));
}

/**
 * Contacts newest interaction first, with the channels each can be reached on and whether a merge suggestion waits
 * for it. Filters: a search term, a tag, an identity channel, and "has a merge suggestion".
 */
export async function listContacts(deps: AppDeps, q: z.output<typeof ContactListQuerySchema>) {
  const after = decodeCursor(q.cursor);
  const sortKey = sql`date_trunc('milliseconds', coalesce(${contacts.lastInteractionAt}, ${contacts.createdAt}))`;
  const where: (SQL | undefined)[] = [q.includeMerged ? undefined : isNull(contacts.mergedIntoId)];
  const term = q.q?.trim().normalize('NFC');
  if (term) where.push(matchTerm(term));
  if (q.tag) where.push(sql`${contacts.tags} @> array[${q.tag.normalize('NFC')}]::text[]`);
  if (q.channel) {
    where.push(
      sql`exists (select 1 from contact_identities ci where ci.contact_id = ${contacts.id} and ci.channel = ${q.channel})`,
    );
  }
  if (q.hasSuggestion) where.push(sql`${contacts.id} in ${suggestedContactIds()}`);
  if (after)
    where.push(sql`(${sortKey}, ${contacts.id}) < (${after.at.toISOString()}::timestamptz, ${after.id}::uuid)`);
  const rows = await deps.db
    .select()
    .from(contacts)
    .where(and(...where))
    .orderBy(desc(sortKey), desc(contacts.id))
    .limit(q.limit + 1);
  const p = page(rows, q.limit, (r) => ({ at: r.lastInteractionAt ?? r.createdAt, id: r.id }));
  const ids = p.items.map((c) => c.id);
  const [identities, withSuggestion] = await Promise.all([
    ids.length
      ? deps.db
          .selectDistinct({ contactId: contactIdentities.contactId, channel: contactIdentities.channel })
          .from(contactIdentities)
          .where(inArray(contactIdentities.contactId, ids))
          .orderBy(contactIdentities.channel)
      : [],
    withPendingSuggestion(deps.db, ids),
  ]);
  return {
    items: p.items.map((c) => ({
      ...contactSummary(c),
      channels: identities.filter((i) => i.contactId === c.id).map((i) => i.channel),
      hasMergeSuggestion: withSuggestion.has(c.id),
    })),
    nextCursor: p.nextCursor,
  };
}

/** The tags in use on live contacts, most used first: the filter and the tag editor offer them. */
export async function contactTags(deps: AppDeps) {
  const r = await deps.db.execute<{ tag: string; count: number } & Record<string, unknown>>(sql`
    select tag, count(*)::int as count
      from contacts, unnest(tags) as tag
     where merged_into_id is null
     group by tag
     order by count(*) desc, tag
     limit 200`);
  return { items: r.rows.map((x) => ({ tag: x.tag, count: Number(x.count) })) };
}
