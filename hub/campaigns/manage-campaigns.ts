import { and, count, desc, eq } from 'drizzle-orm';
import type { z } from 'zod';
import { campaigns, segments } from '../../db/schema/index.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { notifyEngine } from '../notify/index.ts';
import type { Actor } from '../platform/actor.ts';
import type { AppDeps } from '../platform/context.ts';
import { ValidationError } from '../platform/errors.ts';
import { campaignDto, campaignDtos } from './campaign-dto.ts';
import { CampaignStateError, campaignNotFound } from './campaign-errors.ts';
import { campaignTemplate } from './campaign-templates.ts';
import type { CampaignInputSchema, CampaignPatchSchema, CampaignQuerySchema } from './campaigns.schemas.ts';

type Input = z.infer<typeof CampaignInputSchema>;

async function checkRefs(deps: AppDeps, input: { templateKey?: string; segmentId?: string }) {
  if (input.templateKey !== undefined && !campaignTemplate(notifyEngine(deps), input.templateKey)) {
    throw new ValidationError('Mẫu tin không dùng được cho chiến dịch (cần mẫu ZNS tiếp thị)');
  }
  if (input.segmentId !== undefined) {
    const [s] = await deps.db.select({ id: segments.id }).from(segments).where(eq(segments.id, input.segmentId));
    if (!s) throw new ValidationError('Nhóm khách hàng không tồn tại');
  }
}

const stored = (p: Input['params']) => ({ headline: p.headline, ...(p.message ? { message: p.message } : {}) });

export async function createCampaign(deps: AppDeps, input: Input, actor: Actor) {
  await checkRefs(deps, input);
  const [row] = await deps.db
    .insert(campaigns)
    .values({
      name: input.name,
      description: input.description ?? null,
      segmentId: input.segmentId,
      templateKey: input.templateKey,
      params: stored(input.params),
      targetUrl: input.params.link,
      smsFallbackText: input.smsFallbackText ?? null,
      channelPlan: input.smsFallbackText ? ['zns', 'sms'] : ['zns'],
      ...(input.throttlePerMinute !== undefined ? { throttlePerMinute: input.throttlePerMinute } : {}),
      ...(input.attributionDays !== undefined ? { attributionDays: input.attributionDays } : {}),
      createdByStaffId: actor.staffId,
    })
    .returning({ id: campaigns.id });
  return (await campaignDto(deps.db, row!.id))!;
}

export async function getCampaign(deps: AppDeps, id: string) {
  const dto = await campaignDto(deps.db, id);
  if (!dto) throw campaignNotFound();
  return dto;
}

export async function listCampaigns(deps: AppDeps, q: z.infer<typeof CampaignQuerySchema>) {
  const where = q.status ? eq(campaigns.status, q.status) : undefined;
  const [rows, [total]] = await Promise.all([
    deps.db
      .select()
      .from(campaigns)
      .where(where)
      .orderBy(desc(campaigns.createdAt), desc(campaigns.id))
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize),
    deps.db.select({ n: count() }).from(campaigns).where(where),
  ]);
  return { items: await campaignDtos(deps.db, rows), total: total?.n ?? 0 };
}

/** Only a draft can be edited: what was launched is what the report explains. */
export async function updateCampaign(deps: AppDeps, id: string, input: z.infer<typeof CampaignPatchSchema>) {
  const current = await getCampaign(deps, id);
  if (current.status !== 'draft') throw new CampaignStateError('sửa', current.status);
  await checkRefs(deps, input);
  const sms = input.smsFallbackText !== undefined ? input.smsFallbackText : current.smsFallbackText;
  const [row] = await deps.db
    .update(campaigns)
    .set({
      ...(input.name !== undefined ? { name: input.name } : {}),
      ...(input.description !== undefined ? { description: input.description } : {}),
      ...(input.segmentId !== undefined ? { segmentId: input.segmentId } : {}),
      ...(input.templateKey !== undefined ? { templateKey: input.templateKey } : {}),
      ...(input.params ? { params: stored(input.params), targetUrl: input.params.link } : {}),
      smsFallbackText: sms ?? null,
      channelPlan: sms ? ['zns', 'sms'] : ['zns'],
      ...(input.throttlePerMinute !== undefined ? { throttlePerMinute: input.throttlePerMinute } : {}),
      ...(input.attributionDays !== undefined ? { attributionDays: input.attributionDays } : {}),
    })
    .where(and(eq(campaigns.id, id), eq(campaigns.status, 'draft')))
    .returning({ id: campaigns.id });
  if (!row) throw new CampaignStateError('sửa', 'running');
  return getCampaign(deps, id);
}

/** Deletes a draft (nothing was sent from it); a launched campaign stays, with its results. */
export async function deleteDraftCampaign(deps: AppDeps, id: string, actor: Actor) {
  await deps.db.transaction(async (tx) => {
    const [gone] = await tx
      .delete(campaigns)
      .where(and(eq(campaigns.id, id), eq(campaigns.status, 'draft')))
      .returning({ name: campaigns.name });
    if (!gone) {
      const [row] = await tx.select({ status: campaigns.status }).from(campaigns).where(eq(campaigns.id, id));
      if (!row) throw campaignNotFound();
      throw new CampaignStateError('xoá', row.status);
    }
    await recordAudit(tx, {
      action: 'campaign.delete',
      actorStaffId: actor.staffId,
      subjectType: 'campaign',
      subjectId: id,
      ip: actor.ip,
      requestId: actor.requestId,
      detail: { name: gone.name },
    });
  });
  return { id, deleted: true as const };
}
