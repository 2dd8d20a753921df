import { and, eq, ne, sql } from 'drizzle-orm';
import { toVn84 } from '../../adapters/shared/phone.ts';
import type { DbOrTx } from '../../db/client.ts';
import { appointments, contactIdentities, contacts, miniappPermissions, patients } from '../../db/schema/index.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { loadMe } from '../patient/load-me.ts';
import type { AppDeps, PatientPrincipal } from '../platform/context.ts';
import { DomainError } from '../platform/errors.ts';
import { publishEvent } from '../platform/outbox.ts';
import { issuePatientToken } from './patient-token.ts';
import { fromZaloError, zaloGraph } from './zalo.ts';

/**
 * The patient's phone number, learnt only from Zalo: the Mini App sends getPhoneNumber()'s single-use token with its
 * Zalo access token, and the hub exchanges them server-side (Graph /me/info). The access token must be the signed-in
 * patient's own. The number becomes the contact's phone and a verified phone identity.
 *
 * If another contact already holds that phone (a hotline caller, a web-form lead) and the Mini App contact is still
 * empty (no profiles, no bookings), the Mini App identity moves to that contact, which Zalo has just proved is this
 * person's; the empty contact is left as a merged tombstone and a new hub token is issued. When both have history,
 * nothing is moved: `contact.duplicate_suspected` asks staff to merge them.
 */
export async function verifyPhone(
  deps: AppDeps,
  patient: PatientPrincipal,
  input: { accessToken: string; phoneToken: string },
  meta: { requestId: string; ip: string | null },
) {
  const graph = zaloGraph(deps.config, deps.logger);
  const fail = (err: unknown) => fromZaloError(err, deps.logger);
  const me = await graph.getMe(input.accessToken).catch(fail);
  if (me.id !== patient.zaloUserId) {
    throw new DomainError('zalo_user_mismatch', 'Thông tin tài khoản Zalo không khớp. Vui lòng đăng nhập lại.', 401);
  }
  const { number } = await graph.exchangePhoneToken(input.accessToken, input.phoneToken).catch(fail);
  const phone = toVn84(number);
  if (!phone) {
    throw new DomainError('phone_unsupported', 'Số điện thoại Zalo không phải số di động Việt Nam hợp lệ', 422);
  }

  const { contactId, linked } = await deps.db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`phone:${phone}`}))`);
    const [holder] = await tx
      .select({ contactId: contactIdentities.contactId })
      .from(contactIdentities)
      .where(and(eq(contactIdentities.channel, 'phone'), eq(contactIdentities.externalId, phone)));
    let target = patient.contactId;
    let outcome: 'own' | 'linked' | 'duplicate' = 'own';
    if (!holder) {
      await tx.insert(contactIdentities).values({
        contactId: target,
        channel: 'phone',
        externalId: phone,
        source: 'zalo_phone_exchange',
        verifiedAt: sql`now()`,
      });
    } else if (holder.contactId === target) {
      await tx
        .update(contactIdentities)
        .set({ verifiedAt: sql`now()`, source: 'zalo_phone_exchange' })
        .where(and(eq(contactIdentities.channel, 'phone'), eq(contactIdentities.externalId, phone)));
    } else if ((await isEmpty(tx, target)) && !(await hasMiniappIdentity(tx, holder.contactId))) {
      await moveMiniappAccount(tx, target, holder.contactId);
      await tx
        .update(contactIdentities)
        .set({ verifiedAt: sql`now()`, source: 'zalo_phone_exchange' })
        .where(and(eq(contactIdentities.channel, 'phone'), eq(contactIdentities.externalId, phone)));
      await publishEvent(tx, {
        topic: 'contact.merged',
        aggregateType: 'contact',
        aggregateId: holder.contactId,
        payload: { contactId: holder.contactId, mergedContactId: target, reason: 'verified_phone' },
      });
      target = holder.contactId;
      outcome = 'linked';
    } else {
      outcome = 'duplicate';
      await publishEvent(tx, {
        topic: 'contact.duplicate_suspected',
        aggregateType: 'contact',
        aggregateId: target,
        payload: { contactId: target, otherContactId: holder.contactId, identity: 'phone', source: 'miniapp' },
      });
    }
    await tx.update(contacts).set({ phone, lastInteractionAt: sql`now()` }).where(eq(contacts.id, target));
    await tx
      .insert(miniappPermissions)
      .values({ contactId: target, scope: 'phone', granted: true })
      .onConflictDoNothing();
    await recordAudit(tx, {
      action: 'patient.phone_verified',
      actorKind: 'patient',
      subjectType: 'contact',
      subjectId: target,
      ip: meta.ip,
      requestId: meta.requestId,
      detail: { outcome },
    });
    return { contactId: target, linked: outcome === 'linked' };
  });

  const token = issuePatientToken(
    deps.config.PATIENT_TOKEN_SECRET,
    { contactId, zaloUserId: patient.zaloUserId },
    deps.config.PATIENT_TOKEN_TTL_MINUTES,
  );
  return { ...token, linkedExistingContact: linked, me: await loadMe(deps.db, contactId) };
}

async function isEmpty(tx: DbOrTx, contactId: string): Promise<boolean> {
  const [p] = await tx.select({ id: patients.id }).from(patients).where(eq(patients.contactId, contactId)).limit(1);
  if (p) return false;
  const [a] = await tx
    .select({ id: appointments.id })
    .from(appointments)
    .where(eq(appointments.bookedByContactId, contactId))
    .limit(1);
  return !a;
}

async function hasMiniappIdentity(tx: DbOrTx, contactId: string): Promise<boolean> {
  const [i] = await tx
    .select({ id: contactIdentities.id })
    .from(contactIdentities)
    .where(and(eq(contactIdentities.contactId, contactId), eq(contactIdentities.channel, 'miniapp')))
    .limit(1);
  return Boolean(i);
}

/** Moves an empty Mini App contact's identities and permissions onto `into` and leaves it as a merged tombstone. */
async function moveMiniappAccount(tx: DbOrTx, from: string, into: string): Promise<void> {
  await tx
    .update(contactIdentities)
    .set({ contactId: into })
    .where(and(eq(contactIdentities.contactId, from), ne(contactIdentities.channel, 'phone')));
  const [src] = await tx
    .select({ displayName: contacts.displayName, avatarUrl: contacts.avatarUrl })
    .from(contacts)
    .where(eq(contacts.id, from));
  await tx
    .update(contacts)
    .set({
      displayName: sql`coalesce(${contacts.displayName}, ${src?.displayName ?? null})`,
      avatarUrl: sql`coalesce(${contacts.avatarUrl}, ${src?.avatarUrl ?? null})`,
    })
    .where(eq(contacts.id, into));
  await tx.execute(sql`
    insert into miniapp_permissions (contact_id, scope, granted, reason_shown, decided_at)
    select ${into}, scope, granted, reason_shown, decided_at from miniapp_permissions where contact_id = ${from}
    on conflict (contact_id, scope) do update
      set granted = excluded.granted, reason_shown = excluded.reason_shown, decided_at = excluded.decided_at`);
  await tx.update(contacts).set({ mergedIntoId: into }).where(eq(contacts.id, from));
}
