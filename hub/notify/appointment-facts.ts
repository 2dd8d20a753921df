import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns';
import { eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import { appointments, branches, patients } from '../../db/schema/index.ts';
import type { NotifySettings } from './settings.ts';

const weekday = ['Chủ nhật', 'Thứ Hai', 'Thứ Ba', 'Thứ Tư', 'Thứ Năm', 'Thứ Sáu', 'Thứ Bảy'];

export interface AppointmentFacts {
  id: string;
  patientId: string;
  contactId: string;
  status: string;
  startsAt: Date;
  confirmedAt: Date | null;
  /** the template variables every appointment notice shares (templates/visit-variables.ts) */
  vars: Record<string, string>;
}

/**
 * An appointment as its notices tell it, read when the notice is made: times in the clinic's zone, the doctor (or
 * "Bác sĩ phụ trách" when the booking names none), the package (or the department), and the Mini App links.
 */
export async function appointmentFacts(
  db: DbOrTx,
  settings: NotifySettings,
  appointmentId: string,
): Promise<AppointmentFacts | undefined> {
  const [a] = await db
    .select({
      id: appointments.id,
      patientId: appointments.patientId,
      contactId: patients.contactId,
      status: appointments.status,
      startsAt: appointments.startsAt,
      confirmedAt: appointments.confirmedAt,
      bookingCode: appointments.bookingCode,
      patientName: patients.fullName,
      branchName: branches.name,
      branchAddress: branches.address,
      doctorName: sql<
        string | null
      >`(select d.title || ' ' || d.full_name from doctors d where d.id = ${appointments.doctorId})`,
      serviceName: sql<string | null>`coalesce(
        (select p.name from service_packages p where p.id = ${appointments.packageId}),
        (select d.name from departments d where d.id = ${appointments.departmentId}))`,
    })
    .from(appointments)
    .innerJoin(patients, eq(patients.id, appointments.patientId))
    .innerJoin(branches, eq(branches.id, appointments.branchId))
    .where(eq(appointments.id, appointmentId));
  if (!a) return undefined;
  const local = new TZDate(a.startsAt.getTime(), settings.timeZone);
  return {
    id: a.id,
    patientId: a.patientId,
    contactId: a.contactId,
    status: a.status,
    startsAt: a.startsAt,
    confirmedAt: a.confirmedAt,
    vars: {
      patientName: a.patientName,
      bookingCode: a.bookingCode,
      visitTime: format(local, 'HH:mm'),
      visitDate: format(local, 'dd/MM/yyyy'),
      weekday: weekday[local.getDay()]!,
      branchName: a.branchName,
      branchAddress: a.branchAddress,
      doctorName: a.doctorName ?? 'Bác sĩ phụ trách',
      serviceName: a.serviceName ?? 'Khám bệnh',
      appointmentLink: `${settings.miniappUrl}/appointments/${a.id}`,
    },
  };
}

/** "ngày mai", "sau 2 giờ nữa", "sau 3 ngày nữa": how far a reminder is from its visit. */
export function leadTimeText(ms: number): string {
  const hours = Math.round(ms / 3_600_000);
  if (hours >= 20 && hours <= 30) return 'ngày mai';
  if (hours >= 48) return `sau ${Math.round(hours / 24)} ngày nữa`;
  if (hours >= 1) return `sau ${hours} giờ nữa`;
  return `sau ${Math.max(1, Math.round(ms / 60_000))} phút nữa`;
}
