import { sql } from 'drizzle-orm';
import {
  type AnyPgColumn,
  bigserial,
  check,
  date,
  index,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { createdAt, timestamptz, updatedAt } from './columns.ts';
import { channel, consentPurpose, sex } from './enums.ts';
import { staffUsers } from './staff.ts';

/**
 * A person the clinic talks with: a lead, or the account holder of one or more patient profiles.
 * `phone` is the preferred number in 84xxxxxxxxx form (mobiles; landlines have one digit more); every number and
 * channel id that identifies the person is a row in contact_identities, which is where de-duplication happens.
 */
export const contacts = pgTable(
  'contacts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    fullName: text('full_name').notNull(),
    phone: text('phone'),
    email: text('email'),
    tags: text('tags').array().notNull().default(sql`'{}'::text[]`),
    ownerStaffId: uuid('owner_staff_id').references(() => staffUsers.id, { onDelete: 'set null' }),
    notes: text('notes'),
    /** The channel this person first reached us on: attribution for reports. */
    firstChannel: channel('first_channel'),
    /** Display name / avatar as the person shows on Zalo or Messenger; fullName is what staff typed or confirmed. */
    displayName: text('display_name'),
    avatarUrl: text('avatar_url'),
    lastInteractionAt: timestamptz('last_interaction_at'),
    /**
     * Zalo's app-scoped id (user_id_by_app) as last seen for this person. Not unique: two contacts carrying the same
     * value are the same human seen through two paths, which makes them a merge suggestion.
     */
    zaloAppUserId: text('zalo_app_user_id'),
    /** Set when this contact was merged into another: its identities and history moved there, the row stays as a tombstone. */
    mergedIntoId: uuid('merged_into_id').references((): AnyPgColumn => contacts.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('contacts_phone_idx').on(t.phone),
    index('contacts_email_idx').on(sql`lower(${t.email})`),
    index('contacts_owner_idx').on(t.ownerStaffId),
    index('contacts_tags_idx').using('gin', t.tags),
    index('contacts_last_interaction_idx').on(t.lastInteractionAt),
    index('contacts_zalo_app_user_idx').on(t.zaloAppUserId),
    index('contacts_full_name_idx').on(sql`lower(${t.fullName})`),
    // 84 + 9 digits for mobiles; 10 lets a landline caller of the hotline (84 24 xxxx xxxx) be stored too
    check('contacts_phone_84', sql`${t.phone} is null or ${t.phone} ~ '^84[0-9]{9,10}$'`),
  ],
);

/**
 * Identity kinds, not send channels: one phone identity covers SMS, ZNS and the hotline; `miniapp` is the Zalo
 * app-scoped user id, `zalo_oa` the OA-scoped user_id (Zalo gives the same person different ids per app and per OA).
 */
export const identityChannel = pgEnum('identity_channel', ['phone', 'email', 'zalo_oa', 'miniapp', 'messenger']);
export type IdentityChannel = (typeof identityChannel.enumValues)[number];

export const contactIdentities = pgTable(
  'contact_identities',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    contactId: uuid('contact_id')
      .notNull()
      .references(() => contacts.id, { onDelete: 'cascade' }),
    channel: identityChannel('channel').notNull(),
    /** phone: 84xxxxxxxxx; email: lower-cased; others: the provider's id verbatim. */
    externalId: text('external_id').notNull(),
    /** Where the identity was learnt (e.g. zalo phone-token exchange, web form, agent). */
    source: text('source'),
    verifiedAt: timestamptz('verified_at'),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('contact_identities_channel_external_uq').on(t.channel, t.externalId),
    index('contact_identities_contact_idx').on(t.contactId),
  ],
);

export const consentStatus = pgEnum('consent_status', ['granted', 'revoked']);
export type ConsentStatus = (typeof consentStatus.enumValues)[number];

/** Where a consent decision came from; the controller must be able to prove it, so it is always recorded. */
export type ConsentSource =
  | 'web_form'
  | 'miniapp'
  | 'zalo_oa'
  | 'messenger'
  | 'hotline'
  | 'email_link'
  | 'sms_keyword'
  | 'staff'
  | 'import';

/** The current decision per contact × channel × purpose; absence means "never asked" and counts as not granted. */
export const consents = pgTable(
  'consents',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    contactId: uuid('contact_id')
      .notNull()
      .references(() => contacts.id, { onDelete: 'cascade' }),
    channel: channel('channel').notNull(),
    purpose: consentPurpose('purpose').notNull(),
    status: consentStatus('status').notNull(),
    source: text('source').$type<ConsentSource>().notNull(),
    /** What the person saw and did (form version, keyword, call id): the proof Decree 13 asks for. */
    evidence: jsonb('evidence').$type<Record<string, unknown>>().notNull().default({}),
    decidedAt: timestamptz('decided_at').notNull().defaultNow(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('consents_contact_channel_purpose_uq').on(t.contactId, t.channel, t.purpose)],
);

/** Append-only history of every consent change; consents holds only the latest. Write both in one transaction. */
export const consentEvents = pgTable(
  'consent_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    contactId: uuid('contact_id')
      .notNull()
      .references(() => contacts.id, { onDelete: 'cascade' }),
    channel: channel('channel').notNull(),
    purpose: consentPurpose('purpose').notNull(),
    status: consentStatus('status').notNull(),
    source: text('source').$type<ConsentSource>().notNull(),
    evidence: jsonb('evidence').$type<Record<string, unknown>>().notNull().default({}),
    recordedByStaffId: uuid('recorded_by_staff_id').references(() => staffUsers.id, { onDelete: 'set null' }),
    at: timestamptz('at').notNull().defaultNow(),
  },
  (t) => [index('consent_events_contact_idx').on(t.contactId, t.at)],
);

export const patientRelationship = pgEnum('patient_relationship', [
  'self',
  'child',
  'parent',
  'spouse',
  'sibling',
  'grandparent',
  'other',
]);
export type PatientRelationship = (typeof patientRelationship.enumValues)[number];

/**
 * A clinical profile. One contact may hold several (a parent booking for children and grandparents); a patient in the
 * Mini App sees only the profiles whose contact_id is theirs.
 */
export const patients = pgTable(
  'patients',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    // restrict: clinical profiles must never disappear as a side effect of cleaning up CRM contacts
    contactId: uuid('contact_id')
      .notNull()
      .references(() => contacts.id, { onDelete: 'restrict' }),
    relationship: patientRelationship('relationship').notNull().default('self'),
    fullName: text('full_name').notNull(),
    birthDate: date('birth_date', { mode: 'string' }),
    sex: sex('sex').notNull().default('unknown'),
    phone: text('phone'),
    /** CCCD, 12 digits. */
    nationalId: text('national_id'),
    /** BHYT card number, 15 characters. */
    insuranceNumber: text('insurance_number'),
    insuranceValidTo: date('insurance_valid_to', { mode: 'string' }),
    /** The HIS medical record number, known once the HIS has registered the person. */
    hisMrn: text('his_mrn'),
    address: text('address'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('patients_contact_idx').on(t.contactId),
    uniqueIndex('patients_national_id_uq').on(t.nationalId).where(sql`${t.nationalId} is not null`),
    uniqueIndex('patients_his_mrn_uq').on(t.hisMrn).where(sql`${t.hisMrn} is not null`),
    index('patients_insurance_idx').on(t.insuranceNumber),
    index('patients_phone_idx').on(t.phone),
    check('patients_national_id_format', sql`${t.nationalId} is null or ${t.nationalId} ~ '^[0-9]{12}$'`),
    check('patients_phone_84', sql`${t.phone} is null or ${t.phone} ~ '^84[0-9]{9,10}$'`),
  ],
);

export const contactNoteKind = pgEnum('contact_note_kind', ['general', 'remarketing']);
export type ContactNoteKind = (typeof contactNoteKind.enumValues)[number];

/** Staff notes on a contact; `remarketing` notes say what to offer the person next and when. */
export const contactNotes = pgTable(
  'contact_notes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    contactId: uuid('contact_id')
      .notNull()
      .references(() => contacts.id, { onDelete: 'cascade' }),
    kind: contactNoteKind('kind').notNull().default('general'),
    body: text('body').notNull(),
    authorStaffId: uuid('author_staff_id').references(() => staffUsers.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('contact_notes_contact_idx').on(t.contactId, t.createdAt)],
);

/**
 * One row per merge: the source contact stays as a tombstone (merged_into_id), and `snapshot` keeps its fields as
 * they were, so nothing a merge overwrote is lost; `moved` counts the rows moved per table.
 */
export const contactMerges = pgTable(
  'contact_merges',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    targetContactId: uuid('target_contact_id')
      .notNull()
      .references(() => contacts.id, { onDelete: 'cascade' }),
    sourceContactId: uuid('source_contact_id')
      .notNull()
      .references(() => contacts.id, { onDelete: 'cascade' }),
    mergedByStaffId: uuid('merged_by_staff_id').references(() => staffUsers.id, { onDelete: 'set null' }),
    snapshot: jsonb('snapshot').$type<Record<string, unknown>>().notNull(),
    moved: jsonb('moved').$type<Record<string, number>>().notNull().default({}),
    createdAt: createdAt(),
  },
  (t) => [
    index('contact_merges_target_idx').on(t.targetContactId),
    index('contact_merges_source_idx').on(t.sourceContactId),
  ],
);

/** A merge suggestion an agent decided against; the pair is stored with the smaller id first. */
export const contactMergeDismissals = pgTable(
  'contact_merge_dismissals',
  {
    contactIdA: uuid('contact_id_a')
      .notNull()
      .references(() => contacts.id, { onDelete: 'cascade' }),
    contactIdB: uuid('contact_id_b')
      .notNull()
      .references(() => contacts.id, { onDelete: 'cascade' }),
    dismissedByStaffId: uuid('dismissed_by_staff_id').references(() => staffUsers.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.contactIdA, t.contactIdB] }),
    check('contact_merge_dismissals_order', sql`${t.contactIdA} < ${t.contactIdB}`),
  ],
);
