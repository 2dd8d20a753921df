import { asc, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import { appointmentEvents, appointments, contacts, patients, staffUsers } from '../../db/schema/index.ts';
import { appointmentQuery, toStaffAppointment } from './appointment-view.ts';
import { appointmentNotFound } from './booking-errors.ts';
import type { BookingPolicy } from './policy.ts';
import { bookingQrSvg } from './qr.ts';

/**
 * What the console's appointment drawer shows (route schema: StaffAppointmentDetailSchema): the appointment, the whole
 * profile the front desk checks against the CCCD or BHYT card, the contact who holds it, who booked it, and the
 * timeline with the staff behind each step.
 */
export async function loadStaffAppointment(db: DbOrTx, policy: BookingPolicy, id: string) {
  const [row] = await appointmentQuery(db, policy).where(eq(appointments.id, id));
  if (!row) throw appointmentNotFound();
  const base = toStaffAppointment(row);
  const [[extra], timeline, qrSvg] = await Promise.all([
    db
      .select({
        relationship: patients.relationship,
        nationalId: patients.nationalId,
        insuranceNumber: patients.insuranceNumber,
        insuranceValidTo: patients.insuranceValidTo,
        hisMrn: patients.hisMrn,
        contactName: contacts.fullName,
        contactPhone: contacts.phone,
        createdById: staffUsers.id,
        createdByName: staffUsers.fullName,
      })
      .from(appointments)
      .innerJoin(patients, eq(patients.id, appointments.patientId))
      .innerJoin(contacts, eq(contacts.id, patients.contactId))
      .leftJoin(staffUsers, eq(staffUsers.id, appointments.createdByStaffId))
      .where(eq(appointments.id, id)),
    db
      .select({
        kind: appointmentEvents.kind,
        at: appointmentEvents.at,
        actor: appointmentEvents.actorKind,
        staffName: staffUsers.fullName,
      })
      .from(appointmentEvents)
      .leftJoin(staffUsers, eq(staffUsers.id, appointmentEvents.actorStaffId))
      .where(eq(appointmentEvents.appointmentId, id))
      .orderBy(asc(appointmentEvents.at), asc(appointmentEvents.id)),
    bookingQrSvg(base.bookingCode),
  ]);
  return {
    ...base,
    patient: {
      ...base.patient,
      relationship: extra!.relationship,
      nationalId: extra!.nationalId,
      insuranceNumber: extra!.insuranceNumber,
      insuranceValidTo: extra!.insuranceValidTo,
      hisMrn: extra!.hisMrn,
    },
    contact: { id: base.patient.contactId, fullName: extra!.contactName, phone: extra!.contactPhone },
    createdBy: extra!.createdById ? { id: extra!.createdById, fullName: extra!.createdByName! } : null,
    timeline: timeline.map((e) => ({ kind: e.kind, at: e.at.toISOString(), actor: e.actor, staffName: e.staffName })),
    qrSvg,
  };
}
