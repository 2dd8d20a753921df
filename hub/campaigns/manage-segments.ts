import { desc, eq } from 'drizzle-orm';
import { campaigns, segments } from '../../db/schema/index.ts';
import { recordAudit } from '../audit/record-audit.ts';
import type { Actor } from '../platform/actor.ts';
import type { AppDeps } from '../platform/context.ts';
import { ConflictError } from '../platform/errors.ts';
import { segmentNotFound } from './campaign-errors.ts';
import { type SegmentFilter, SegmentFilterSchema } from './campaigns.schemas.ts';
import { countSegment } from './preview-segment.ts';

type Row = typeof segments.$inferSelect;

function toDto(r: Row) {
  const parsed = SegmentFilterSchema.safeParse(r.filter);
  return {
    id: r.id,
    name: r.name,
    description: r.description,
    filter: parsed.success ? parsed.data : {},
    lastCount: r.lastCount,
    lastCountedAt: r.lastCountedAt?.toISOString() ?? null,
    createdAt: r.createdAt.toISOString(),
  };
}

export async function listSegments(deps: AppDeps) {
  const rows = await deps.db.select().from(segments).orderBy(desc(segments.createdAt)).limit(500);
  return { items: rows.map(toDto) };
}

export async function getSegment(deps: AppDeps, id: string) {
  const [r] = await deps.db.select().from(segments).where(eq(segments.id, id));
  if (!r) throw segmentNotFound();
  return toDto(r);
}

/** A saved segment, counted once on save so the list shows its size. */
export async function createSegment(
  deps: AppDeps,
  input: { name: string; description?: string; filter: SegmentFilter },
  actor: Actor,
) {
  const count = await countSegment(deps, input.filter);
  const [r] = await deps.db
    .insert(segments)
    .values({
      name: input.name,
      description: input.description ?? null,
      filter: input.filter,
      lastCount: count,
      lastCountedAt: new Date(),
      createdByStaffId: actor.staffId,
    })
    .returning();
  return toDto(r!);
}

export async function updateSegment(
  deps: AppDeps,
  id: string,
  input: { name?: string; description?: string; filter?: SegmentFilter },
) {
  await getSegment(deps, id);
  const count = input.filter ? await countSegment(deps, input.filter) : undefined;
  const [r] = await deps.db
    .update(segments)
    .set({
      ...(input.name !== undefined ? { name: input.name } : {}),
      ...(input.description !== undefined ? { description: input.description } : {}),
      ...(input.filter ? { filter: input.filter, lastCount: count, lastCountedAt: new Date() } : {}),
    })
    .where(eq(segments.id, id))
    .returning();
  return toDto(r!);
}

/** Deletes a saved segment no campaign was made from: a campaign keeps the segment it went to, to explain it later. */
export async function deleteSegment(deps: AppDeps, id: string, actor: Actor) {
  await deps.db.transaction(async (tx) => {
    const [used] = await tx.select({ id: campaigns.id }).from(campaigns).where(eq(campaigns.segmentId, id)).limit(1);
    if (used) {
      throw new ConflictError(
        'segment_in_use',
        'Nhóm khách hàng đã dùng cho chiến dịch nên được giữ lại, không thể xoá',
      );
    }
    const [gone] = await tx.delete(segments).where(eq(segments.id, id)).returning({ name: segments.name });
    if (!gone) throw segmentNotFound();
    await recordAudit(tx, {
      action: 'segment.delete',
      actorStaffId: actor.staffId,
      subjectType: 'segment',
      subjectId: id,
      ip: actor.ip,
      requestId: actor.requestId,
      detail: { name: gone.name },
    });
  });
  return { id, deleted: true as const };
}
