import { eq } from 'drizzle-orm';
import {
  buildAdt,
  buildSiu,
  type HisInterface,
  type HisPatient,
  type SiuEvent,
} from '../../adapters/clinical/his/index.ts';
import type { DbOrTx } from '../../db/client.ts';
import { appointments } from '../../db/schema/index.ts';
import type { Config } from '../config.ts';
import { hisInterface, hisPeer } from './hl7-settings.ts';
import { type AppointmentAtEvent, loadHisAppointment, loadHisPatient } from './load-his-context.ts';
import { latestOutbound, storeOutbound } from './outbound-messages.ts';

export type AppointmentChange = 'confirmed' | 'rescheduled' | 'cancelled';

export interface AppointmentEventPayload extends AppointmentAtEvent {
  actor?: string;
  previousStartsAt?: string;
}

/** The person's demographics as an ADT carries them, without the MRN the HIS may have added since. */
function demographics(adtText: string): string {
  return adtText
    .split('\r')
    .filter((line) => line.startsWith('PID|') || line.startsWith('IN1|'))
    .map((line) => {
      if (!line.startsWith('PID|')) return line;
      const fields = line.split('|');
      fields[3] = (fields[3] ?? '')
        .split('~')
        .filter((id) => !id.endsWith('^MR'))
        .join('~');
      return fields.join('|');
    })
    .join('\r');
}

/**
 * ADT^A28 before a profile's first appointment reaches the HIS; ADT^A31 when the profile changed since the last ADT.
 * Both take the patient's place in the ordering key, so the SIU that follows never overtakes them.
 */
async function registerPerson(tx: DbOrTx, patient: HisPatient, i: HisInterface, peer: string, channel: string) {
  const [last] = await latestOutbound(tx, peer, { type: 'patient', id: patient.id }, ['ADT^A28', 'ADT^A31']);
  const sourceChannel = channel;
  if (last && demographics(last.payload) === demographics(buildAdt('A31', { ...patient, mrn: null }, i).text)) return;
  const message = buildAdt(last ? 'A31' : 'A28', patient, i, { sourceChannel });
  await storeOutbound(tx, {
    peer,
    message,
    orderingKey: `patient:${patient.id}`,
    correlationType: 'patient',
    correlationId: patient.id,
    patientId: patient.id,
  });
}

/**
 * Turns one appointment change into the HL7 messages the HIS must get, stored in the caller's transaction:
 * confirmed → S12, rescheduled → S13 (time moved) or S14 (doctor/branch only), cancelled → S15 — the last two only for
 * a booking the HIS already heard of. Returns the SIU event queued, if any.
 */
export async function queueHisMessages(
  tx: DbOrTx,
  config: Config,
  change: AppointmentChange,
  payload: AppointmentEventPayload,
): Promise<SiuEvent | undefined> {
  const ctx = await loadHisAppointment(tx, payload);
  if (!ctx) return undefined;
  const patient = await loadHisPatient(tx, ctx.patientId);
  if (!patient) return undefined;
  const i = hisInterface(config);
  const peer = hisPeer(config);
  const [prior] = await latestOutbound(tx, peer, { type: 'appointment', id: payload.appointmentId }, [
    'SIU^S12',
    'SIU^S13',
    'SIU^S14',
  ]);
  let event: SiuEvent | undefined;
  if (change === 'confirmed') event = prior ? 'S14' : 'S12';
  else if (change === 'rescheduled') {
    const moved = !payload.previousStartsAt || payload.previousStartsAt !== payload.startsAt;
    event = prior ? (moved ? 'S13' : 'S14') : 'S12';
  } else event = prior ? 'S15' : undefined;
  if (!event) return undefined;

  if (event !== 'S15') await registerPerson(tx, patient, i, peer, ctx.appointment.sourceChannel);
  const message = buildSiu(event, ctx.appointment, patient, i, { cancelledByPatient: payload.actor === 'patient' });
  await storeOutbound(tx, {
    peer,
    message,
    orderingKey: `patient:${patient.id}`,
    correlationType: 'appointment',
    correlationId: payload.appointmentId,
    patientId: patient.id,
  });
  await tx.update(appointments).set({ hisSyncState: 'pending' }).where(eq(appointments.id, payload.appointmentId));
  return event;
}
