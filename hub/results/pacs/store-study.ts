import { eq, sql } from 'drizzle-orm';
import {
  PacsError,
  type PacsStudy,
  readSrReport,
  readStudy,
  type SrReport,
} from '../../../adapters/clinical/pacs/index.ts';
import { imagingPreviews, imagingStudies } from '../../../db/schema/index.ts';
import type { AppDeps } from '../../platform/context.ts';
import { type LinkOutcome, linkStudy } from './link-study.ts';
import type { PacsSource } from './pacs-source.ts';

async function firstReport(source: PacsSource, study: PacsStudy): Promise<SrReport | null> {
  for (const id of study.reportInstanceIds) {
    const report = await readSrReport(source.client, id).catch((err: unknown) => {
      if (err instanceof PacsError) return null; // an encapsulated PDF or a broken SR: not a text report
      throw err;
    });
    if (report) return report;
  }
  return null;
}

/**
 * Takes one stable study from the PACS: its tags, the SR report if any, and rendered previews of its first images
 * (only those not stored yet, so a study that grows is not fetched twice), then stores them and tries to link the
 * study to its order. Network reads happen before the transaction; the writes and the link commit together.
 */
export async function storeStudy(deps: AppDeps, source: PacsSource, pacsStudyId: string): Promise<LinkOutcome> {
  const log = deps.logger.child({ pacsStudyId });
  const study = await readStudy(source.client, pacsStudyId);
  const report = await firstReport(source, study);
  const [existing] = await deps.db
    .select({ id: imagingStudies.id })
    .from(imagingStudies)
    .where(sql`${imagingStudies.pacsPeer} = ${source.peer} and ${imagingStudies.pacsStudyId} = ${pacsStudyId}`);
  const stored = new Set(
    existing
      ? (
          await deps.db
            .select({ instanceId: imagingPreviews.pacsInstanceId })
            .from(imagingPreviews)
            .where(eq(imagingPreviews.studyId, existing.id))
        ).map((p) => p.instanceId)
      : [],
  );
  const wanted = study.images.slice(0, deps.config.PACS_PREVIEWS_PER_STUDY);
  const fetched: { position: number; image: (typeof wanted)[number]; bytes: Buffer; mimeType: string }[] = [];
  for (const [position, image] of wanted.entries()) {
    if (stored.has(image.instanceId)) continue;
    try {
      const rendered = await source.client.preview(image.instanceId);
      fetched.push({ position, image, ...rendered });
    } catch (err) {
      // an image Orthanc cannot render (unsupported transfer syntax) must not hold the study back
      if (!(err instanceof PacsError) || err.status === null || err.status >= 500) throw err;
      log.warn({ instanceId: image.instanceId, status: err.status }, 'pacs: preview not rendered');
    }
  }

  return deps.db.transaction(async (tx) => {
    const values = {
      pacsPeer: source.peer,
      pacsStudyId,
      studyInstanceUid: study.studyInstanceUid,
      accessionNumber: study.accessionNumber,
      dicomPatientId: study.patientId,
      dicomPatientName: study.patientName,
      studyDate: study.studyDate,
      description: study.description,
      modalities: study.modalities,
      instanceCount: study.instanceCount,
      srReportText: report?.text ?? null,
    };
    const [row] = await tx
      .insert(imagingStudies)
      .values(values)
      .onConflictDoUpdate({
        target: [imagingStudies.pacsPeer, imagingStudies.pacsStudyId],
        set: { ...values, updatedAt: sql`now()` },
      })
      .returning({ id: imagingStudies.id });
    if (fetched.length) {
      await tx
        .insert(imagingPreviews)
        .values(
          fetched.map((f) => ({
            studyId: row!.id,
            pacsInstanceId: f.image.instanceId,
            position: f.position,
            modality: f.image.modality,
            caption: f.image.caption,
            mimeType: f.mimeType,
            sizeBytes: f.bytes.length,
            bytes: f.bytes,
          })),
        )
        .onConflictDoNothing();
    }
    const outcome = await linkStudy(tx, row!.id, deps.config.CLINIC_TIMEZONE);
    log.info(
      {
        linked: outcome.linked,
        previews: fetched.length,
        report: report !== null,
        ...(outcome.linked ? {} : { reason: outcome.reason }),
      },
      'pacs: study stored',
    );
    return outcome;
  });
}
