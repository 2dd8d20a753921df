import { and, count, eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { DbOrTx } from '../../db/client.ts';
import { appointments, patients } from '../../db/schema/index.ts';
import { profileNotFound } from '../booking/index.ts';
import type { AppDeps } from '../platform/context.ts';
import { ConflictError } from '../platform/errors.ts';
import { profileColumns } from './load-me.ts';
import type { CreateProfileSchema, UpdateProfileSchema } from './patient.schemas.ts';

const MAX_PROFILES = 10;

const nationalIdTaken = () =>
  new ConflictError(
    'national_id_taken',
    'Số CCCD này đã có trong một hồ sơ khác. Vui lòng kiểm tra lại hoặc gọi tổng đài để được hỗ trợ.',
  );

function isUniqueViolation(err: unknown, constraint: string): boolean {
  let e = err as { code?: string; constraint?: string; cause?: unknown };
  while (e && !e.code && e.cause) e = e.cause as typeof e;
  return e?.code === '23505' && e.constraint === constraint;
}

// Every query below is scoped to the patient's own contact: another contact's profile is simply not found (404).

export async function getProfile(deps: AppDeps, contactId: string, id: string) {
  const [row] = await deps.db
    .select(profileColumns)
    .from(patients)
    .where(and(eq(patients.id, id), eq(patients.contactId, contactId)));
  if (!row) throw profileNotFound();
  return row;
}

export async function createProfile(deps: AppDeps, contactId: string, input: z.infer<typeof CreateProfileSchema>) {
  return deps.db.transaction((tx) => addProfile(tx, contactId, input));
}

/**
 * Adds a profile to a contact in the caller's transaction, under the same rules wherever it is made (the patient in
 * the Mini App, an agent booking for a caller): at most MAX_PROFILES, one "self", a CCCD in one profile only.
 */
export async function addProfile(tx: DbOrTx, contactId: string, input: z.infer<typeof CreateProfileSchema>) {
  const [{ n }] = (await tx.select({ n: count() }).from(patients).where(eq(patients.contactId, contactId))) as [
    { n: number },
  ];
  if (n >= MAX_PROFILES) {
    throw new ConflictError('too_many_profiles', `Mỗi tài khoản có tối đa ${MAX_PROFILES} hồ sơ`);
  }
  if (input.relationship === 'self') await assertNoOtherSelf(tx, contactId);
  try {
    const [row] = await tx
      .insert(patients)
      .values({ contactId, ...input })
      .returning(profileColumns);
    return row!;
  } catch (err) {
    if (isUniqueViolation(err, 'patients_national_id_uq')) throw nationalIdTaken();
    throw err;
  }
}

export async function updateProfile(
  deps: AppDeps,
  contactId: string,
  id: string,
  input: z.infer<typeof UpdateProfileSchema>,
) {
  return deps.db.transaction(async (tx) => {
    if (input.relationship === 'self') await assertNoOtherSelf(tx, contactId, id);
    try {
      const [row] = await tx
        .update(patients)
        .set(input)
        .where(and(eq(patients.id, id), eq(patients.contactId, contactId)))
        .returning(profileColumns);
      if (!row) throw profileNotFound();
      return row;
    } catch (err) {
      if (isUniqueViolation(err, 'patients_national_id_uq')) throw nationalIdTaken();
      throw err;
    }
  });
}

/** A profile with a booking history stays: it is a clinical record the clinic must keep. */
export async function deleteProfile(deps: AppDeps, contactId: string, id: string) {
  await deps.db.transaction(async (tx) => {
    const [owned] = await tx
      .select({ id: patients.id })
      .from(patients)
      .where(and(eq(patients.id, id), eq(patients.contactId, contactId)))
      .for('update');
    if (!owned) throw profileNotFound();
    const [used] = await tx
      .select({ id: appointments.id })
      .from(appointments)
      .where(eq(appointments.patientId, id))
      .limit(1);
    if (used) {
      throw new ConflictError('profile_in_use', 'Hồ sơ đã có lịch khám nên không thể xoá');
    }
    await tx.delete(patients).where(eq(patients.id, id));
  });
}

async function assertNoOtherSelf(tx: DbOrTx, contactId: string, except?: string) {
  const rows = await tx
    .select({ id: patients.id })
    .from(patients)
    .where(and(eq(patients.contactId, contactId), eq(patients.relationship, 'self')));
  if (rows.some((r) => r.id !== except)) {
    throw new ConflictError('self_profile_exists', 'Tài khoản đã có hồ sơ của chính bạn');
  }
}
