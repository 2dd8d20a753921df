import { and, eq, inArray, sql } from 'drizzle-orm';
import { type CampaignStatus, campaignRecipients, campaigns, segments } from '../../db/schema/index.ts';
import { recordAudit } from '../audit/record-audit.ts';
import type { Actor } from '../platform/actor.ts';
import type { AppDeps } from '../platform/context.ts';
import { ValidationError } from '../platform/errors.ts';
import { jobId } from '../platform/queues.ts';
import { CampaignStateError, campaignNotFound } from './campaign-errors.ts';
import { campaignJob, startRound } from './campaign-jobs-data.ts';
import { forgetCampaignState } from './campaign-state.ts';
import { SegmentFilterSchema } from './campaigns.schemas.ts';
import { getCampaign } from './manage-campaigns.ts';
import { countSegment } from './preview-segment.ts';

type Action = 'launch' | 'pause' | 'resume' | 'cancel';

const verb: Record<Action, string> = { launch: 'phát động', pause: 'tạm dừng', resume: 'tiếp tục', cancel: 'huỷ' };
const from: Record<Action, CampaignStatus[]> = {
  launch: ['draft'],
  pause: ['running'],
  resume: ['paused'],
  cancel: ['scheduled', 'running', 'paused'],
};

async function currentStatus(deps: AppDeps, id: string): Promise<CampaignStatus> {
  const [c] = await deps.db.select({ status: campaigns.status }).from(campaigns).where(eq(campaigns.id, id));
  if (!c) throw campaignNotFound();
  return c.status;
}

/**
 * Moves a campaign by a staff action, as one conditional UPDATE on the statuses the action starts from (two clicks,
 * two staff: one wins, the other gets 409), audited in the same transaction; the jobs follow after the commit.
 */
async function move(
  deps: AppDeps,
  id: string,
  action: Action,
  set: Record<string, unknown>,
  actor: Actor,
  detail: Record<string, unknown> = {},
) {
  const row = await deps.db.transaction(async (tx) => {
    const [r] = await tx
      .update(campaigns)
      .set(set)
      .where(and(eq(campaigns.id, id), inArray(campaigns.status, from[action])))
      .returning();
    if (!r) return undefined;
    if (action === 'cancel') {
      await tx
        .update(campaignRecipients)
        .set({ state: 'skipped', reason: 'campaign_cancelled' })
        .where(and(eq(campaignRecipients.campaignId, id), eq(campaignRecipients.state, 'pending')));
    }
    await recordAudit(tx, {
      action: `campaign.${action}`,
      actorStaffId: actor.staffId,
      subjectType: 'campaign',
      subjectId: id,
      ip: actor.ip,
      requestId: actor.requestId,
      detail: { status: r.status, ...detail },
    });
    return r;
  });
  if (!row) throw new CampaignStateError(verb[action], await currentStatus(deps, id));
  forgetCampaignState(id);
  return row;
}

/** Sends now, or at `scheduledAt`; the audience is estimated now and frozen page by page as the fan-out runs. */
export async function launchCampaign(deps: AppDeps, id: string, input: { scheduledAt?: string }, actor: Actor) {
  const status = await currentStatus(deps, id);
  if (status !== 'draft') throw new CampaignStateError(verb.launch, status);
  const at = input.scheduledAt ? new Date(input.scheduledAt) : undefined;
  if (at && at.getTime() < Date.now() - 60_000) throw new ValidationError('Thời điểm hẹn gửi đã qua');
  const later = at && at.getTime() > Date.now() + 1_000;
  const [seg] = await deps.db
    .select({ filter: segments.filter })
    .from(segments)
    .innerJoin(campaigns, eq(campaigns.segmentId, segments.id))
    .where(eq(campaigns.id, id));
  const estimate = await countSegment(deps, SegmentFilterSchema.parse(seg?.filter ?? {}));
  const row = await move(
    deps,
    id,
    'launch',
    later
      ? { status: 'scheduled', scheduledAt: at, totalRecipients: estimate }
      : { status: 'running', startedAt: sql`now()`, totalRecipients: estimate },
    actor,
    { audience: estimate, ...(later ? { scheduledAt: at.toISOString() } : {}) },
  );
  if (later) {
    await deps.queues.campaigns.add(
      campaignJob.start,
      { campaignId: id },
      { jobId: jobId.campaignTask(id, 'start'), delay: at.getTime() - Date.now() },
    );
  } else {
    await startRound(deps, row);
  }
  return getCampaign(deps, id);
}

/** The scheduled time came (the `start` job): a campaign cancelled meanwhile stays cancelled. */
export async function startScheduled(deps: AppDeps, id: string) {
  const [row] = await deps.db
    .update(campaigns)
    .set({ status: 'running', startedAt: sql`now()` })
    .where(and(eq(campaigns.id, id), eq(campaigns.status, 'scheduled')))
    .returning();
  if (!row) return 'not_scheduled';
  forgetCampaignState(id);
  await startRound(deps, row);
  return 'started';
}

/** No new sends start; sends already handed to a provider finish. */
export async function pauseCampaign(deps: AppDeps, id: string, actor: Actor) {
  await move(deps, id, 'pause', { status: 'paused' }, actor);
  return getCampaign(deps, id);
}

/** A new round: the recipients still pending get fresh jobs and the fan-out goes on from where it stopped. */
export async function resumeCampaign(deps: AppDeps, id: string, actor: Actor) {
  const row = await move(deps, id, 'resume', { status: 'running', round: sql`${campaigns.round} + 1` }, actor);
  await startRound(deps, row);
  return getCampaign(deps, id);
}

/** Stops for good: recipients not yet sent to are marked skipped (campaign_cancelled). */
export async function cancelCampaign(deps: AppDeps, id: string, actor: Actor) {
  await move(deps, id, 'cancel', { status: 'cancelled', completedAt: sql`now()` }, actor);
  return getCampaign(deps, id);
}
