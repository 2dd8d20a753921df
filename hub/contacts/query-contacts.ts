import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import {
  consents,
  contactIdentities,
  contactMerges,
  contactNotes,
  contacts,
  conversations,
  patients,
  staffUsers,
} from '../../db/schema/index.ts';
import type { AppDeps } from '../platform/context.ts';
import { decodeCursor, page } from '../platform/cursor.ts';
import { NotFoundError } from '../platform/errors.ts';
import { contactSummary } from './contact-dto.ts';
import { mergeKeysCte } from './merge-keys.ts';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export async function getContact(deps: AppDeps, id: string) {
  const [c] = await deps.db.select().from(contacts).where(eq(contacts.id, id));
  if (!c) throw new NotFoundError('Không tìm thấy liên hệ', 'contact_not_found');
  const [identities, pats, cons, notes, convs, merges] = await Promise.all([
    deps.db
      .select()
      .from(contactIdentities)
      .where(eq(contactIdentities.contactId, id))
      .orderBy(contactIdentities.createdAt),
    deps.db.select().from(patients).where(eq(patients.contactId, id)).orderBy(patients.createdAt),
    deps.db.select().from(consents).where(eq(consents.contactId, id)).orderBy(consents.channel, consents.purpose),
    notesOf(deps, id, 5),
    deps.db
      .select()
      .from(conversations)
      .where(eq(conversations.contactId, id))
      .orderBy(desc(sql`coalesce(${conversations.lastMessageAt}, ${conversations.createdAt})`))
      .limit(20),
    deps.db
      .select({ sourceContactId: contactMerges.sourceContactId, createdAt: contactMerges.createdAt })
      .from(contactMerges)
      .where(eq(contactMerges.targetContactId, id))
      .orderBy(desc(contactMerges.createdAt)),
  ]);
  return {
    ...contactSummary(c),
    avatarUrl: c.avatarUrl,
    notes: c.notes,
    identities: identities.map((i) => ({
      id: i.id,
      channel: i.channel,
      externalId: i.externalId,
      source: i.source,
      verifiedAt: iso(i.verifiedAt),
      createdAt: i.createdAt.toISOString(),
    })),
    patients: pats.map((p) => ({
      id: p.id,
      relationship: p.relationship,
      fullName: p.fullName,
      birthDate: p.birthDate,
      sex: p.sex,
      phone: p.phone,
      hisMrn: p.hisMrn,
    })),
    consents: cons.map((k) => ({
      channel: k.channel,
      purpose: k.purpose,
      status: k.status,
      source: k.source,
      decidedAt: k.decidedAt.toISOString(),
    })),
    recentNotes: notes.items,
    conversations: convs.map((v) => ({
      id: v.id,
      channel: v.channel,
      kind: v.kind,
      status: v.status,
      assigneeStaffId: v.assigneeStaffId,
      lastMessageAt: iso(v.lastMessageAt),
      createdAt: v.createdAt.toISOString(),
    })),
    mergedFrom: merges.map((m) => ({ sourceContactId: m.sourceContactId, mergedAt: m.createdAt.toISOString() })),
  };
}

export async function notesOf(deps: AppDeps, contactId: string, limit: number, cursor?: string) {
  const after = decodeCursor(cursor);
  const rows = await deps.db
    .select({ note: contactNotes, authorName: staffUsers.fullName })
    .from(contactNotes)
    .leftJoin(staffUsers, eq(staffUsers.id, contactNotes.authorStaffId))
    .where(
      and(
        eq(contactNotes.contactId, contactId),
        after
          ? sql`(date_trunc('milliseconds', ${contactNotes.createdAt}), ${contactNotes.id}) < (${after.at.toISOString()}::timestamptz, ${after.id}::uuid)`
          : undefined,
      ),
    )
    .orderBy(desc(sql`date_trunc('milliseconds', ${contactNotes.createdAt})`), desc(contactNotes.id))
    .limit(limit + 1);
  const p = page(rows, limit, (r) => ({ at: r.note.createdAt, id: r.note.id }));
  return {
    items: p.items.map(({ note: n, authorName }) => ({
      id: n.id,
      kind: n.kind,
      body: n.body,
      authorStaffId: n.authorStaffId,
      authorName,
      createdAt: n.createdAt.toISOString(),
      updatedAt: n.updatedAt.toISOString(),
    })),
    nextCursor: p.nextCursor,
  };
}

interface TimelineRow extends Record<string, unknown> {
  kind: string;
  id: string;
  at: Date | string;
  conversation_id: string | null;
  channel: string | null;
  direction: string | null;
  summary: string | null;
  state: string | null;
  staff_id: string | null;
}

/** Every interaction with the person, newest first, across channels, notes, consents, bookings and notices. */
export async function contactTimeline(deps: AppDeps, contactId: string, q: { cursor?: string; limit: number }) {
  const [exists] = await deps.db.select({ id: contacts.id }).from(contacts).where(eq(contacts.id, contactId));
  if (!exists) throw new NotFoundError('Không tìm thấy liên hệ', 'contact_not_found');
  const after = decodeCursor(q.cursor);
  const r = await deps.db.execute<TimelineRow>(sql`
    select * from (
      select 'message' as kind, m.id::text as id, m.created_at as at, c.id::text as conversation_id,
             m.channel::text as channel, m.direction::text as direction,
             left(coalesce(m.body, m.content_type), 300) as summary,
             m.delivery_state::text as state, m.author_staff_id::text as staff_id
        from messages m join conversations c on c.id = m.conversation_id where c.contact_id = ${contactId}
      union all
      select 'conversation', c.id::text, c.created_at, c.id::text, c.channel::text, null, c.kind::text,
             c.status::text, c.assignee_staff_id::text
        from conversations c where c.contact_id = ${contactId}
      union all
      select 'note', n.id::text, n.created_at, null, null, null, left(n.body, 300), n.kind::text, n.author_staff_id::text
        from contact_notes n where n.contact_id = ${contactId}
      union all
      select 'consent', e.id::text, e.at, null, e.channel::text, null, e.purpose::text, e.status::text,
             e.recorded_by_staff_id::text
        from consent_events e where e.contact_id = ${contactId}
      union all
      select 'appointment', a.id::text, a.created_at, null, a.source_channel::text, null, a.booking_code,
             a.status::text, a.created_by_staff_id::text
        from appointments a left join patients p on p.id = a.patient_id
        where a.booked_by_contact_id = ${contactId} or p.contact_id = ${contactId}
      union all
      select 'notification', n.id::text, n.created_at, null,
             coalesce(n.delivered_via::text, n.channel_plan[1]::text), null, n.template_key, n.state::text, null
        from notifications n where n.contact_id = ${contactId}
      union all
      select 'merge', m.id::text, m.created_at, null, null, null, m.source_contact_id::text, null,
             m.merged_by_staff_id::text
        from contact_merges m where m.target_contact_id = ${contactId}
    ) t
    ${after ? sql`where (date_trunc('milliseconds', t.at), t.id) < (${after.at.toISOString()}::timestamptz, ${after.id})` : sql``}
    order by date_trunc('milliseconds', t.at) desc, t.id desc
    limit ${q.limit + 1}`);
  const rows = r.rows.map((x) => ({ ...x, at: new Date(x.at) }));
  const p = page(rows, q.limit, (x) => ({ at: x.at, id: x.id }));
  return {
    items: p.items.map((x) => ({
      kind: x.kind as 'message',
      id: x.id,
      at: x.at.toISOString(),
      conversationId: x.conversation_id,
      channel: x.channel,
      direction: x.direction,
      summary: x.summary,
      state: x.state,
      staffId: x.staff_id,
    })),
    nextCursor: p.nextCursor,
  };
}

type Reason = 'phone' | 'email' | 'zalo_app_user_id';

/**
 * Pairs of live contacts that share a phone, an email or a Zalo app-scoped id (on the contact or as an identity),
 * minus the pairs someone dismissed. With `contactId`, only the pairs that contact is part of.
 */
export async function mergeSuggestions(deps: AppDeps, q: { contactId?: string; cursor?: string; limit: number }) {
  const after = q.cursor ? Buffer.from(q.cursor, 'base64url').toString('utf8') : undefined;
  const r = await deps.db.execute<{ a: string; b: string; reasons: Reason[] } & Record<string, unknown>>(sql`
    with ${mergeKeysCte}
    select x.contact_id::text as a, y.contact_id::text as b, array_agg(distinct x.kind) as reasons
      from keys x join keys y on x.kind = y.kind and x.value = y.value and x.contact_id < y.contact_id
     where not exists (select 1 from contact_merge_dismissals d
                        where d.contact_id_a = x.contact_id and d.contact_id_b = y.contact_id)
       ${q.contactId ? sql`and (x.contact_id = ${q.contactId} or y.contact_id = ${q.contactId})` : sql``}
       ${after ? sql`and (x.contact_id::text || '|' || y.contact_id::text) > ${after}` : sql``}
     group by 1, 2
     order by 1, 2
     limit ${q.limit + 1}`);
  const pairs = r.rows.slice(0, q.limit);
  const ids = [...new Set(pairs.flatMap((p) => [p.a, p.b]))];
  const rows = ids.length ? await deps.db.select().from(contacts).where(inArray(contacts.id, ids)) : [];
  const byId = new Map(rows.map((c) => [c.id, contactSummary(c)]));
  const last = pairs[pairs.length - 1];
  return {
    items: pairs.map((p) => ({
      contacts: [byId.get(p.a)!, byId.get(p.b)!],
      reasons: (typeof p.reasons === 'string'
        ? (p.reasons as string).replace(/[{}]/g, '').split(',')
        : p.reasons) as Reason[],
    })),
    nextCursor: r.rows.length > q.limit && last ? Buffer.from(`${last.a}|${last.b}`).toString('base64url') : null,
  };
}
