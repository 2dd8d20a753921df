import { sql } from 'drizzle-orm';
import {
  bigint,
  check,
  customType,
  date,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { appointments } from './booking.ts';
import { doctors } from './catalog.ts';
import { createdAt, timestamptz, updatedAt } from './columns.ts';
import { patients } from './contacts.ts';
import { integrationMessages } from './integration.ts';
import { staffUsers } from './staff.ts';

export const orderKind = pgEnum('order_kind', ['lab', 'imaging']);
export type OrderKind = (typeof orderKind.enumValues)[number];

/** Our view of the order lifecycle; the HL7 ORC-5 code that led to it is kept in fillerStatus. */
export const orderStatus = pgEnum('order_status', ['placed', 'scheduled', 'in_progress', 'completed', 'cancelled']);
export type OrderStatus = (typeof orderStatus.enumValues)[number];

/**
 * A lab or imaging order. Orders placed by the hub carry our placer number (ORC-2/OBR-2); orders that the LIS/RIS
 * created on its own arrive with only a filler number (ORC-3/OBR-3), which is why either may be missing.
 */
export const orders = pgTable(
  'orders',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    kind: orderKind('kind').notNull(),
    patientId: uuid('patient_id')
      .notNull()
      .references(() => patients.id, { onDelete: 'restrict' }),
    appointmentId: uuid('appointment_id').references(() => appointments.id, { onDelete: 'set null' }),
    orderingDoctorId: uuid('ordering_doctor_id').references(() => doctors.id, { onDelete: 'set null' }),
    placerOrderNumber: text('placer_order_number'),
    fillerOrderNumber: text('filler_order_number'),
    /** Imaging: DICOM (0008,0050), ≤16 chars; the link from a PACS study back to this order. */
    accessionNumber: text('accession_number'),
    /** OBR-4 universal service id and its name, e.g. SHM / Sinh hóa máu. */
    serviceCode: text('service_code').notNull(),
    serviceName: text('service_name').notNull(),
    /** Imaging modality (CR, CT, US, MR…). */
    modality: text('modality'),
    status: orderStatus('status').notNull().default('placed'),
    fillerStatus: text('filler_status'),
    clinicalInfo: text('clinical_info'),
    placedAt: timestamptz('placed_at').notNull().defaultNow(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('orders_placer_number_uq').on(t.placerOrderNumber).where(sql`${t.placerOrderNumber} is not null`),
    // lab and imaging numbers come from different systems, so they are unique per kind only
    uniqueIndex('orders_filler_number_uq')
      .on(t.kind, t.fillerOrderNumber)
      .where(sql`${t.fillerOrderNumber} is not null`),
    uniqueIndex('orders_accession_uq').on(t.accessionNumber).where(sql`${t.accessionNumber} is not null`),
    index('orders_patient_idx').on(t.patientId, t.placedAt),
    index('orders_appointment_idx').on(t.appointmentId),
    check('orders_has_number', sql`${t.placerOrderNumber} is not null or ${t.fillerOrderNumber} is not null`),
  ],
);

export const resultStatus = pgEnum('result_status', ['preliminary', 'final', 'corrected']);
export type ResultStatus = (typeof resultStatus.enumValues)[number];

export interface ImagingPreview {
  /** Orthanc instance id or DICOMweb instance path the preview was rendered from. */
  instanceId: string;
  url: string;
  caption?: string;
}

/**
 * The current result of one order: lab observations live in result_observations, imaging fields here. A correction
 * overwrites this row and bumps `version`; what was there before is copied to result_versions first.
 */
export const results = pgTable(
  'results',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orderId: uuid('order_id')
      .notNull()
      .references(() => orders.id, { onDelete: 'restrict' })
      .unique('results_order_uq'),
    patientId: uuid('patient_id')
      .notNull()
      .references(() => patients.id, { onDelete: 'restrict' }),
    kind: orderKind('kind').notNull(),
    status: resultStatus('status').notNull(),
    version: integer('version').notNull().default(1),
    title: text('title').notNull(),
    /** Imaging report or the lab's overall comment / conclusion. */
    reportText: text('report_text'),
    conclusion: text('conclusion'),
    studyInstanceUid: text('study_instance_uid'),
    /** Orthanc's study id (SHA-1 of PatientID|StudyInstanceUID), for its REST API. */
    pacsStudyId: text('pacs_study_id'),
    modality: text('modality'),
    previews: jsonb('previews').$type<ImagingPreview[]>().notNull().default([]),
    /** Who validated / interpreted it (OBX-16, OBR-32), as the source wrote it. */
    interpreter: text('interpreter'),
    observedAt: timestamptz('observed_at'),
    /** OBR-22: when the source released or last changed the result; "newest first" sorts on it. */
    reportedAt: timestamptz('reported_at'),
    /** The gate: a patient sees the result only once a clinician (or an auto-release rule) has released it. */
    releasedToPatientAt: timestamptz('released_to_patient_at'),
    releasedByStaffId: uuid('released_by_staff_id').references(() => staffUsers.id, { onDelete: 'set null' }),
    /** Set when an auto-release rule released it (e.g. `modality:CR`, `test:GLU`); null when a clinician did. */
    releasedByRule: text('released_by_rule'),
    sourceMessageId: uuid('source_message_id').references(() => integrationMessages.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('results_patient_reported_idx').on(t.patientId, t.reportedAt.desc()),
    uniqueIndex('results_study_uid_uq').on(t.studyInstanceUid).where(sql`${t.studyInstanceUid} is not null`),
    index('results_unreleased_idx').on(t.createdAt).where(sql`${t.releasedToPatientAt} is null`),
  ],
);

/** HL7 table 0078 abnormal flags (OBX-8), the common subset. */
export type ObservationFlag = 'N' | 'L' | 'H' | 'LL' | 'HH' | '<' | '>' | 'A' | 'AA';

export const resultObservations = pgTable(
  'result_observations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    resultId: uuid('result_id')
      .notNull()
      .references(() => results.id, { onDelete: 'cascade' }),
    /** OBX-1, the order the lab printed them in. */
    seq: integer('seq').notNull(),
    /** OBX-3 identifier (LOINC or local) and its coding system (LN, L…). */
    code: text('code').notNull(),
    codeSystem: text('code_system'),
    name: text('name').notNull(),
    /** OBX-4; '' when absent so that (result, code, sub_id) stays a usable key. */
    subId: text('sub_id').notNull().default(''),
    /** OBX-2 (NM, ST, TX, CE…); value is kept as the text the lab sent, never re-rounded. */
    valueType: text('value_type').notNull(),
    value: text('value'),
    unit: text('unit'),
    referenceRange: text('reference_range'),
    flag: text('flag').$type<ObservationFlag>(),
    /** OBX-11 (F, P, C…). */
    observationStatus: text('observation_status'),
    observedAt: timestamptz('observed_at'),
  },
  // the business key of a corrected value (OBR-3 + OBX-3 + OBX-4): a correction updates, never duplicates
  (t) => [uniqueIndex('result_observations_key_uq').on(t.resultId, t.code, t.subId)],
);

/** Every earlier state of a result, so a corrected value can always be traced to what was shown before. */
export const resultVersions = pgTable(
  'result_versions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    resultId: uuid('result_id')
      .notNull()
      .references(() => results.id, { onDelete: 'cascade' }),
    version: integer('version').notNull(),
    status: resultStatus('status').notNull(),
    /** The result row and its observations as they were in this version. */
    snapshot: jsonb('snapshot').$type<Record<string, unknown>>().notNull(),
    sourceMessageId: uuid('source_message_id').references(() => integrationMessages.id, { onDelete: 'set null' }),
    recordedAt: timestamptz('recorded_at').notNull().defaultNow(),
  },
  (t) => [uniqueIndex('result_versions_result_version_uq').on(t.resultId, t.version)],
);

const bytea = customType<{ data: Buffer; driverData: Buffer }>({ dataType: () => 'bytea' });

export const imagingLinkState = pgEnum('imaging_link_state', ['unlinked', 'linked']);
export type ImagingLinkState = (typeof imagingLinkState.enumValues)[number];

/**
 * Every study the PACS poller has seen, linked or not. A study whose AccessionNumber + PatientID match no order stays
 * here unlinked (visible to clinicians) and is tried again on later polls, since the order may arrive after the images.
 */
export const imagingStudies = pgTable(
  'imaging_studies',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** The PACS it came from (its base URL), since Orthanc ids are only unique within one server. */
    pacsPeer: text('pacs_peer').notNull(),
    /** Orthanc's study id (SHA-1 of PatientID|StudyInstanceUID). */
    pacsStudyId: text('pacs_study_id').notNull(),
    studyInstanceUid: text('study_instance_uid').notNull(),
    accessionNumber: text('accession_number'),
    /** DICOM (0010,0020) and (0010,0010) as the modality wrote them (NFC), for matching and for the unlinked list. */
    dicomPatientId: text('dicom_patient_id'),
    dicomPatientName: text('dicom_patient_name'),
    studyDate: date('study_date', { mode: 'string' }),
    description: text('description'),
    modalities: text('modalities').array().notNull().default([]),
    instanceCount: integer('instance_count').notNull().default(0),
    /** The report found in a DICOM SR of the study; an ORU report of the same order is preferred when both exist. */
    srReportText: text('sr_report_text'),
    linkState: imagingLinkState('link_state').notNull().default('unlinked'),
    /** Why it is unlinked: no_accession, no_order, patient_mismatch, ambiguous. */
    unlinkedReason: text('unlinked_reason'),
    orderId: uuid('order_id').references(() => orders.id, { onDelete: 'set null' }),
    patientId: uuid('patient_id').references(() => patients.id, { onDelete: 'set null' }),
    resultId: uuid('result_id').references(() => results.id, { onDelete: 'set null' }),
    linkedAt: timestamptz('linked_at'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('imaging_studies_peer_study_uq').on(t.pacsPeer, t.pacsStudyId),
    index('imaging_studies_accession_idx').on(t.accessionNumber),
    index('imaging_studies_unlinked_idx').on(t.createdAt).where(sql`${t.linkState} = 'unlinked'`),
    index('imaging_studies_result_idx').on(t.resultId),
  ],
);

/** Rendered previews (JPEG) of a study's image instances, kept in the database so every API replica can serve them. */
export const imagingPreviews = pgTable(
  'imaging_previews',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    studyId: uuid('study_id')
      .notNull()
      .references(() => imagingStudies.id, { onDelete: 'cascade' }),
    pacsInstanceId: text('pacs_instance_id').notNull(),
    /** Display order: series number, then instance number. */
    position: integer('position').notNull(),
    modality: text('modality'),
    caption: text('caption'),
    mimeType: text('mime_type').notNull(),
    sizeBytes: integer('size_bytes').notNull(),
    bytes: bytea('bytes').notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('imaging_previews_study_instance_uq').on(t.studyId, t.pacsInstanceId)],
);

/** The last `/changes` sequence number processed per PACS, so a restart resumes where it stopped. */
export const pacsCursors = pgTable('pacs_cursors', {
  pacsPeer: text('pacs_peer').primaryKey(),
  lastSeq: bigint('last_seq', { mode: 'number' }).notNull(),
  updatedAt: updatedAt(),
});

/**
 * One web lookup link ("link tra cứu kết quả") per minted URL: the URL carries this id and an HMAC of it; the row holds
 * the expiry and the view count. Wrong birth dates are counted in Redis, every view in the audit log.
 */
export const resultLookupLinks = pgTable(
  'result_lookup_links',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    resultId: uuid('result_id')
      .notNull()
      .references(() => results.id, { onDelete: 'cascade' }),
    patientId: uuid('patient_id')
      .notNull()
      .references(() => patients.id, { onDelete: 'cascade' }),
    expiresAt: timestamptz('expires_at').notNull(),
    viewCount: integer('view_count').notNull().default(0),
    lastViewedAt: timestamptz('last_viewed_at'),
    revokedAt: timestamptz('revoked_at'),
    createdAt: createdAt(),
  },
  (t) => [index('result_lookup_links_result_idx').on(t.resultId)],
);
