import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  check,
  date,
  index,
  jsonb,
  pgEnum,
  pgTable,
  smallint,
  text,
  time,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { branches, departments, doctors, servicePackages } from './catalog.ts';
import { createdAt, timestamptz, updatedAt } from './columns.ts';
import { contacts, patients } from './contacts.ts';
import { channel } from './enums.ts';
import { staffUsers } from './staff.ts';

/**
 * A doctor's working session at a branch: either a weekly rule (weekday, optionally bounded by valid_from/valid_to)
 * or one dated session. Dated rows for a doctor on a date replace that doctor's weekly rules for the date, so a
 * one-off change never needs the rule edited. Times are wall-clock in the branch's time zone.
 * Slots are start_time + k × slot_minutes while they end by end_time; each slot takes capacity_per_slot bookings.
 */
export const schedules = pgTable(
  'schedules',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    doctorId: uuid('doctor_id')
      .notNull()
      .references(() => doctors.id, { onDelete: 'cascade' }),
    branchId: uuid('branch_id')
      .notNull()
      .references(() => branches.id, { onDelete: 'cascade' }),
    departmentId: uuid('department_id')
      .notNull()
      .references(() => departments.id, { onDelete: 'cascade' }),
    /** ISO weekday, 1 = Monday … 7 = Sunday; set for weekly rules only. */
    weekday: smallint('weekday'),
    /** Set for dated sessions only. */
    date: date('date', { mode: 'string' }),
    validFrom: date('valid_from', { mode: 'string' }),
    validTo: date('valid_to', { mode: 'string' }),
    startTime: time('start_time').notNull(),
    endTime: time('end_time').notNull(),
    slotMinutes: smallint('slot_minutes').notNull(),
    capacityPerSlot: smallint('capacity_per_slot').notNull().default(1),
    active: boolean('active').notNull().default(true),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('schedules_doctor_date_idx').on(t.doctorId, t.date),
    index('schedules_branch_date_idx').on(t.branchId, t.date),
    index('schedules_doctor_weekday_idx').on(t.doctorId, t.weekday),
    uniqueIndex('schedules_doctor_date_start_uq').on(t.doctorId, t.date, t.startTime).where(sql`${t.date} is not null`),
    check('schedules_weekday_xor_date', sql`(${t.weekday} is null) <> (${t.date} is null)`),
    check('schedules_weekday_range', sql`${t.weekday} is null or ${t.weekday} between 1 and 7`),
    check('schedules_time_order', sql`${t.startTime} < ${t.endTime}`),
    check('schedules_slot_minutes_pos', sql`${t.slotMinutes} > 0`),
    check('schedules_capacity_pos', sql`${t.capacityPerSlot} >= 1`),
  ],
);

export const dayOffKind = pgEnum('day_off_kind', ['public_holiday', 'clinic_closure', 'doctor_leave']);
export type DayOffKind = (typeof dayOffKind.enumValues)[number];

/**
 * Dates on which nothing is bookable, whatever the schedules say. Null branch = every branch; null doctor = every
 * doctor in scope. Holidays on lunar dates (Tết, Giỗ Tổ) move every year, so they are rows, not rules.
 */
export const daysOff = pgTable(
  'days_off',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    date: date('date', { mode: 'string' }).notNull(),
    kind: dayOffKind('kind').notNull(),
    name: text('name').notNull(),
    branchId: uuid('branch_id').references(() => branches.id, { onDelete: 'cascade' }),
    doctorId: uuid('doctor_id').references(() => doctors.id, { onDelete: 'cascade' }),
    createdAt: createdAt(),
  },
  (t) => [
    // coalesce instead of NULLS NOT DISTINCT, which needs PostgreSQL 15 (we support 13+)
    uniqueIndex('days_off_scope_uq').on(
      t.date,
      sql`coalesce(${t.branchId}, '00000000-0000-0000-0000-000000000000'::uuid)`,
      sql`coalesce(${t.doctorId}, '00000000-0000-0000-0000-000000000000'::uuid)`,
    ),
  ],
);

export const appointmentStatus = pgEnum('appointment_status', [
  'requested',
  'confirmed',
  'checked_in',
  'completed',
  'cancelled',
  'no_show',
]);
export type AppointmentStatus = (typeof appointmentStatus.enumValues)[number];
/** Statuses that hold a slot; must match the predicate of appointments_doctor_slot_active_uq. */
export const ACTIVE_APPOINTMENT_STATUSES = [
  'requested',
  'confirmed',
  'checked_in',
] as const satisfies readonly AppointmentStatus[];

export const hisSyncState = pgEnum('his_sync_state', ['pending', 'sent', 'synced', 'error']);
export type HisSyncState = (typeof hisSyncState.enumValues)[number];

export const appointments = pgTable(
  'appointments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** Human-readable and stable for the life of the booking; also the HL7 placer appointment id (SCH-1). */
    bookingCode: text('booking_code').notNull().unique(),
    patientId: uuid('patient_id')
      .notNull()
      .references(() => patients.id, { onDelete: 'restrict' }),
    bookedByContactId: uuid('booked_by_contact_id').references(() => contacts.id, { onDelete: 'set null' }),
    createdByStaffId: uuid('created_by_staff_id').references(() => staffUsers.id, { onDelete: 'set null' }),
    branchId: uuid('branch_id')
      .notNull()
      .references(() => branches.id, { onDelete: 'restrict' }),
    departmentId: uuid('department_id').references(() => departments.id, { onDelete: 'restrict' }),
    /** Null for bookings that need no particular doctor (a lab package); those hold no doctor slot. */
    doctorId: uuid('doctor_id').references(() => doctors.id, { onDelete: 'restrict' }),
    packageId: uuid('package_id').references(() => servicePackages.id, { onDelete: 'restrict' }),
    startsAt: timestamptz('starts_at').notNull(),
    endsAt: timestamptz('ends_at').notNull(),
    /**
     * Which place in a slot this booking takes: 1..capacity_per_slot of the schedule. The unique index below is on
     * (doctor, start, seq), so a capacity-1 slot can be held once and a capacity-N slot N times; the booking use case
     * picks the lowest free seq. A slot/capacity table may replace this later.
     */
    slotSeq: smallint('slot_seq').notNull().default(1),
    /** The booking_slots row whose `booked` count this appointment takes part in; null for doctor-less bookings. */
    slotId: uuid('slot_id').references(() => bookingSlots.id, { onDelete: 'restrict' }),
    status: appointmentStatus('status').notNull().default('requested'),
    sourceChannel: channel('source_channel').notNull(),
    /** Corporate health-check contract the visit is billed under, if any (HIS contract code). */
    contractRef: text('contract_ref'),
    /** Symptoms or reason as told by the patient. */
    reason: text('reason'),
    /** Package price at booking time: later price changes must not change what the patient was told. */
    priceVnd: bigint('price_vnd', { mode: 'number' }),
    hisSyncState: hisSyncState('his_sync_state').notNull().default('pending'),
    /** SCH-2 filler appointment id and the HIS visit (encounter) number once the HIS has scheduled it. */
    hisAppointmentId: text('his_appointment_id'),
    hisVisitNumber: text('his_visit_number'),
    hisSyncedAt: timestamptz('his_synced_at'),
    hisLastError: text('his_last_error'),
    /** A self-service booking holds its slot until this instant unless confirmed; a sweeper cancels it after. */
    holdExpiresAt: timestamptz('hold_expires_at'),
    confirmedAt: timestamptz('confirmed_at'),
    checkedInAt: timestamptz('checked_in_at'),
    completedAt: timestamptz('completed_at'),
    cancelledAt: timestamptz('cancelled_at'),
    cancelledReason: text('cancelled_reason'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    // The double-booking guard: two active bookings of the same doctor, start and seat cannot both exist, whatever
    // races the application has. Cancelled / completed / no-show rows drop out of it and free the seat.
    uniqueIndex('appointments_doctor_slot_active_uq')
      .on(t.doctorId, t.startsAt, t.slotSeq)
      .where(sql`${t.status} in ('requested', 'confirmed', 'checked_in')`),
    index('appointments_patient_idx').on(t.patientId),
    index('appointments_branch_starts_idx').on(t.branchId, t.startsAt),
    index('appointments_doctor_starts_idx').on(t.doctorId, t.startsAt),
    index('appointments_booked_by_idx').on(t.bookedByContactId),
    index('appointments_status_starts_idx').on(t.status, t.startsAt),
    index('appointments_hold_expiry_idx')
      .on(t.holdExpiresAt)
      .where(sql`${t.status} = 'requested' and ${t.holdExpiresAt} is not null`),
    index('appointments_slot_idx').on(t.slotId),
    index('appointments_his_unsynced_idx').on(t.hisSyncState).where(sql`${t.hisSyncState} <> 'synced'`),
    check('appointments_time_order', sql`${t.startsAt} < ${t.endsAt}`),
    check('appointments_slot_seq_pos', sql`${t.slotSeq} >= 1`),
  ],
);

/**
 * Bookable slots, materialised from schedules (db/slots.ts) so that availability is an indexed range read rather
 * than a computation over schedules and appointments. `booked` counts the appointments that took a place in the slot
 * and were not cancelled (holds included); it only ever changes by a conditional UPDATE in the same transaction as
 * the appointment row, and the check below is the last line of defence against overbooking.
 */
export const bookingSlots = pgTable(
  'booking_slots',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    doctorId: uuid('doctor_id')
      .notNull()
      .references(() => doctors.id, { onDelete: 'cascade' }),
    branchId: uuid('branch_id')
      .notNull()
      .references(() => branches.id, { onDelete: 'cascade' }),
    departmentId: uuid('department_id')
      .notNull()
      .references(() => departments.id, { onDelete: 'cascade' }),
    scheduleId: uuid('schedule_id').references(() => schedules.id, { onDelete: 'set null' }),
    /** The clinic-local date of starts_at, so days off (which are dates) join without time-zone arithmetic. */
    date: date('date', { mode: 'string' }).notNull(),
    startsAt: timestamptz('starts_at').notNull(),
    endsAt: timestamptz('ends_at').notNull(),
    capacity: smallint('capacity').notNull(),
    booked: smallint('booked').notNull().default(0),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('booking_slots_doctor_start_uq').on(t.doctorId, t.startsAt),
    index('booking_slots_branch_dept_start_idx').on(t.branchId, t.departmentId, t.startsAt),
    index('booking_slots_dept_start_idx').on(t.departmentId, t.startsAt),
    index('booking_slots_start_idx').on(t.startsAt),
    check('booking_slots_booked_range', sql`${t.booked} >= 0 and ${t.booked} <= ${t.capacity}`),
    check('booking_slots_capacity_pos', sql`${t.capacity} >= 1`),
    check('booking_slots_time_order', sql`${t.startsAt} < ${t.endsAt}`),
  ],
);

export const appointmentEventKinds = [
  'requested',
  'confirmed',
  'rescheduled',
  'cancelled',
  'checked_in',
  'completed',
  'no_show',
] as const;
export type AppointmentEventKind = (typeof appointmentEventKinds)[number];

/**
 * The status timeline of one appointment as patients and staff see it. Kept apart from outbox_events, which are
 * purged after delivery; both are written in the transaction of the change.
 */
export const appointmentEvents = pgTable(
  'appointment_events',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    appointmentId: uuid('appointment_id')
      .notNull()
      .references(() => appointments.id, { onDelete: 'cascade' }),
    kind: text('kind').$type<AppointmentEventKind>().notNull(),
    actorKind: text('actor_kind').$type<'patient' | 'staff' | 'system'>().notNull(),
    actorStaffId: uuid('actor_staff_id').references(() => staffUsers.id, { onDelete: 'set null' }),
    /** ids, times and codes only (old/new start, cancel reason code) */
    detail: jsonb('detail').$type<Record<string, unknown>>().notNull().default({}),
    at: timestamptz('at').notNull().defaultNow(),
  },
  (t) => [index('appointment_events_appointment_idx').on(t.appointmentId, t.at)],
);
