import { asc, desc, eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import { imagingPreviews, imagingStudies } from '../../db/schema/index.ts';
import { staffPreviewUrl } from './preview-urls.ts';

/** Studies the PACS holds that match no order yet (newest first), with their previews, for clinicians to follow up. */
export async function listUnlinkedStudies(db: DbOrTx, limit = 50) {
  const studies = await db
    .select()
    .from(imagingStudies)
    .where(eq(imagingStudies.linkState, 'unlinked'))
    .orderBy(desc(imagingStudies.createdAt))
    .limit(limit);
  const previews = studies.length
    ? await db
        .select({
          id: imagingPreviews.id,
          studyId: imagingPreviews.studyId,
          caption: imagingPreviews.caption,
          modality: imagingPreviews.modality,
        })
        .from(imagingPreviews)
        .where(
          inArray(
            imagingPreviews.studyId,
            studies.map((s) => s.id),
          ),
        )
        .orderBy(asc(imagingPreviews.position))
    : [];
  return studies.map((s) => ({
    id: s.id,
    accessionNumber: s.accessionNumber,
    dicomPatientId: s.dicomPatientId,
    dicomPatientName: s.dicomPatientName,
    studyDate: s.studyDate,
    description: s.description,
    modalities: s.modalities,
    unlinkedReason: s.unlinkedReason,
    createdAt: s.createdAt.toISOString(),
    previews: previews
      .filter((p) => p.studyId === s.id)
      .map((p) => ({ id: p.id, url: staffPreviewUrl(p.id), caption: p.caption, modality: p.modality })),
  }));
}
