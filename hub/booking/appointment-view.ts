import { and, asc, eq, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { DbOrTx } from '../../db/client.ts';
import {
  appointmentEvents,
  appointments,
  branches,
  departments,
  doctors,
  patients,
  servicePackages,
} from '../../db/schema/index.ts';
import type { BookingPolicy } from './policy.ts';

const pkg = alias(servicePackages, 'pkg');

/** What the Mini App and the console show of an appointment (route schema: AppointmentSchema). */
export function appointmentColumns(policy: BookingPolicy) {
  return {
    id: appointments.id,
    bookingCode: appointments.bookingCode,
    status: appointments.status,
    startsAt: appointments.startsAt,
    endsAt: appointments.endsAt,
    holdExpiresAt: appointments.holdExpiresAt,
    sourceChannel: appointments.sourceChannel,
    contractRef: appointments.contractRef,
    reason: appointments.reason,
    priceVnd: appointments.priceVnd,
    slotId: appointments.slotId,
    cancelledReason: appointments.cancelledReason,
    createdAt: appointments.createdAt,
    hisSyncState: appointments.hisSyncState,
    patientId: patients.id,
    patientName: patients.fullName,
    patientPhone: patients.phone,
    patientBirthDate: patients.birthDate,
    patientSex: patients.sex,
    contactId: patients.contactId,
    branchId: branches.id,
    branchName: branches.name,
    branchAddress: branches.address,
    departmentId: departments.id,
    departmentName: departments.name,
    doctorId: doctors.id,
    doctorTitle: doctors.title,
    doctorName: doctors.fullName,
    packageId: pkg.id,
    packageName: pkg.name,
    packageDuration: pkg.durationMinutes,
    packagePreparation: pkg.preparationNotes,
    packageBhyt: pkg.bhytCovered,
    changeDeadline: sql<string>`${appointments.startsAt} - make_interval(secs => ${policy.changeCutoffHours * 3600})`,
    canChange: sql<boolean>`(${appointments.status} = 'confirmed' and ${appointments.startsAt} - make_interval(secs => ${policy.changeCutoffHours * 3600}) > now())`,
  };
}

export function appointmentQuery(db: DbOrTx, policy: BookingPolicy) {
  return db
    .select(appointmentColumns(policy))
    .from(appointments)
    .innerJoin(patients, eq(patients.id, appointments.patientId))
    .innerJoin(branches, eq(branches.id, appointments.branchId))
    .leftJoin(departments, eq(departments.id, appointments.departmentId))
    .leftJoin(doctors, eq(doctors.id, appointments.doctorId))
    .leftJoin(pkg, eq(pkg.id, appointments.packageId))
    .$dynamic();
}

type Row = Awaited<ReturnType<typeof appointmentQuery>>[number];

const iso = (v: Date | string | null) => (v === null ? null : new Date(v).toISOString());

export function toAppointment(r: Row) {
  return {
    id: r.id,
    bookingCode: r.bookingCode,
    qrPayload: r.bookingCode,
    status: r.status,
    startsAt: iso(r.startsAt)!,
    endsAt: iso(r.endsAt)!,
    holdExpiresAt: r.status === 'requested' ? iso(r.holdExpiresAt) : null,
    sourceChannel: r.sourceChannel,
    contractRef: r.contractRef,
    reason: r.reason,
    priceVnd: r.priceVnd,
    slotId: r.slotId,
    cancelledReason: r.cancelledReason,
    hisSyncState: r.hisSyncState,
    createdAt: iso(r.createdAt)!,
    canChange: Boolean(r.canChange),
    changeDeadline: iso(r.changeDeadline)!,
    patient: { id: r.patientId, fullName: r.patientName, contactId: r.contactId },
    branch: { id: r.branchId, name: r.branchName, address: r.branchAddress },
    department: r.departmentId ? { id: r.departmentId, name: r.departmentName! } : null,
    doctor: r.doctorId ? { id: r.doctorId, title: r.doctorTitle!, fullName: r.doctorName! } : null,
    package: r.packageId
      ? {
          id: r.packageId,
          name: r.packageName!,
          durationMinutes: r.packageDuration!,
          preparationNotes: r.packagePreparation,
          bhytCovered: r.packageBhyt!,
        }
      : null,
  };
}

export type AppointmentView = ReturnType<typeof toAppointment>;

/** The staff's row: the patient-facing view plus what recognises the person at the counter or on the phone. */
export function toStaffAppointment(r: Row) {
  return {
    ...toAppointment(r),
    patient: {
      id: r.patientId,
      fullName: r.patientName,
      contactId: r.contactId,
      phone: r.patientPhone,
      birthDate: r.patientBirthDate,
      sex: r.patientSex,
    },
  };
}

/** One appointment by id, optionally only if it belongs to a profile of this contact. */
export async function loadAppointment(
  db: DbOrTx,
  policy: BookingPolicy,
  id: string,
  ownerContactId?: string,
): Promise<AppointmentView | undefined> {
  const where = ownerContactId
    ? and(eq(appointments.id, id), eq(patients.contactId, ownerContactId))
    : eq(appointments.id, id);
  const [row] = await appointmentQuery(db, policy).where(where);
  return row ? toAppointment(row) : undefined;
}

/** The appointment a booking code names (the counter's QR scan). */
export async function findByBookingCode(db: DbOrTx, policy: BookingPolicy, code: string) {
  const [row] = await appointmentQuery(db, policy).where(eq(appointments.bookingCode, code));
  return row ? toAppointment(row) : undefined;
}

export async function loadTimeline(db: DbOrTx, appointmentId: string) {
  const rows = await db
    .select({ kind: appointmentEvents.kind, at: appointmentEvents.at, actor: appointmentEvents.actorKind })
    .from(appointmentEvents)
    .where(eq(appointmentEvents.appointmentId, appointmentId))
    .orderBy(asc(appointmentEvents.at), asc(appointmentEvents.id));
  return rows.map((r) => ({ kind: r.kind, at: r.at.toISOString(), actor: r.actor }));
}

export type { Row as AppointmentRow };
