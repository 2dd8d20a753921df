import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';

/**
 * Seeds `n` contacts tagged `tag` (so a segment `{ tags: [tag] }` is exactly them), phones `<prefix><7 digits>` with
 * a 4-digit prefix like 8490 (valid Vietnamese mobiles for the ZNS twin), and the given marketing consents.
 */
export async function seedAudience(
  db: DbOrTx,
  opts: {
    n: number;
    tag: string;
    prefix: string;
    start?: number;
    zns?: 'granted' | 'revoked';
    sms?: 'granted' | 'revoked';
  },
): Promise<string[]> {
  const start = opts.start ?? 1;
  const r = await db.execute<{ id: string }>(sql`
    insert into contacts (full_name, phone, tags, first_channel)
    select 'Khách ' || ${opts.tag} || ' ' || g, ${opts.prefix} || lpad(g::text, 7, '0'), array[${opts.tag}]::text[],
           'hotline'
      from generate_series(${start}::int, ${start + opts.n - 1}::int) g
    returning id`);
  const ids = r.rows.map((x) => x.id);
  for (const channel of ['zns', 'sms'] as const) {
    const status = opts[channel];
    if (!status) continue;
    await db.execute(sql`
      insert into consents (contact_id, channel, purpose, status, source)
      select id, ${channel}::channel, 'marketing', ${status}::consent_status, 'import'
        from unnest(${`{${ids.join(',')}}`}::uuid[]) as t(id)`);
  }
  return ids;
}

export const campaignInput = (segmentId: string, over: Record<string, unknown> = {}) => ({
  name: 'Khám tổng quát mùa thu',
  segmentId,
  templateKey: 'campaign',
  params: {
    headline: 'Giảm 20% gói khám tổng quát',
    message: 'Giảm 20% gói khám tổng quát đến hết 30/11.',
    link: 'https://phongkham.example.vn/uu-dai',
  },
  throttlePerMinute: 0,
  ...over,
});
