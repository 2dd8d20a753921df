import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns';
import { eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import {
  type AppointmentEventKind,
  appointmentEvents,
  branches,
  patientNotifications,
  patients,
} from '../../db/schema/index.ts';
import { publishEvent } from '../platform/outbox.ts';

export type BookingActor =
  | { kind: 'patient'; contactId: string }
  | { kind: 'staff'; staffId: string }
  | { kind: 'system' };

/** The appointment columns a change announcement needs. */
export interface ChangedAppointment {
  id: string;
  bookingCode: string;
  patientId: string;
  bookedByContactId: string | null;
  branchId: string;
  departmentId: string | null;
  doctorId: string | null;
  packageId: string | null;
  startsAt: Date;
  endsAt: Date;
  status: string;
  sourceChannel: string;
}

const weekday = ['Chủ nhật', 'Thứ Hai', 'Thứ Ba', 'Thứ Tư', 'Thứ Năm', 'Thứ Sáu', 'Thứ Bảy'];

/** "08:30, Thứ Năm 26/11/2026" in the clinic's time zone. */
export function formatVisitTime(at: Date, timeZone: string): string {
  const local = new TZDate(at, timeZone);
  return `${format(local, 'HH:mm')}, ${weekday[local.getDay()]} ${format(local, 'dd/MM/yyyy')}`;
}

/**
 * Writes one change of an appointment everywhere it must appear, in the caller's transaction: the status timeline,
 * the outbox event `appointment.<kind>` (for reminders, HIS sync, notices), and the patient's in-app inbox.
 */
export async function recordChange(
  tx: DbOrTx,
  appt: ChangedAppointment,
  kind: AppointmentEventKind,
  actor: BookingActor,
  opts: { timeZone: string; detail?: Record<string, unknown> },
): Promise<void> {
  const detail = opts.detail ?? {};
  await tx.insert(appointmentEvents).values({
    appointmentId: appt.id,
    kind,
    actorKind: actor.kind,
    actorStaffId: actor.kind === 'staff' ? actor.staffId : null,
    detail,
  });
  const [owner] = await tx
    .select({ contactId: patients.contactId })
    .from(patients)
    .where(eq(patients.id, appt.patientId));
  await publishEvent(tx, {
    topic: `appointment.${kind}`,
    aggregateType: 'appointment',
    aggregateId: appt.id,
    payload: {
      appointmentId: appt.id,
      bookingCode: appt.bookingCode,
      patientId: appt.patientId,
      contactId: owner?.contactId ?? null,
      bookedByContactId: appt.bookedByContactId,
      branchId: appt.branchId,
      departmentId: appt.departmentId,
      doctorId: appt.doctorId,
      packageId: appt.packageId,
      startsAt: appt.startsAt.toISOString(),
      endsAt: appt.endsAt.toISOString(),
      status: appt.status,
      sourceChannel: appt.sourceChannel,
      actor: actor.kind,
      ...detail,
    },
  });
  const notice = owner ? await inboxNotice(tx, appt, kind, opts.timeZone, detail) : undefined;
  if (owner && notice) {
    await tx.insert(patientNotifications).values({
      contactId: owner.contactId,
      patientId: appt.patientId,
      appointmentId: appt.id,
      kind: `appointment.${kind}`,
      title: notice.title,
      body: notice.body,
      link: `/appointments/${appt.id}`,
    });
  }
}

async function inboxNotice(
  tx: DbOrTx,
  appt: ChangedAppointment,
  kind: AppointmentEventKind,
  timeZone: string,
  detail: Record<string, unknown>,
): Promise<{ title: string; body: string } | undefined> {
  if (kind !== 'confirmed' && kind !== 'rescheduled' && kind !== 'cancelled') return undefined;
  // an unconfirmed hold running out is not news to anyone
  if (kind === 'cancelled' && detail.reason === 'hold_expired') return undefined;
  const [where] = await tx
    .select({
      branch: branches.name,
      doctor: sql<string | null>`(select d.title || ' ' || d.full_name from doctors d where d.id = ${appt.doctorId})`,
    })
    .from(branches)
    .where(eq(branches.id, appt.branchId));
  const when = formatVisitTime(appt.startsAt, timeZone);
  const withDoctor = where?.doctor ? ` với ${where.doctor}` : '';
  const place = where ? ` tại ${where.branch}` : '';
  if (kind === 'confirmed') {
    return {
      title: 'Đặt lịch khám thành công',
      body: `Lịch khám ${appt.bookingCode} lúc ${when}${place}${withDoctor}. Vui lòng đến trước 15 phút và xuất trình mã đặt lịch tại quầy tiếp đón.`,
    };
  }
  if (kind === 'rescheduled') {
    return {
      title: 'Đã đổi lịch khám',
      body: `Lịch khám ${appt.bookingCode} đã được chuyển sang ${when}${place}${withDoctor}.`,
    };
  }
  return {
    title: 'Đã huỷ lịch khám',
    body: `Lịch khám ${appt.bookingCode} lúc ${when}${place} đã được huỷ.`,
  };
}
