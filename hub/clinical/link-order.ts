import { and, eq, or, type SQL, sql } from 'drizzle-orm';
import type { ParsedOrder, ParsedSubject } from '../../adapters/clinical/lis/index.ts';
import type { DbOrTx } from '../../db/client.ts';
import { appointments, doctors, orders } from '../../db/schema/index.ts';
import { MessageRejected } from './message-rejected.ts';

type OrderRow = typeof orders.$inferSelect;
/** The columns the upsert reads (mapping a whole row costs more CPU than the query). */
const known = {
  id: orders.id,
  patientId: orders.patientId,
  appointmentId: orders.appointmentId,
  fillerOrderNumber: orders.fillerOrderNumber,
  accessionNumber: orders.accessionNumber,
  modality: orders.modality,
  fillerStatus: orders.fillerStatus,
};
type KnownOrder = { [K in keyof typeof known]: OrderRow[K] };

/** The order a message refers to: placer number, else filler number (per kind), else accession — one query. */
async function findOrder(tx: DbOrTx, o: ParsedOrder): Promise<KnownOrder | undefined> {
  const tries: SQL[] = [];
  if (o.placerOrderNumber) tries.push(eq(orders.placerOrderNumber, o.placerOrderNumber));
  if (o.fillerOrderNumber) tries.push(and(eq(orders.kind, o.kind), eq(orders.fillerOrderNumber, o.fillerOrderNumber))!);
  if (o.accessionNumber) tries.push(eq(orders.accessionNumber, o.accessionNumber));
  if (tries.length === 0) return undefined;
  const rank = sql<number>`case ${sql.join(
    tries.map((t, i) => sql`when ${t} then ${i}`),
    sql` `,
  )} end`;
  const [row] = await tx
    .select(known)
    .from(orders)
    .where(or(...tries))
    .orderBy(rank)
    .limit(1);
  return row;
}

/**
 * The appointment of a visit: PV1-50 carrying our booking code, else PV1-19 = the HIS visit number we stored; only
 * the patient's own appointments count. The visit number is kept the first time a booking code names the visit.
 */
export async function findAppointment(tx: DbOrTx, patientId: string, s: ParsedSubject): Promise<string | undefined> {
  if (s.alternateVisitId) {
    const [a] = await tx
      .select({ id: appointments.id, visit: appointments.hisVisitNumber })
      .from(appointments)
      .where(and(eq(appointments.bookingCode, s.alternateVisitId), eq(appointments.patientId, patientId)));
    if (a) {
      if (!a.visit && s.visitNumber) {
        await tx.update(appointments).set({ hisVisitNumber: s.visitNumber }).where(eq(appointments.id, a.id));
      }
      return a.id;
    }
  }
  if (s.visitNumber) {
    const [a] = await tx
      .select({ id: appointments.id })
      .from(appointments)
      .where(and(eq(appointments.hisVisitNumber, s.visitNumber), eq(appointments.patientId, patientId)));
    if (a) return a.id;
  }
  return undefined;
}

const statusOf = (o: ParsedOrder, final: boolean): OrderRow['status'] =>
  o.orderControl === 'CA' || o.orderStatus === 'CA' ? 'cancelled' : final ? 'completed' : 'in_progress';

/**
 * Finds or creates the order a result or order message is about, for the linked patient. An order of another patient
 * with the same number is refused (AE): results must never land on the wrong person.
 */
export async function upsertOrder(
  tx: DbOrTx,
  patientId: string,
  appointmentId: string | undefined,
  o: ParsedOrder,
  opts: { final: boolean; index: number },
): Promise<{ id: string; created: boolean }> {
  const existing = await findOrder(tx, o);
  if (existing && existing.patientId !== patientId) {
    throw new MessageRejected('AE', {
      code: 204,
      location: `OBR^${opts.index + 1}^2`,
      message: 'Số phiếu chỉ định thuộc về bệnh nhân khác',
    });
  }
  if (existing) {
    const [row] = await tx
      .update(orders)
      .set({
        fillerOrderNumber: existing.fillerOrderNumber ?? o.fillerOrderNumber,
        accessionNumber: existing.accessionNumber ?? o.accessionNumber,
        appointmentId: existing.appointmentId ?? appointmentId ?? null,
        modality: existing.modality ?? o.modality,
        status: statusOf(o, opts.final),
        fillerStatus: o.orderStatus ?? existing.fillerStatus,
      })
      .where(eq(orders.id, existing.id))
      .returning({ id: orders.id });
    return { id: row!.id, created: false };
  }
  const [row] = await tx
    .insert(orders)
    .values({
      kind: o.kind,
      patientId,
      appointmentId: appointmentId ?? null,
      orderingDoctorId: o.orderingDoctorCode
        ? sql`(select ${doctors.id} from ${doctors} where ${doctors.code} = ${o.orderingDoctorCode})`
        : null,
      placerOrderNumber: o.placerOrderNumber,
      fillerOrderNumber: o.fillerOrderNumber,
      accessionNumber: o.accessionNumber,
      serviceCode: o.serviceCode,
      serviceName: o.serviceName,
      modality: o.modality,
      status: statusOf(o, opts.final),
      fillerStatus: o.orderStatus,
      clinicalInfo: o.clinicalInfo,
    })
    .returning({ id: orders.id });
  return { id: row!.id, created: true };
}
