import { and, desc, eq, isNotNull, type SQL } from 'drizzle-orm';
import { patients, results } from '../../db/schema/index.ts';
import type { AppDeps } from '../platform/context.ts';
import { decodeCursor, page } from '../platform/cursor.ts';
import { NotFoundError } from '../platform/errors.ts';
import { type LoadedResult, loadResult } from './load-result.ts';
import { patientPreviewUrl } from './preview-urls.ts';
import { resultNotFound } from './release-result.ts';
import { abnormalCount, beforeCursor, previewCount, resultSortAt } from './result-counts.ts';

const iso = (d: Date | null) => (d ? d.toISOString() : null);
// the code the booking API gives for someone else's profile, so the Mini App handles both alike
const profileNotFound = () => new NotFoundError('Không tìm thấy hồ sơ bệnh nhân', 'profile_not_found');

/** Released results of the contact's profiles (one profile when asked), newest first, a page at a time. */
export async function listPatientResults(
  deps: AppDeps,
  contactId: string,
  query: { profileId?: string; cursor?: string; limit: number },
) {
  if (query.profileId) {
    const [own] = await deps.db
      .select({ id: patients.id })
      .from(patients)
      .where(and(eq(patients.id, query.profileId), eq(patients.contactId, contactId)));
    if (!own) throw profileNotFound();
  }
  const after = decodeCursor(query.cursor);
  const where: SQL[] = [eq(patients.contactId, contactId), isNotNull(results.releasedToPatientAt)];
  if (query.profileId) where.push(eq(results.patientId, query.profileId));
  if (after) where.push(beforeCursor(resultSortAt, results.id, after));
  const rows = await deps.db
    .select({
      id: results.id,
      kind: results.kind,
      title: results.title,
      status: results.status,
      modality: results.modality,
      reportedAt: results.reportedAt,
      releasedAt: results.releasedToPatientAt,
      sortAt: resultSortAt,
      profileId: patients.id,
      profileName: patients.fullName,
      relationship: patients.relationship,
      abnormalCount,
      previewCount,
    })
    .from(results)
    .innerJoin(patients, eq(patients.id, results.patientId))
    .where(and(...where))
    .orderBy(desc(resultSortAt), desc(results.id))
    .limit(query.limit + 1);
  const { items, nextCursor } = page(rows, query.limit, (r) => ({ at: new Date(r.sortAt), id: r.id }));
  return {
    items: items.map((r) => ({
      id: r.id,
      kind: r.kind,
      title: r.title,
      status: r.status,
      modality: r.modality,
      reportedAt: iso(r.reportedAt),
      releasedAt: r.releasedAt!.toISOString(),
      profile: { id: r.profileId, fullName: r.profileName, relationship: r.relationship },
      abnormalCount: r.abnormalCount,
      previewCount: r.previewCount,
    })),
    nextCursor,
  };
}

/** A result as the patient sees it; anything not theirs, or not released yet, is simply not found. */
export async function loadPatientResult(deps: AppDeps, contactId: string, resultId: string): Promise<LoadedResult> {
  const r = await loadResult(deps.db, resultId);
  if (!r || r.contactId !== contactId || !r.releasedAt) throw resultNotFound();
  return r;
}

export function toPatientDetail(
  r: LoadedResult,
  previewUrl: (previewId: string) => string = (p) => patientPreviewUrl(r.id, p),
) {
  return {
    id: r.id,
    kind: r.kind,
    title: r.title,
    status: r.status,
    modality: r.modality,
    reportedAt: iso(r.reportedAt),
    releasedAt: r.releasedAt!.toISOString(),
    profile: { id: r.patientId, fullName: r.patientName, relationship: r.patientRelationship },
    abnormalCount: r.observations.filter((o) => o.abnormal).length,
    previewCount: r.previews.length,
    reportText: r.reportText,
    conclusion: r.conclusion,
    interpreter: r.interpreter,
    observedAt: iso(r.observedAt),
    observations: r.observations,
    previews: r.previews.map((p) => ({ ...p, url: previewUrl(p.id) })),
    study: r.study
      ? { description: r.study.description, studyDate: r.study.studyDate, modalities: r.study.modalities }
      : null,
  };
}
