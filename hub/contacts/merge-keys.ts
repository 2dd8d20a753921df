import { type SQL, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';

/**
 * The `live` and `keys` common table expressions behind merge suggestions: every phone, email and Zalo app-scoped id
 * a live contact carries (on the row or as an identity). Two contacts sharing a key are suggested for merging unless
 * someone dismissed the pair; the suggestion list and the contacts list filter both read it, so they always agree.
 */
export const mergeKeysCte = sql`
    live as (select id, phone, lower(email) as email, zalo_app_user_id from contacts where merged_into_id is null),
    keys as (
      select id as contact_id, 'phone' as kind, phone as value from live where phone is not null
      union select id, 'email', email from live where email is not null
      union select id, 'zalo_app_user_id', zalo_app_user_id from live where zalo_app_user_id is not null
      union select i.contact_id,
                   case i.channel when 'phone' then 'phone' when 'email' then 'email' else 'zalo_app_user_id' end,
                   i.external_id
              from contact_identities i join live l on l.id = i.contact_id
             where i.channel in ('phone', 'email', 'miniapp')
    )`;

/** Ids of live contacts with at least one pending (not dismissed) merge suggestion, as a subquery. */
export const suggestedContactIds = (): SQL => sql`(
    with ${mergeKeysCte}
    select distinct x.contact_id
      from keys x join keys y on x.kind = y.kind and x.value = y.value and x.contact_id <> y.contact_id
     where not exists (select 1 from contact_merge_dismissals d
                        where d.contact_id_a = least(x.contact_id, y.contact_id)
                          and d.contact_id_b = greatest(x.contact_id, y.contact_id))
  )`;

/**
 * Which of these contacts have a pending suggestion. Same rule as `suggestedContactIds`, but it starts from the few
 * contacts of a list page and looks their keys up through the indexes instead of scanning every contact's keys.
 */
export async function withPendingSuggestion(db: DbOrTx, ids: readonly string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const list = sql.join(
    ids.map((id) => sql`${id}::uuid`),
    sql`, `,
  );
  const r = await db.execute<{ contact_id: string } & Record<string, unknown>>(sql`
    with mine as (
      select c.id as contact_id, k.kind, k.value
        from contacts c
        cross join lateral (values ('phone', c.phone), ('email', lower(c.email)),
                                   ('zalo_app_user_id', c.zalo_app_user_id)) as k(kind, value)
       where c.id in (${list}) and c.merged_into_id is null and k.value is not null
      union
      select i.contact_id,
             case i.channel when 'phone' then 'phone' when 'email' then 'email' else 'zalo_app_user_id' end,
             i.external_id
        from contact_identities i join contacts c on c.id = i.contact_id and c.merged_into_id is null
       where i.contact_id in (${list}) and i.channel in ('phone', 'email', 'miniapp')
    ),
    others as (
      select m.contact_id, c.id as other from mine m join contacts c on m.kind = 'phone' and c.phone = m.value
      union all
      select m.contact_id, c.id from mine m join contacts c on m.kind = 'email' and lower(c.email) = m.value
      union all
      select m.contact_id, c.id from mine m
        join contacts c on m.kind = 'zalo_app_user_id' and c.zalo_app_user_id = m.value
      union all
      select m.contact_id, i.contact_id from mine m
        join contact_identities i
          on i.external_id = m.value
         and i.channel = (case m.kind when 'phone' then 'phone' when 'email' then 'email' else 'miniapp' end)::identity_channel
    )
    select distinct o.contact_id::text as contact_id
      from others o join contacts c on c.id = o.other and c.merged_into_id is null
     where o.other <> o.contact_id
       and not exists (select 1 from contact_merge_dismissals d
                        where d.contact_id_a = least(o.contact_id, o.other)
                          and d.contact_id_b = greatest(o.contact_id, o.other))`);
  return new Set(r.rows.map((x) => x.contact_id));
}
