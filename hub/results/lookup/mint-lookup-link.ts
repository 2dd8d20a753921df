import { eq } from 'drizzle-orm';
import { resultLookupLinks, results } from '../../../db/schema/index.ts';
import type { AppDeps } from '../../platform/context.ts';
import { ConflictError } from '../../platform/errors.ts';
import { resultNotFound } from '../release-result.ts';
import { lookupKey, signLookupId } from './lookup-token.ts';

/**
 * Mints the web lookup link ("link tra cứu kết quả") of a released result: a new link row, expiring after
 * RESULT_LOOKUP_TTL_HOURS, and its absolute URL on the hub (PUBLIC_URL/kq/<token>) for an SMS, ZNS or email.
 * Whoever opens it must still give the patient's birth date.
 */
export async function resultLookupUrl(deps: Pick<AppDeps, 'db' | 'config'>, resultId: string): Promise<string> {
  const [r] = await deps.db
    .select({ patientId: results.patientId, releasedAt: results.releasedToPatientAt })
    .from(results)
    .where(eq(results.id, resultId));
  if (!r) throw resultNotFound();
  if (!r.releasedAt) throw new ConflictError('result_not_released', 'Kết quả chưa được duyệt trả cho bệnh nhân');
  const [link] = await deps.db
    .insert(resultLookupLinks)
    .values({
      resultId,
      patientId: r.patientId,
      expiresAt: new Date(Date.now() + deps.config.RESULT_LOOKUP_TTL_HOURS * 3_600_000),
    })
    .returning({ id: resultLookupLinks.id });
  const base = deps.config.PUBLIC_URL.replace(/\/+$/, '');
  return `${base}/kq/${signLookupId(lookupKey(deps.config), link!.id)}`;
}
