import { eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import { campaigns, segments } from '../../db/schema/index.ts';
import { campaignProgress, emptyProgress } from './campaign-progress.ts';
import type { CampaignDto } from './campaigns.schemas.ts';

type Row = typeof campaigns.$inferSelect;

/** Campaign rows as the API shows them, with their segment's name and live progress. */
export async function campaignDtos(db: DbOrTx, rows: Row[]): Promise<CampaignDto[]> {
  if (rows.length === 0) return [];
  const segs = await db
    .select({ id: segments.id, name: segments.name })
    .from(segments)
    .where(inArray(segments.id, [...new Set(rows.map((r) => r.segmentId))]));
  const names = new Map(segs.map((s) => [s.id, s.name]));
  const progress = await campaignProgress(
    db,
    rows.map((r) => r.id),
  );
  const iso = (d: Date | null) => d?.toISOString() ?? null;
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    description: r.description,
    segmentId: r.segmentId,
    segmentName: names.get(r.segmentId) ?? '',
    templateKey: r.templateKey,
    params: r.params,
    smsFallbackText: r.smsFallbackText,
    targetUrl: r.targetUrl,
    status: r.status,
    scheduledAt: iso(r.scheduledAt),
    throttlePerMinute: r.throttlePerMinute,
    attributionDays: r.attributionDays,
    totalRecipients: r.totalRecipients,
    startedAt: iso(r.startedAt),
    completedAt: iso(r.completedAt),
    createdAt: r.createdAt.toISOString(),
    progress: progress.get(r.id) ?? emptyProgress(),
  }));
}

export async function campaignDto(db: DbOrTx, id: string): Promise<CampaignDto | undefined> {
  const rows = await db.select().from(campaigns).where(eq(campaigns.id, id));
  return (await campaignDtos(db, rows))[0];
}
