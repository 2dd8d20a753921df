import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import { orders, results } from '../../db/schema/index.ts';
import type { Config } from '../config.ts';
import { releaseResult } from './release-result.ts';
import { autoReleaseRule } from './release-rules.ts';

/** `result.received` {resultId, patientId, orderId}: published by the LIS intake and by the PACS poller. */
export const resultReceivedTopic = 'result.received';

/**
 * Releases a newly received (or updated) result when an auto-release rule covers it; otherwise it waits in the
 * clinicians' release queue. Returns the rule applied, or null.
 */
export async function applyAutoRelease(
  tx: DbOrTx,
  config: Pick<Config, 'RESULTS_AUTO_RELEASE_TESTS' | 'RESULTS_AUTO_RELEASE_MODALITIES'>,
  resultId: string,
): Promise<string | null> {
  const [r] = await tx
    .select({
      kind: results.kind,
      status: results.status,
      modality: results.modality,
      releasedAt: results.releasedToPatientAt,
      serviceCode: orders.serviceCode,
      orderModality: orders.modality,
    })
    .from(results)
    .innerJoin(orders, eq(orders.id, results.orderId))
    .where(eq(results.id, resultId));
  if (!r || r.releasedAt) return null;
  const rule = autoReleaseRule(config, {
    kind: r.kind,
    status: r.status,
    serviceCode: r.serviceCode,
    modality: r.modality ?? r.orderModality,
  });
  if (!rule) return null;
  await releaseResult(tx, resultId, { kind: 'rule', rule });
  return rule;
}
