import { asc, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import { contacts, miniappPermissions, patients } from '../../db/schema/index.ts';

export const profileColumns = {
  id: patients.id,
  relationship: patients.relationship,
  fullName: patients.fullName,
  birthDate: patients.birthDate,
  sex: patients.sex,
  phone: patients.phone,
  nationalId: patients.nationalId,
  insuranceNumber: patients.insuranceNumber,
  insuranceValidTo: patients.insuranceValidTo,
  address: patients.address,
};

export async function listProfiles(db: DbOrTx, contactId: string) {
  return db
    .select(profileColumns)
    .from(patients)
    .where(eq(patients.contactId, contactId))
    .orderBy(sql`${patients.relationship} <> 'self'`, asc(patients.createdAt));
}

export async function listPermissions(db: DbOrTx, contactId: string) {
  const rows = await db
    .select({
      scope: miniappPermissions.scope,
      granted: miniappPermissions.granted,
      reasonShown: miniappPermissions.reasonShown,
      decidedAt: miniappPermissions.decidedAt,
    })
    .from(miniappPermissions)
    .where(eq(miniappPermissions.contactId, contactId))
    .orderBy(asc(miniappPermissions.scope));
  return rows.map((r) => ({ ...r, decidedAt: r.decidedAt.toISOString() }));
}

/** The signed-in patient's account: their contact, family profiles and Mini App permissions. */
export async function loadMe(db: DbOrTx, contactId: string) {
  const [contact] = await db
    .select({
      id: contacts.id,
      fullName: contacts.fullName,
      displayName: contacts.displayName,
      avatarUrl: contacts.avatarUrl,
      phone: contacts.phone,
      phoneVerified: sql<boolean>`exists (
        select 1 from contact_identities ci
        where ci.contact_id = contacts.id and ci.channel = 'phone' and ci.external_id = contacts.phone
          and ci.verified_at is not null)`,
    })
    .from(contacts)
    .where(eq(contacts.id, contactId));
  return {
    contact: { ...contact!, phoneVerified: Boolean(contact!.phoneVerified) },
    profiles: await listProfiles(db, contactId),
    permissions: await listPermissions(db, contactId),
  };
}

export type Me = Awaited<ReturnType<typeof loadMe>>;
