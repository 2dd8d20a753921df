import { Hl7ParseError, type Hl7Reader } from '../../adapters/clinical/hl7/index.ts';
import { parseOru } from '../../adapters/clinical/lis/index.ts';
import type { DbOrTx } from '../../db/client.ts';
import { findAppointment, upsertOrder } from './link-order.ts';
import { requirePatient } from './link-patient.ts';
import { type HandledMessage, MessageRejected } from './message-rejected.ts';
import { storeOrderResult } from './store-result.ts';

/** ORU^R01: linked to the patient (PID-3) and to each order (OBR-2/3/18) and visit (PV1-50/19), results stored. */
export async function handleOru(
  tx: DbOrTx,
  msg: Hl7Reader,
  messageId: string,
  hubApp: string,
): Promise<HandledMessage> {
  let oru: ReturnType<typeof parseOru>;
  try {
    oru = parseOru(msg, hubApp);
  } catch (err) {
    if (!(err instanceof Hl7ParseError)) throw err;
    throw new MessageRejected('AE', { code: err.hl7Code, location: err.location, message: err.message });
  }
  const patient = await requirePatient(tx, oru.ids);
  const appointmentId = await findAppointment(tx, patient.id, oru);
  const stored: string[] = [];
  for (const [index, r] of oru.orders.entries()) {
    const order = await upsertOrder(tx, patient.id, appointmentId, r, { final: r.status !== 'preliminary', index });
    const { resultId } = await storeOrderResult(tx, r, {
      orderId: order.id,
      patientId: patient.id,
      messageId,
      newOrder: order.created,
    });
    stored.push(resultId);
  }
  return {
    patientId: patient.id,
    correlationType: 'result',
    correlationId: stored[0],
    text: `Đã nhận ${stored.length} kết quả`,
  };
}
