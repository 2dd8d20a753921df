import { desc, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import { orders, patients, results } from '../../db/schema/index.ts';
import { abnormalCount } from './result-counts.ts';

/** The orders of a contact's family profiles with their result (if any), newest first: the contact page's panel. */
export async function listContactOrders(db: DbOrTx, contactId: string, limit = 100) {
  const rows = await db
    .select({
      id: orders.id,
      kind: orders.kind,
      serviceCode: orders.serviceCode,
      serviceName: orders.serviceName,
      accessionNumber: orders.accessionNumber,
      status: orders.status,
      placedAt: orders.placedAt,
      patientId: patients.id,
      patientName: patients.fullName,
      resultId: results.id,
      resultTitle: results.title,
      resultStatus: results.status,
      releasedAt: results.releasedToPatientAt,
      abnormalCount,
    })
    .from(orders)
    .innerJoin(patients, eq(patients.id, orders.patientId))
    .leftJoin(results, eq(results.orderId, orders.id))
    .where(eq(patients.contactId, contactId))
    .orderBy(desc(orders.placedAt))
    .limit(limit);
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    serviceCode: r.serviceCode,
    serviceName: r.serviceName,
    accessionNumber: r.accessionNumber,
    status: r.status,
    placedAt: r.placedAt.toISOString(),
    patient: { id: r.patientId, fullName: r.patientName },
    result:
      r.resultId && r.resultStatus && r.resultTitle
        ? {
            id: r.resultId,
            title: r.resultTitle,
            status: r.resultStatus,
            releasedAt: r.releasedAt?.toISOString() ?? null,
            abnormalCount: r.abnormalCount,
          }
        : null,
  }));
}
