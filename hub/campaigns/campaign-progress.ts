import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import type { Progress } from './campaigns.schemas.ts';

const empty: Progress = {
  total: 0,
  pending: 0,
  queued: 0,
  sent: 0,
  delivered: 0,
  read: 0,
  failed: 0,
  skipped: 0,
  clicked: 0,
  booked: 0,
};

/**
 * Recipients per state of each campaign (one scan of the campaign's recipients). `total` is the frozen audience once
 * the fan-out has taken it all, the estimate made at launch before that.
 */
export async function campaignProgress(db: DbOrTx, ids: string[]): Promise<Map<string, Progress>> {
  const out = new Map<string, Progress>();
  if (ids.length === 0) return out;
  const r = await db.execute<Progress & { campaign_id: string; rows: number; total_recipients: number | null }>(sql`
    select k.id as campaign_id, k.total_recipients,
           count(r.id)::int as rows,
           count(*) filter (where r.state = 'pending')::int as pending,
           count(*) filter (where r.state = 'queued')::int as queued,
           count(*) filter (where r.state = 'sent')::int as sent,
           count(*) filter (where r.state = 'delivered')::int as delivered,
           count(*) filter (where r.state = 'read')::int as read,
           count(*) filter (where r.state = 'failed')::int as failed,
           count(*) filter (where r.state = 'skipped')::int as skipped,
           count(r.clicked_at)::int as clicked,
           count(r.booked_at)::int as booked
      from campaigns k left join campaign_recipients r on r.campaign_id = k.id
     where k.id in ${ids}
     group by k.id`);
  for (const row of r.rows) {
    const { campaign_id, rows, total_recipients, ...counts } = row;
    out.set(campaign_id, { ...empty, ...counts, total: Math.max(rows, total_recipients ?? 0) });
  }
  return out;
}

export function emptyProgress(): Progress {
  return { ...empty };
}
