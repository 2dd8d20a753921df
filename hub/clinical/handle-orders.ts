import { Hl7ParseError, type Hl7Reader } from '../../adapters/clinical/hl7/index.ts';
import { parseOrderMessage } from '../../adapters/clinical/lis/index.ts';
import type { DbOrTx } from '../../db/client.ts';
import { findAppointment, upsertOrder } from './link-order.ts';
import { requirePatient } from './link-patient.ts';
import { type HandledMessage, MessageRejected } from './message-rejected.ts';

/**
 * ORM^O01 / OML^O21 from the HIS: orders placed during the visit become order rows (with the accession number the
 * PACS study will carry), so the results that follow find their order and appointment.
 */
export async function handleOrders(tx: DbOrTx, msg: Hl7Reader, hubApp: string): Promise<HandledMessage> {
  let parsed: ReturnType<typeof parseOrderMessage>;
  try {
    parsed = parseOrderMessage(msg, hubApp);
  } catch (err) {
    if (!(err instanceof Hl7ParseError)) throw err;
    throw new MessageRejected('AE', { code: err.hl7Code, location: err.location, message: err.message });
  }
  const patient = await requirePatient(tx, parsed.ids);
  const appointmentId = await findAppointment(tx, patient.id, parsed);
  const ids: string[] = [];
  for (const [index, o] of parsed.orders.entries()) {
    ids.push((await upsertOrder(tx, patient.id, appointmentId, o, { final: false, index })).id);
  }
  return {
    patientId: patient.id,
    correlationType: 'order',
    correlationId: ids[0],
    text: `Đã nhận ${ids.length} chỉ định`,
  };
}
