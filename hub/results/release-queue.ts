import { and, asc, eq, isNull, type SQL, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import { orders, patients, results } from '../../db/schema/index.ts';
import { decodeCursor, page } from '../platform/cursor.ts';
import { abnormalCount, afterCursor, previewCount } from './result-counts.ts';

const createdKey = sql`date_trunc('milliseconds', ${results.createdAt})`;

/** Results waiting for a clinician's release, oldest first (first in, first reviewed). */
export async function listReleaseQueue(
  db: DbOrTx,
  query: { kind?: 'lab' | 'imaging'; cursor?: string; limit: number },
) {
  const after = decodeCursor(query.cursor);
  const where: SQL[] = [isNull(results.releasedToPatientAt)];
  if (query.kind) where.push(eq(results.kind, query.kind));
  if (after) where.push(afterCursor(createdKey, results.id, after));
  const rows = await db
    .select({
      id: results.id,
      kind: results.kind,
      title: results.title,
      status: results.status,
      modality: results.modality,
      createdAt: results.createdAt,
      reportedAt: results.reportedAt,
      patientId: patients.id,
      fullName: patients.fullName,
      birthDate: patients.birthDate,
      contactId: patients.contactId,
      serviceCode: orders.serviceCode,
      serviceName: orders.serviceName,
      accessionNumber: orders.accessionNumber,
      abnormalCount,
      previewCount,
    })
    .from(results)
    .innerJoin(patients, eq(patients.id, results.patientId))
    .innerJoin(orders, eq(orders.id, results.orderId))
    .where(and(...where))
    .orderBy(asc(createdKey), asc(results.id))
    .limit(query.limit + 1);
  const { items, nextCursor } = page(rows, query.limit, (r) => ({ at: r.createdAt, id: r.id }));
  return {
    items: items.map((r) => ({
      id: r.id,
      kind: r.kind,
      title: r.title,
      status: r.status,
      modality: r.modality,
      createdAt: r.createdAt.toISOString(),
      reportedAt: r.reportedAt?.toISOString() ?? null,
      patient: { id: r.patientId, fullName: r.fullName, birthDate: r.birthDate, contactId: r.contactId },
      order: { serviceCode: r.serviceCode, serviceName: r.serviceName, accessionNumber: r.accessionNumber },
      abnormalCount: r.abnormalCount,
      previewCount: r.previewCount,
    })),
    nextCursor,
  };
}
