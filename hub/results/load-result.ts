import { asc, eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import {
  imagingPreviews,
  imagingStudies,
  orders,
  patients,
  resultObservations,
  results,
  staffUsers,
} from '../../db/schema/index.ts';

/** OBX-8 flags that mean "outside the reference range" (everything but N and an empty flag). */
export function isAbnormal(flag: string | null): boolean {
  return !!flag && flag.trim() !== '' && flag.trim().toUpperCase() !== 'N';
}

/** One result with everything any screen shows of it; who may see it is decided by the caller. */
export async function loadResult(db: DbOrTx, resultId: string) {
  const [row] = await db
    .select({
      id: results.id,
      kind: results.kind,
      status: results.status,
      version: results.version,
      title: results.title,
      reportText: results.reportText,
      conclusion: results.conclusion,
      interpreter: results.interpreter,
      modality: results.modality,
      observedAt: results.observedAt,
      reportedAt: results.reportedAt,
      createdAt: results.createdAt,
      releasedAt: results.releasedToPatientAt,
      releasedByRule: results.releasedByRule,
      releasedByName: staffUsers.fullName,
      patientId: patients.id,
      patientName: patients.fullName,
      patientBirthDate: patients.birthDate,
      patientRelationship: patients.relationship,
      contactId: patients.contactId,
      orderId: orders.id,
      serviceCode: orders.serviceCode,
      serviceName: orders.serviceName,
      accessionNumber: orders.accessionNumber,
      orderStatus: orders.status,
      placedAt: orders.placedAt,
    })
    .from(results)
    .innerJoin(patients, eq(patients.id, results.patientId))
    .innerJoin(orders, eq(orders.id, results.orderId))
    .leftJoin(staffUsers, eq(staffUsers.id, results.releasedByStaffId))
    .where(eq(results.id, resultId));
  if (!row) return null;
  const observations = await db
    .select({
      seq: resultObservations.seq,
      code: resultObservations.code,
      name: resultObservations.name,
      valueType: resultObservations.valueType,
      value: resultObservations.value,
      unit: resultObservations.unit,
      referenceRange: resultObservations.referenceRange,
      flag: resultObservations.flag,
      status: resultObservations.observationStatus,
    })
    .from(resultObservations)
    .where(eq(resultObservations.resultId, resultId))
    .orderBy(asc(resultObservations.seq), asc(resultObservations.subId));
  const studies = await db
    .select({
      id: imagingStudies.id,
      studyInstanceUid: imagingStudies.studyInstanceUid,
      description: imagingStudies.description,
      studyDate: imagingStudies.studyDate,
      modalities: imagingStudies.modalities,
    })
    .from(imagingStudies)
    .where(eq(imagingStudies.resultId, resultId))
    .orderBy(asc(imagingStudies.createdAt));
  const previews = studies.length
    ? await db
        .select({ id: imagingPreviews.id, caption: imagingPreviews.caption, modality: imagingPreviews.modality })
        .from(imagingPreviews)
        .where(
          inArray(
            imagingPreviews.studyId,
            studies.map((s) => s.id),
          ),
        )
        .orderBy(asc(imagingPreviews.position), asc(imagingPreviews.createdAt))
    : [];
  const first = studies[0];
  return {
    ...row,
    observations: observations.map((o) => ({ ...o, abnormal: isAbnormal(o.flag) })),
    previews,
    study: first
      ? {
          studyInstanceUid: first.studyInstanceUid,
          description: first.description,
          studyDate: first.studyDate,
          modalities: first.modalities,
        }
      : null,
  };
}

export type LoadedResult = NonNullable<Awaited<ReturnType<typeof loadResult>>>;
