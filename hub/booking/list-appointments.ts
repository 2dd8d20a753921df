import { TZDate } from '@date-fns/tz';
import { addDays, parseISO } from 'date-fns';
import { and, asc, count, desc, eq, gte, inArray, lt, or, type SQL, sql } from 'drizzle-orm';
import { toVn84 } from '../../adapters/shared/phone.ts';
import { appointments, contacts, patients } from '../../db/schema/index.ts';
import type { AppDeps } from '../platform/context.ts';
import { containsFolded } from '../platform/vn-search.ts';
import { appointmentQuery, toAppointment, toStaffAppointment } from './appointment-view.ts';
import { normaliseBookingCode } from './booking-code.ts';
import { bookingPolicy } from './policy.ts';

/** Start of a clinic-local date as an instant. */
function dayStart(date: string, timeZone: string): Date {
  const d = parseISO(date);
  return new TZDate(d.getFullYear(), d.getMonth(), d.getDate(), timeZone);
}

export interface StaffListQuery {
  from?: string;
  to?: string;
  branchId?: string;
  departmentId?: string;
  doctorId?: string;
  patientId?: string;
  contactId?: string;
  status?: (typeof appointments.$inferSelect)['status'];
  q?: string;
  /** by visit time: desc (latest first, the default) or asc (the counter's day list) */
  order?: 'asc' | 'desc';
  page: number;
  pageSize: number;
}

/** Staff search over appointments: filters, a free-text q (booking code, phone or name), latest visit first. */
export async function listAppointments(deps: AppDeps, q: StaffListQuery) {
  const policy = bookingPolicy(deps.config);
  const where: (SQL | undefined)[] = [
    q.from ? gte(appointments.startsAt, dayStart(q.from, policy.timeZone)) : undefined,
    q.to ? lt(appointments.startsAt, addDays(dayStart(q.to, policy.timeZone), 1)) : undefined,
    q.branchId ? eq(appointments.branchId, q.branchId) : undefined,
    q.departmentId ? eq(appointments.departmentId, q.departmentId) : undefined,
    q.doctorId ? eq(appointments.doctorId, q.doctorId) : undefined,
    q.patientId ? eq(appointments.patientId, q.patientId) : undefined,
    q.contactId ? eq(patients.contactId, q.contactId) : undefined,
    q.status ? eq(appointments.status, q.status) : undefined,
  ];
  if (q.q) {
    const code = normaliseBookingCode(q.q);
    const phone = toVn84(q.q);
    where.push(
      or(
        code ? eq(appointments.bookingCode, code) : undefined,
        phone
          ? or(
              eq(patients.phone, phone),
              inArray(
                patients.contactId,
                deps.db.select({ id: contacts.id }).from(contacts).where(eq(contacts.phone, phone)),
              ),
            )
          : undefined,
        containsFolded(patients.fullName, q.q.trim()),
      ),
    );
  }
  const filter = and(...where);
  const [rows, [total]] = await Promise.all([
    appointmentQuery(deps.db, policy)
      .where(filter)
      .orderBy(q.order === 'asc' ? asc(appointments.startsAt) : desc(appointments.startsAt), asc(appointments.id))
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize),
    deps.db
      .select({ n: count() })
      .from(appointments)
      .innerJoin(patients, eq(patients.id, appointments.patientId))
      .where(filter),
  ]);
  return { items: rows.map(toStaffAppointment), total: total?.n ?? 0, page: q.page, pageSize: q.pageSize };
}

/**
 * A patient's own appointments (every profile of their contact): upcoming soonest first, past latest first. Lapsed
 * and replaced holds are left out: they were never bookings.
 */
export async function listMyAppointments(
  deps: AppDeps,
  contactId: string,
  q: { view: 'upcoming' | 'past' | 'all'; profileId?: string; page: number; pageSize: number },
) {
  const policy = bookingPolicy(deps.config);
  const filter = and(
    eq(patients.contactId, contactId),
    q.profileId ? eq(appointments.patientId, q.profileId) : undefined,
    sql`not (${appointments.status} = 'cancelled' and coalesce(${appointments.cancelledReason}, '') like 'hold\\_%')`,
    sql`not (${appointments.status} = 'requested' and ${appointments.holdExpiresAt} <= now())`,
    q.view === 'upcoming'
      ? sql`${appointments.endsAt} > now() and ${appointments.status} in ('requested', 'confirmed', 'checked_in')`
      : q.view === 'past'
        ? sql`(${appointments.endsAt} <= now() or ${appointments.status} in ('completed', 'cancelled', 'no_show'))`
        : undefined,
  );
  const [rows, [total]] = await Promise.all([
    appointmentQuery(deps.db, policy)
      .where(filter)
      .orderBy(q.view === 'upcoming' ? asc(appointments.startsAt) : desc(appointments.startsAt))
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize),
    deps.db
      .select({ n: count() })
      .from(appointments)
      .innerJoin(patients, eq(patients.id, appointments.patientId))
      .where(filter),
  ]);
  return { items: rows.map(toAppointment), total: total?.n ?? 0, page: q.page, pageSize: q.pageSize };
}
