import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import { patients, results } from '../../db/schema/index.ts';
import { resultLookupUrl } from '../results/index.ts';
import type { NotificationIntent } from './create-notifications.ts';
import type { NotifyEngine } from './engine.ts';

/**
 * `result.released` → a result-ready notice to the contact holding the patient's profile: no values (sensitive data),
 * a deep link into the Mini App's results and a web lookup link minted by hub/results (expiring, birth-date check).
 */
export async function resultReadyIntent(
  engine: NotifyEngine,
  tx: DbOrTx,
  p: { resultId: string; patientId: string; contactId: string },
): Promise<NotificationIntent | undefined> {
  const [r] = await tx
    .select({ kind: results.kind, patientName: patients.fullName })
    .from(results)
    .innerJoin(patients, eq(patients.id, results.patientId))
    .where(eq(results.id, p.resultId));
  if (!r) return undefined;
  const webLink = await resultLookupUrl(engine.deps, p.resultId);
  return {
    type: 'result-ready',
    contactId: p.contactId,
    patientId: p.patientId,
    resultId: p.resultId,
    params: {
      patientName: r.patientName,
      resultKind: r.kind === 'imaging' ? 'chẩn đoán hình ảnh' : 'xét nghiệm',
      miniappLink: `${engine.settings.miniappUrl}/results`,
      webLink,
    },
    idempotencyKey: `result:${p.resultId}:ready`,
  };
}
