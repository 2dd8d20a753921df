import { and, eq, isNull } from 'drizzle-orm';
import type { PatientIds } from '../../adapters/clinical/his/index.ts';
import type { DbOrTx } from '../../db/client.ts';
import { patients } from '../../db/schema/index.ts';
import { MessageRejected } from './message-rejected.ts';

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The hub patient a message is about: by the HIS MRN (PID-3 type MR), else by our own id echoed back (type PI). When
 * found by our id, an MRN the HIS sends along is kept on the profile (the HIS owns MRNs).
 */
export async function findPatient(
  tx: DbOrTx,
  ids: PatientIds,
): Promise<{ id: string; mrn: string | null } | undefined> {
  if (ids.mrn) {
    const [p] = await tx
      .select({ id: patients.id, mrn: patients.hisMrn })
      .from(patients)
      .where(eq(patients.hisMrn, ids.mrn));
    if (p) return p;
  }
  if (ids.hubId && uuid.test(ids.hubId)) {
    const [p] = await tx
      .select({ id: patients.id, mrn: patients.hisMrn })
      .from(patients)
      .where(eq(patients.id, ids.hubId));
    if (p && ids.mrn && !p.mrn) {
      await tx
        .update(patients)
        .set({ hisMrn: ids.mrn })
        .where(and(eq(patients.id, p.id), isNull(patients.hisMrn)));
      return { id: p.id, mrn: ids.mrn };
    }
    if (p) return p;
  }
  return undefined;
}

export async function requirePatient(tx: DbOrTx, ids: PatientIds): Promise<{ id: string; mrn: string | null }> {
  const p = await findPatient(tx, ids);
  if (p) return p;
  throw new MessageRejected('AE', {
    code: 204,
    location: 'PID^1^3',
    message: ids.mrn
      ? `Không tìm thấy bệnh nhân có mã ${ids.mrn} (PID-3)`
      : 'Không tìm thấy bệnh nhân: thiếu mã bệnh nhân (PID-3)',
  });
}
