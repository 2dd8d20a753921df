import { eq } from 'drizzle-orm';
import type { HisAppointment, HisPatient } from '../../adapters/clinical/his/index.ts';
import type { DbOrTx } from '../../db/client.ts';
import { appointments, branches, departments, doctors, patients, servicePackages } from '../../db/schema/index.ts';

/** A patient profile as the HIS needs it, or undefined when it does not exist. */
export async function loadHisPatient(tx: DbOrTx, patientId: string): Promise<HisPatient | undefined> {
  const [p] = await tx
    .select({
      id: patients.id,
      mrn: patients.hisMrn,
      fullName: patients.fullName,
      birthDate: patients.birthDate,
      sex: patients.sex,
      phone: patients.phone,
      nationalId: patients.nationalId,
      insuranceNumber: patients.insuranceNumber,
      insuranceValidTo: patients.insuranceValidTo,
      address: patients.address,
    })
    .from(patients)
    .where(eq(patients.id, patientId));
  return p;
}

/** What an appointment event says about the booking at the time it happened (the outbox payload). */
export interface AppointmentAtEvent {
  appointmentId: string;
  startsAt: string;
  endsAt: string;
  doctorId: string | null;
  branchId: string;
  departmentId: string | null;
}

/**
 * The booking as the HIS must see it for one event: times, doctor, branch and department as of the event (a later
 * change has its own event), the rest (package, reason, contract, HIS ids) as stored now.
 */
export async function loadHisAppointment(
  tx: DbOrTx,
  at: AppointmentAtEvent,
): Promise<{ appointment: HisAppointment; patientId: string } | undefined> {
  const [a] = await tx
    .select({
      bookingCode: appointments.bookingCode,
      patientId: appointments.patientId,
      hisAppointmentId: appointments.hisAppointmentId,
      reason: appointments.reason,
      contractRef: appointments.contractRef,
      sourceChannel: appointments.sourceChannel,
      packageId: appointments.packageId,
    })
    .from(appointments)
    .where(eq(appointments.id, at.appointmentId));
  if (!a) return undefined;
  const [branch] = await tx
    .select({ code: branches.code, hisCode: branches.hisCode, name: branches.name })
    .from(branches)
    .where(eq(branches.id, at.branchId));
  const [doctor] = at.doctorId
    ? await tx
        .select({ code: doctors.code, title: doctors.title, fullName: doctors.fullName })
        .from(doctors)
        .where(eq(doctors.id, at.doctorId))
    : [];
  const [dept] = at.departmentId
    ? await tx
        .select({ code: departments.code, hisCode: departments.hisCode, name: departments.name })
        .from(departments)
        .where(eq(departments.id, at.departmentId))
    : [];
  const [pkg] = a.packageId
    ? await tx
        .select({ code: servicePackages.code, hisCode: servicePackages.hisServiceCode, name: servicePackages.name })
        .from(servicePackages)
        .where(eq(servicePackages.id, a.packageId))
    : [];
  return {
    patientId: a.patientId,
    appointment: {
      bookingCode: a.bookingCode,
      hisAppointmentId: a.hisAppointmentId,
      startsAt: new Date(at.startsAt),
      endsAt: new Date(at.endsAt),
      reason: a.reason,
      contractRef: a.contractRef,
      sourceChannel: a.sourceChannel,
      doctor: doctor ?? null,
      // codes shared with the HIS: its own code when the catalogue has one, ours otherwise
      branch: { code: branch?.hisCode ?? branch?.code ?? '', name: branch?.name ?? '' },
      department: dept ? { code: dept.hisCode ?? dept.code, name: dept.name } : null,
      service: pkg ? { code: pkg.hisCode ?? pkg.code, name: pkg.name } : null,
    },
  };
}
