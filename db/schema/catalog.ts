import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  check,
  index,
  integer,
  pgEnum,
  pgTable,
  primaryKey,
  smallint,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { createdAt, updatedAt } from './columns.ts';
import { sex } from './enums.ts';
import { staffUsers } from './staff.ts';

// Codes are the keys shared with the HIS and used in HL7 (PV1-10, AIP-3, AIL-3); names are what patients read.

export const branches = pgTable('branches', {
  id: uuid('id').primaryKey().defaultRandom(),
  code: text('code').notNull().unique(),
  name: text('name').notNull(),
  address: text('address').notNull(),
  province: text('province').notNull(),
  /** 84xxxxxxxxx */
  hotline: text('hotline'),
  email: text('email'),
  /** IANA zone for slot times and reminders; every Vietnamese branch is Asia/Ho_Chi_Minh, kept for clarity. */
  timeZone: text('time_zone').notNull().default('Asia/Ho_Chi_Minh'),
  hisCode: text('his_code'),
  active: boolean('active').notNull().default(true),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

/** A specialty (khoa). Shared across branches; which branch offers it follows from doctor_departments. */
export const departments = pgTable('departments', {
  id: uuid('id').primaryKey().defaultRandom(),
  code: text('code').notNull().unique(),
  name: text('name').notNull(),
  description: text('description'),
  hisCode: text('his_code'),
  sortOrder: integer('sort_order').notNull().default(0),
  active: boolean('active').notNull().default(true),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

/**
 * Who or what a slot is booked with: a doctor, or a service point that takes bookings without one (the blood-draw
 * room, the ultrasound room): its capacity per slot is how many patients it serves at once.
 */
export const practitionerKind = pgEnum('practitioner_kind', ['doctor', 'service_point']);
export type PractitionerKind = (typeof practitionerKind.enumValues)[number];

export const doctors = pgTable(
  'doctors',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** The HIS personnel id (AIP-3 / SCH-16), e.g. BS0456. */
    code: text('code').notNull().unique(),
    /** Academic and professional title as written before the name: "ThS.BS.", "BS.CKII", "PGS.TS.BS.". */
    title: text('title').notNull(),
    fullName: text('full_name').notNull(),
    sex: sex('sex').notNull().default('unknown'),
    bio: text('bio'),
    photoUrl: text('photo_url'),
    /** ISO 639-1 codes of the languages the doctor consults in, e.g. {vi,en}. */
    languages: text('languages').array().notNull().default(sql`'{vi}'::text[]`),
    yearsOfExperience: smallint('years_of_experience'),
    /** service points are booked like doctors but never offered in the "choose a doctor" list */
    kind: practitionerKind('kind').notNull().default('doctor'),
    /** Present when the doctor also signs in to the console as a clinician. */
    staffUserId: uuid('staff_user_id').references(() => staffUsers.id, { onDelete: 'set null' }),
    active: boolean('active').notNull().default(true),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('doctors_staff_user_uq').on(t.staffUserId).where(sql`${t.staffUserId} is not null`)],
);

/** Where and in which specialty a doctor practises: drives "pick a doctor" lists per branch and department. */
export const doctorDepartments = pgTable(
  'doctor_departments',
  {
    doctorId: uuid('doctor_id')
      .notNull()
      .references(() => doctors.id, { onDelete: 'cascade' }),
    departmentId: uuid('department_id')
      .notNull()
      .references(() => departments.id, { onDelete: 'cascade' }),
    branchId: uuid('branch_id')
      .notNull()
      .references(() => branches.id, { onDelete: 'cascade' }),
  },
  (t) => [
    primaryKey({ columns: [t.doctorId, t.departmentId, t.branchId] }),
    index('doctor_departments_branch_dept_idx').on(t.branchId, t.departmentId),
  ],
);

export const servicePackages = pgTable(
  'service_packages',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    code: text('code').notNull().unique(),
    name: text('name').notNull(),
    description: text('description'),
    departmentId: uuid('department_id').references(() => departments.id, { onDelete: 'set null' }),
    /** Whole đồng; VND has no minor unit and a float would round. */
    priceVnd: bigint('price_vnd', { mode: 'number' }).notNull(),
    /** Whether BHYT (social health insurance) can pay for part of it. */
    bhytCovered: boolean('bhyt_covered').notNull().default(false),
    durationMinutes: smallint('duration_minutes').notNull(),
    /** Shown to the patient before the visit (fasting, documents to bring…). */
    preparationNotes: text('preparation_notes'),
    /** Restricts who may book it, e.g. antenatal care; null = anyone. */
    forSex: sex('for_sex'),
    hisServiceCode: text('his_service_code'),
    sortOrder: integer('sort_order').notNull().default(0),
    active: boolean('active').notNull().default(true),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('service_packages_department_idx').on(t.departmentId),
    check('service_packages_price_nonneg', sql`${t.priceVnd} >= 0`),
    check('service_packages_duration_pos', sql`${t.durationMinutes} > 0`),
  ],
);
