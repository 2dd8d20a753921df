import { and, eq, isNull } from 'drizzle-orm';
import { readPatientIds } from '../../adapters/clinical/his/index.ts';
import { type Hl7Reader, val } from '../../adapters/clinical/hl7/index.ts';
import type { DbOrTx } from '../../db/client.ts';
import { appointments } from '../../db/schema/index.ts';
import { findPatient } from './link-patient.ts';
import type { HandledMessage } from './message-rejected.ts';

/**
 * ADT from the HIS (A28/A31/A04/A08): the person's MRN is kept on the profile our id (PID-3 type PI) names. A person
 * the hub does not know is accepted and left alone: the HIS registers many people who never use the hub.
 */
export async function handleAdt(tx: DbOrTx, msg: Hl7Reader, hubApp: string): Promise<HandledMessage> {
  const patient = await findPatient(tx, readPatientIds(msg.first('PID'), hubApp));
  if (!patient) return { text: 'Không có hồ sơ tương ứng trên hệ thống đặt lịch' };
  return { patientId: patient.id, correlationType: 'patient', correlationId: patient.id };
}

/**
 * SIU from the HIS about one of our bookings (SCH-1 = our booking code): its own appointment id (SCH-2) is kept for
 * the messages that follow. Appointment status changes (S26 no-show) are left to the front desk in the console.
 */
export async function handleSiu(tx: DbOrTx, msg: Hl7Reader, hubApp: string): Promise<HandledMessage> {
  const sch = msg.first('SCH');
  const bookingCode = val(sch, 1, 1);
  const hisId = val(sch, 2, 1);
  const patient = await findPatient(tx, readPatientIds(msg.first('PID'), hubApp));
  const [appt] = bookingCode
    ? await tx
        .select({ id: appointments.id, patientId: appointments.patientId })
        .from(appointments)
        .where(eq(appointments.bookingCode, bookingCode))
    : [];
  if (!appt) return { patientId: patient?.id, text: 'Lịch hẹn không do hệ thống đặt lịch tạo' };
  if (hisId) {
    await tx
      .update(appointments)
      .set({ hisAppointmentId: hisId })
      .where(and(eq(appointments.id, appt.id), isNull(appointments.hisAppointmentId)));
  }
  return { patientId: appt.patientId, correlationType: 'appointment', correlationId: appt.id };
}
