import { sql } from 'drizzle-orm';
import type { AppDeps } from '../platform/context.ts';
import { campaignNotFound } from './campaign-errors.ts';
import { campaignProgress } from './campaign-progress.ts';
import { attributeBookings, syncRecipients } from './sync-recipients.ts';

/** The campaign's results: states, failures by provider code, cost, bookings attributed, and an hourly series. */
export async function campaignReport(deps: AppDeps, id: string) {
  const { db } = deps;
  const [k] = (
    await db.execute<{ attribution_days: number }>(sql`select attribution_days from campaigns where id = ${id}`)
  ).rows;
  if (!k) throw campaignNotFound();
  // delivery reports and bookings keep coming after the sending ended
  await syncRecipients(db, id);
  await attributeBookings(db, id);
  const progress = (await campaignProgress(db, [id])).get(id)!;
  const [failures, cost, series] = await Promise.all([
    db.execute<{ code: string; count: number }>(sql`
      select coalesce(provider_code, reason, 'unknown') as code, count(*)::int as count
        from campaign_recipients where campaign_id = ${id} and state = 'failed'
       group by 1 order by 2 desc, 1`),
    db.execute<{ total: number }>(
      sql`select coalesce(sum(cost_vnd), 0)::bigint::float8 as total from campaign_recipients where campaign_id = ${id}`,
    ),
    db.execute<{ hour: Date; sent: number; delivered: number; read: number; clicked: number }>(sql`
      with events as (
        select date_trunc('hour', sent_at) as hour, 1 as sent, 0 as delivered, 0 as read, 0 as clicked
          from campaign_recipients where campaign_id = ${id} and sent_at is not null
        union all
        select date_trunc('hour', delivered_at), 0, 1, 0, 0
          from campaign_recipients where campaign_id = ${id} and delivered_at is not null
        union all
        select date_trunc('hour', read_at), 0, 0, 1, 0
          from campaign_recipients where campaign_id = ${id} and read_at is not null
        union all
        select date_trunc('hour', clicked_at), 0, 0, 0, 1
          from campaign_recipients where campaign_id = ${id} and clicked_at is not null)
      select hour, sum(sent)::int as sent, sum(delivered)::int as delivered, sum(read)::int as read,
             sum(clicked)::int as clicked
        from events group by hour order by hour`),
  ]);
  const reached = progress.sent + progress.delivered + progress.read;
  return {
    progress,
    failuresByCode: failures.rows,
    costVnd: Number(cost.rows[0]?.total ?? 0),
    bookedWithinDays: k.attribution_days,
    series: series.rows.map((s) => ({
      hour: new Date(s.hour).toISOString(),
      sent: s.sent,
      delivered: s.delivered,
      read: s.read,
      clicked: s.clicked,
    })),
    conversionRate: reached > 0 ? progress.booked / reached : 0,
  };
}
