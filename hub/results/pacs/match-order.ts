import { TZDate } from '@date-fns/tz';
import { and, eq, isNull, ne, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../../db/client.ts';
import { orders, patients, results } from '../../../db/schema/index.ts';

export interface StudyKeys {
  accessionNumber: string | null;
  dicomPatientId: string | null;
  studyDate: string | null;
  modalities: string[];
}

export interface MatchedOrder {
  id: string;
  patientId: string;
  serviceCode: string;
  serviceName: string;
  modality: string | null;
}

export type Match =
  | { order: MatchedOrder }
  | { order: null; reason: 'no_accession' | 'no_order' | 'patient_mismatch' | 'ambiguous' };

const columns = {
  id: orders.id,
  patientId: orders.patientId,
  serviceCode: orders.serviceCode,
  serviceName: orders.serviceName,
  modality: orders.modality,
  kind: orders.kind,
  hisMrn: patients.hisMrn,
};

/**
 * The imaging order a study belongs to (INTEGRATION.md §3.1): AccessionNumber, confirmed by the PatientID being the
 * order's patient's HIS MRN: a study is never shown to the wrong person because a modality reused a number. Without
 * an accession number, falls back to the one open imaging order of that MRN placed on the study date (clinic time).
 */
export async function matchOrder(tx: DbOrTx, study: StudyKeys, timeZone: string): Promise<Match> {
  if (study.accessionNumber) {
    const [order] = await tx
      .select(columns)
      .from(orders)
      .innerJoin(patients, eq(patients.id, orders.patientId))
      .where(eq(orders.accessionNumber, study.accessionNumber));
    if (order?.kind !== 'imaging') return { order: null, reason: 'no_order' };
    if (!study.dicomPatientId || order.hisMrn !== study.dicomPatientId)
      return { order: null, reason: 'patient_mismatch' };
    return { order };
  }
  if (!study.dicomPatientId || !study.studyDate) return { order: null, reason: 'no_accession' };
  const [y, m, d] = study.studyDate.split('-').map(Number) as [number, number, number];
  const dayStart = new TZDate(y, m - 1, d, timeZone);
  const dayEnd = new TZDate(y, m - 1, d + 1, timeZone);
  const candidates = await tx
    .select(columns)
    .from(orders)
    .innerJoin(patients, eq(patients.id, orders.patientId))
    .leftJoin(results, eq(results.orderId, orders.id))
    .where(
      and(
        eq(orders.kind, 'imaging'),
        eq(patients.hisMrn, study.dicomPatientId),
        ne(orders.status, 'cancelled'),
        isNull(results.studyInstanceUid),
        sql`${orders.placedAt} >= ${new Date(dayStart.getTime())} and ${orders.placedAt} < ${new Date(dayEnd.getTime())}`,
      ),
    );
  const fitting = candidates.filter((o) => !o.modality || study.modalities.includes(o.modality.toUpperCase()));
  if (fitting.length === 1) return { order: fitting[0]! };
  return { order: null, reason: fitting.length > 1 ? 'ambiguous' : 'no_accession' };
}
