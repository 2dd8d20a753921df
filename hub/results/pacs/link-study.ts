import { TZDate } from '@date-fns/tz';
import { and, asc, eq, inArray, ne, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../../db/client.ts';
import { type ImagingPreview, imagingPreviews, imagingStudies, orders, results } from '../../../db/schema/index.ts';
import { publishEvent } from '../../platform/outbox.ts';
import { resultReceivedTopic } from '../auto-release.ts';
import { staffPreviewUrl } from '../preview-urls.ts';
import { matchOrder } from './match-order.ts';

export type LinkOutcome = { linked: true; resultId: string; announced: boolean } | { linked: false; reason: string };

function studyDay(date: string | null, timeZone: string): Date | null {
  if (!date) return null;
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(new TZDate(y, m - 1, d, timeZone).getTime());
}

/**
 * Links a stored study to its order and makes (or completes) the imaging result of that order, in the caller's
 * transaction. The ORU report of the RIS, when the LIS intake already wrote one on the same result, is kept: SR text
 * only fills an empty report. `result.received` is published when the result is new or gained a report or images, so
 * the auto-release rules see it. An unmatched study stays unlinked, with the reason, for the next try.
 */
export async function linkStudy(tx: DbOrTx, studyRowId: string, timeZone: string): Promise<LinkOutcome> {
  const [study] = await tx.select().from(imagingStudies).where(eq(imagingStudies.id, studyRowId)).for('update');
  if (!study) return { linked: false, reason: 'gone' };
  const match = await matchOrder(
    tx,
    {
      accessionNumber: study.accessionNumber,
      dicomPatientId: study.dicomPatientId,
      studyDate: study.studyDate,
      modalities: study.modalities,
    },
    timeZone,
  );
  if (!match.order) {
    await tx
      .update(imagingStudies)
      .set({ linkState: 'unlinked', unlinkedReason: match.reason })
      .where(eq(imagingStudies.id, study.id));
    return { linked: false, reason: match.reason };
  }
  const order = match.order;
  const previewRows = await tx
    .select({ id: imagingPreviews.id, instanceId: imagingPreviews.pacsInstanceId, caption: imagingPreviews.caption })
    .from(imagingPreviews)
    .where(eq(imagingPreviews.studyId, study.id))
    .orderBy(asc(imagingPreviews.position));
  const previews: ImagingPreview[] = previewRows.map((p) => ({
    instanceId: p.instanceId,
    url: staffPreviewUrl(p.id),
    ...(p.caption ? { caption: p.caption } : {}),
  }));
  const modality = study.modalities.find((m) => m !== 'SR') ?? order.modality;
  // the study UID is unique across results: one already on another order's result (from an ORU) is left there
  const [uidElsewhere] = await tx
    .select({ id: results.id })
    .from(results)
    .where(and(eq(results.studyInstanceUid, study.studyInstanceUid), ne(results.orderId, order.id)));
  const studyInstanceUid = uidElsewhere ? null : study.studyInstanceUid;
  const [before] = await tx
    .select({ id: results.id, reportText: results.reportText, previews: results.previews })
    .from(results)
    .where(eq(results.orderId, order.id))
    .for('update');

  let resultId: string;
  let changed: boolean;
  if (!before) {
    const [created] = await tx
      .insert(results)
      .values({
        orderId: order.id,
        patientId: order.patientId,
        kind: 'imaging',
        status: study.srReportText ? 'final' : 'preliminary',
        title: order.serviceName || study.description || 'Chẩn đoán hình ảnh',
        reportText: study.srReportText,
        studyInstanceUid,
        pacsStudyId: study.pacsStudyId,
        modality,
        previews,
        observedAt: studyDay(study.studyDate, timeZone),
        reportedAt: sql`now()`,
      })
      .returning({ id: results.id });
    resultId = created!.id;
    changed = true;
  } else {
    const gainsReport = !before.reportText && !!study.srReportText;
    changed = gainsReport || before.previews.length !== previews.length;
    await tx
      .update(results)
      .set({
        ...(studyInstanceUid ? { studyInstanceUid } : {}),
        pacsStudyId: study.pacsStudyId,
        modality,
        previews,
        ...(gainsReport ? { reportText: study.srReportText, status: 'final' as const, reportedAt: sql`now()` } : {}),
      })
      .where(eq(results.id, before.id));
    resultId = before.id;
  }
  await tx
    .update(imagingStudies)
    .set({
      linkState: 'linked',
      unlinkedReason: null,
      orderId: order.id,
      patientId: order.patientId,
      resultId,
      linkedAt: study.linkedAt ?? sql`now()`,
    })
    .where(eq(imagingStudies.id, study.id));
  // the images exist, so the examination was performed
  await tx
    .update(orders)
    .set({ status: 'completed' })
    .where(and(eq(orders.id, order.id), inArray(orders.status, ['placed', 'scheduled', 'in_progress'])));
  if (changed) {
    await publishEvent(tx, {
      topic: resultReceivedTopic,
      aggregateType: 'result',
      aggregateId: resultId,
      payload: { resultId, patientId: order.patientId, orderId: order.id },
    });
  }
  return { linked: true, resultId, announced: changed };
}
