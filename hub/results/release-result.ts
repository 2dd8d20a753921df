import { eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import { patients, results } from '../../db/schema/index.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { NotFoundError } from '../platform/errors.ts';
import { publishEvent } from '../platform/outbox.ts';

export const resultReleasedTopic = 'result.released';

export type ReleaseActor =
  | { kind: 'staff'; staffId: string; ip?: string | null; requestId?: string }
  | { kind: 'rule'; rule: string };

export const resultNotFound = () => new NotFoundError('Không tìm thấy kết quả', 'result_not_found');

/**
 * Opens the gate of one result, in the caller's transaction: the release, the `result.released` event (which the
 * notifications flow turns into a result-ready message) and the audit entry commit together. Releasing again is a
 * no-op: no second event, so the patient is told once.
 */
export async function releaseResult(
  tx: DbOrTx,
  resultId: string,
  actor: ReleaseActor,
): Promise<{ released: boolean; releasedAt: Date }> {
  const [row] = await tx
    .select({
      id: results.id,
      patientId: results.patientId,
      releasedAt: results.releasedToPatientAt,
      contactId: patients.contactId,
    })
    .from(results)
    .innerJoin(patients, eq(patients.id, results.patientId))
    .where(eq(results.id, resultId))
    .for('update', { of: results });
  if (!row) throw resultNotFound();
  if (row.releasedAt) return { released: false, releasedAt: row.releasedAt };
  const [updated] = await tx
    .update(results)
    .set({
      releasedToPatientAt: sql`now()`,
      releasedByStaffId: actor.kind === 'staff' ? actor.staffId : null,
      releasedByRule: actor.kind === 'rule' ? actor.rule : null,
    })
    .where(eq(results.id, resultId))
    .returning({ releasedAt: results.releasedToPatientAt });
  await publishEvent(tx, {
    topic: resultReleasedTopic,
    aggregateType: 'result',
    aggregateId: resultId,
    payload: { resultId, patientId: row.patientId, contactId: row.contactId },
  });
  await recordAudit(tx, {
    action: 'result.release',
    actorKind: actor.kind === 'staff' ? 'staff' : 'system',
    actorStaffId: actor.kind === 'staff' ? actor.staffId : null,
    subjectType: 'result',
    subjectId: resultId,
    ip: actor.kind === 'staff' ? actor.ip : null,
    requestId: actor.kind === 'staff' ? actor.requestId : undefined,
    detail: actor.kind === 'rule' ? { rule: actor.rule } : {},
  });
  return { released: true, releasedAt: updated!.releasedAt! };
}
