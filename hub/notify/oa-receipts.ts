import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';

/**
 * Delivered / seen receipts of Zalo OA messages arrive on the inbox's webhook (/webhooks/zalo-oa); the inbox offers
 * the ones that name none of its messages here: notifications sent as OA messages move forward (sent → delivered →
 * read; never back). Returns how many attempts it matched, so the inbox stops retrying those receipts.
 */
export async function applyOaReceipt(
  tx: DbOrTx,
  r: { providerMessageIds: string[]; state: 'delivered' | 'read'; at: Date },
): Promise<number> {
  if (r.providerMessageIds.length === 0) return 0;
  const at = r.at.toISOString();
  const read = r.state === 'read';
  const ids = sql.join(
    r.providerMessageIds.map((id) => sql`${id}`),
    sql`, `,
  );
  const res = await tx.execute(sql`
    with a as (
      update notification_attempts a
         set state = ${read ? sql`'read'::delivery_state` : sql`case when a.state = 'read' then a.state else 'delivered'::delivery_state end`},
             delivered_at = coalesce(a.delivered_at, ${at}::timestamptz),
             read_at = ${read ? sql`coalesce(a.read_at, ${at}::timestamptz)` : sql`a.read_at`}
       where a.channel = 'zalo_oa' and a.provider_message_id in (${ids}) and a.state in ('sent', 'delivered', 'read')
      returning a.notification_id)
    update notifications n
       set state = ${read ? sql`'read'::notification_state` : sql`case when n.state = 'read' then n.state else 'delivered'::notification_state end`},
           updated_at = now()
      from a
     where n.id = a.notification_id and n.delivered_via = 'zalo_oa' and n.state in ('sent', 'delivered', 'read')
     returning n.id`);
  return res.rows.length;
}
