import { and, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import { campaigns } from '../../db/schema/index.ts';
import type { AppDeps } from '../platform/context.ts';
import { addTick, type TickJob } from './campaign-jobs-data.ts';
import { forgetCampaignState } from './campaign-state.ts';

/**
 * Brings the recipients up to date with their notifications' outcomes (delivery reports, fallbacks, parking): state,
 * the channel that carried it, the provider's error code, cost and times. Only rows whose state differs, or whose cost
 * is still unknown, are written.
 */
export async function syncRecipients(db: DbOrTx, campaignId: string): Promise<number> {
  const r = await db.execute(sql`
    with changed as (
      select r.id, n.id as notification_id, n.delivered_via,
             case n.state when 'pending' then 'queued' when 'sending' then 'queued' when 'sent' then 'sent'
                          when 'delivered' then 'delivered' when 'read' then 'read' when 'failed' then 'failed'
                          else 'skipped' end as state,
             n.state as n_state
        from campaign_recipients r join notifications n on n.id = r.notification_id
       where r.campaign_id = ${campaignId} and r.state in ('queued', 'sent', 'delivered', 'read')
         and (r.state::text <> case n.state when 'pending' then 'queued' when 'sending' then 'queued'
                                  when 'sent' then 'sent' when 'delivered' then 'delivered' when 'read' then 'read'
                                  when 'failed' then 'failed' else 'skipped' end
              -- a delivery report can land before the send's answer (and its cost) is stored
              or (r.cost_vnd is null and r.state in ('sent', 'delivered', 'read')))),
    facts as (
      select ch.id, ch.state, ch.delivered_via, ch.n_state,
             (select min(a.sent_at) from notification_attempts a where a.notification_id = ch.notification_id) as sent_at,
             (select max(a.delivered_at) from notification_attempts a where a.notification_id = ch.notification_id) as delivered_at,
             (select max(a.read_at) from notification_attempts a where a.notification_id = ch.notification_id) as read_at,
             (select sum(a.cost_vnd) from notification_attempts a
               where a.notification_id = ch.notification_id and a.state <> 'failed') as cost,
             (select a.error_code from notification_attempts a
               where a.notification_id = ch.notification_id and a.state = 'failed'
               order by a.created_at desc limit 1) as code
        from changed ch)
    update campaign_recipients r
       set state = f.state::campaign_recipient_state,
           channel = coalesce(f.delivered_via, r.channel),
           sent_at = coalesce(r.sent_at, f.sent_at),
           delivered_at = coalesce(r.delivered_at, f.delivered_at),
           read_at = coalesce(r.read_at, f.read_at),
           cost_vnd = coalesce(f.cost, r.cost_vnd),
           provider_code = case when f.state in ('failed', 'skipped') then f.code else r.provider_code end,
           reason = case when f.n_state = 'suppressed' then 'no_consent' else r.reason end,
           updated_at = now()
      from facts f
     where r.id = f.id`);
  return r.rowCount ?? 0;
}

/**
 * Attribution: the first appointment a recipient's contact (as account holder or booker) created within the
 * campaign's window after their send is counted as booked because of it. Read from the appointments side, since
 * the campaign started: bookings are few next to recipients.
 */
export async function attributeBookings(db: DbOrTx, campaignId: string): Promise<number> {
  const r = await db.execute(sql`
    with hits as (
      select distinct on (r.id) r.id, a.id as appointment_id, a.created_at
        from campaigns k
        join appointments a on a.created_at >= k.started_at
        join patients p on p.id = a.patient_id
        join campaign_recipients r
          on r.campaign_id = k.id
         and (r.contact_id = p.contact_id or r.contact_id = a.booked_by_contact_id)
         and r.booked_at is null and r.sent_at is not null
         and a.created_at > r.sent_at
         and a.created_at <= r.sent_at + make_interval(days => k.attribution_days)
       where k.id = ${campaignId} and k.started_at is not null
       order by r.id, a.created_at)
    update campaign_recipients r
       set booked_at = h.created_at, booked_appointment_id = h.appointment_id, updated_at = now()
      from hits h where r.id = h.id`);
  return r.rowCount ?? 0;
}

/**
 * The campaign's clock while it runs (every second): recipients synced, bookings attributed, and the campaign
 * completed once the audience is all taken and nobody is waiting to be sent. Stops when the campaign is not running
 * (a resume starts a new round of it).
 */
export async function tickCampaign(deps: AppDeps, job: TickJob): Promise<string> {
  const { db } = deps;
  const [c] = await db
    .select({ status: campaigns.status, round: campaigns.round, fanoutDone: campaigns.fanoutDone })
    .from(campaigns)
    .where(eq(campaigns.id, job.campaignId));
  if (c?.status !== 'running' || c.round !== job.round) return 'stopped';
  // the sends themselves mark recipients sent; what comes later (delivery, read, fallback) is caught up every 5 s
  if (job.n % 5 === 0) await syncRecipients(db, job.campaignId);
  if (job.n % 30 === 0) await attributeBookings(db, job.campaignId);
  if (c.fanoutDone) {
    // the last sends are out: catch up with their outcomes before judging whether anyone is still waiting
    const pending = await db.execute(
      sql`select 1 from campaign_recipients where campaign_id = ${job.campaignId} and state = 'pending' limit 1`,
    );
    if (pending.rows.length === 0 && job.n % 5 !== 0) await syncRecipients(db, job.campaignId);
    const [done] = await db
      .update(campaigns)
      .set({ status: 'completed', completedAt: sql`now()` })
      .where(
        and(
          eq(campaigns.id, job.campaignId),
          eq(campaigns.status, 'running'),
          sql`not exists (select 1 from campaign_recipients r where r.campaign_id = ${job.campaignId}
                            and r.state in ('pending', 'queued'))`,
        ),
      )
      .returning({ id: campaigns.id });
    if (done) {
      forgetCampaignState(job.campaignId);
      await attributeBookings(db, job.campaignId);
      return 'completed';
    }
  }
  await addTick(deps, { ...job, n: job.n + 1 });
  return 'running';
}
