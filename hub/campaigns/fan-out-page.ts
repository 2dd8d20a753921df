import { and, eq, sql } from 'drizzle-orm';
import { campaigns, segments } from '../../db/schema/index.ts';
import type { AppDeps } from '../platform/context.ts';
import { addPage, addRecipients, addRequeue, type PageJob, type RequeueJob } from './campaign-jobs-data.ts';
import { SegmentFilterSchema } from './campaigns.schemas.ts';
import { segmentCondition } from './segment-filter.ts';

export const pageSize = 1_000;

/**
 * One page of the fan-out: the next `pageSize` contacts of the segment after the cursor (keyset on contact id, so the
 * audience is never held in memory), frozen as recipients (unique per campaign and contact), one job each, then the
 * cursor moves and the next page is queued. Each step may run twice (a retried job) without effect: the recipients
 * and the job ids are unique, and the cursor only moves from the page it was read at.
 */
export async function fanOutPage(deps: AppDeps, job: PageJob): Promise<string> {
  const { db } = deps;
  const [c] = await db
    .select({
      status: campaigns.status,
      round: campaigns.round,
      fanoutPage: campaigns.fanoutPage,
      fanoutCursor: campaigns.fanoutCursor,
      fanoutDone: campaigns.fanoutDone,
      filter: segments.filter,
    })
    .from(campaigns)
    .innerJoin(segments, eq(segments.id, campaigns.segmentId))
    .where(eq(campaigns.id, job.campaignId));
  if (c?.status !== 'running' || c.round !== job.round) return 'stopped';
  if (c.fanoutDone || c.fanoutPage !== job.page) return 'stale';
  const where = segmentCondition(SegmentFilterSchema.parse(c.filter), deps.config.CLINIC_TIMEZONE);
  const after = c.fanoutCursor ? sql`and c.id > ${c.fanoutCursor}` : sql``;
  const page = await db.execute<{ id: string }>(sql`
    select c.id from contacts c where ${where} ${after} order by c.id limit ${pageSize}`);
  const ids = page.rows.map((r) => r.id);
  if (ids.length) {
    await db.execute(sql`
      insert into campaign_recipients (campaign_id, contact_id, click_token)
      select ${job.campaignId}::uuid, x.id, replace(gen_random_uuid()::text, '-', '')
        from unnest(${`{${ids.join(',')}}`}::uuid[]) as x(id)
      on conflict (campaign_id, contact_id) do nothing`);
    await addRecipients(deps, job.campaignId, ids, job.round);
  }
  const done = ids.length < pageSize;
  const [moved] = await db
    .update(campaigns)
    .set({
      fanoutPage: job.page + 1,
      ...(ids.length ? { fanoutCursor: ids[ids.length - 1] } : {}),
      ...(done
        ? {
            fanoutDone: true,
            totalRecipients: sql`(select count(*)::int from campaign_recipients r where r.campaign_id = ${job.campaignId})`,
          }
        : {}),
    })
    .where(and(eq(campaigns.id, job.campaignId), eq(campaigns.fanoutPage, job.page)))
    .returning({ id: campaigns.id });
  if (moved && !done) await addPage(deps, { campaignId: job.campaignId, page: job.page + 1, round: job.round });
  return `page ${job.page}: ${ids.length}`;
}

/** After a resume: the recipients still pending get a job of the new round, a page at a time. */
export async function requeuePending(deps: AppDeps, job: RequeueJob): Promise<string> {
  const [c] = await deps.db
    .select({ status: campaigns.status, round: campaigns.round })
    .from(campaigns)
    .where(eq(campaigns.id, job.campaignId));
  if (c?.status !== 'running' || c.round !== job.round) return 'stopped';
  const after = job.after ? sql`and r.contact_id > ${job.after}` : sql``;
  const rows = await deps.db.execute<{ contact_id: string }>(sql`
    select r.contact_id from campaign_recipients r
     where r.campaign_id = ${job.campaignId} and r.state = 'pending' ${after}
     order by r.contact_id limit ${pageSize}`);
  const ids = rows.rows.map((r) => r.contact_id);
  await addRecipients(deps, job.campaignId, ids, job.round);
  if (ids.length === pageSize) {
    await addRequeue(deps, { ...job, n: job.n + 1, after: ids[ids.length - 1]! });
  }
  return `requeued ${ids.length}`;
}
