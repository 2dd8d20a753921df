import { and, asc, eq, inArray, or, sql } from 'drizzle-orm';
import { ackModeOf, ackWanted, salvageHeader } from '../../adapters/clinical/hl7/index.ts';
import { integrationMessages } from '../../db/schema/index.ts';
import type { AppDeps } from '../platform/context.ts';
import { isUnavailable } from './db-errors.ts';
import { describeFailure, processStored } from './handle-message.ts';
import { lockKeysOfMessages } from './ordering-key.ts';
import { type InboundOutcome, recordOutcomes } from './record-outcomes.ts';
import { safeError } from './safe-error.ts';

const m = integrationMessages;
/** A job's transaction stays short enough: what is beyond waits for the job's next run. */
const maxRows = 1000;

export interface AppliedBatch {
  processed: number;
  failed: number;
  /** left waiting for the job's next attempt (a transient failure, or behind one for the same patient) */
  retry: number;
}

/**
 * Applies stored inbound messages whose commit ACK went out already (enhanced mode): one transaction for the batch,
 * one savepoint per message, one UPDATE of the outcomes, one commit.
 *
 * Order per patient: the job first takes the ordering locks of its messages' patients, then applies, in the order they
 * were stored, its own messages and any earlier one of the same patients still waiting (another job's, not started
 * yet, or stranded) — so a later message never overtakes an earlier one, whichever job runs first. A message that
 * fails for a reason worth retrying stays waiting, and so do the later ones of its patient; the job is retried with
 * its backoff and on its last attempt the failure is parked (AE 207). A refusal (AE/AR: unknown patient, bad data) is
 * parked at once, visible in the integration monitor and replayable. The application ACK is built when MSH-16 asks.
 */
export async function applyStored(deps: AppDeps, messageIds: string[], lastAttempt: boolean): Promise<AppliedBatch> {
  return deps.db.transaction(async (tx) => {
    const keys = await lockKeysOfMessages(tx, messageIds);
    const mine = inArray(m.id, messageIds);
    const earlierOfSamePatients = and(
      inArray(m.orderingKey, keys),
      sql`${m.seq} < (select max(seq) from integration_messages where id = any(${sql.param(messageIds)}::uuid[]))`,
    );
    const rows = await tx
      .select({ id: m.id, payload: m.payload, orderingKey: m.orderingKey })
      .from(m)
      .where(
        and(
          eq(m.direction, 'inbound'),
          eq(m.status, 'received'),
          keys.length > 0 ? or(mine, earlierOfSamePatients) : mine,
        ),
      )
      .orderBy(asc(m.seq))
      .limit(maxRows)
      // waits, never skips: a row locked here is held by a short writer (a replay's attempt count, storedAcks in
      // inbound-intake.ts) or by another job applying it (then it is no longer 'received' once this gets it); skipping it
      // let this job complete with its own message left waiting for the sweep. Rows are locked in seq order, the order
      // storedAcks takes them in, so the two do not deadlock over them.
      .for('update');
    const out: AppliedBatch = { processed: 0, failed: 0, retry: rows.length === maxRows ? 1 : 0 };
    const waiting = new Set<string>();
    const outcomes: InboundOutcome[] = [];
    for (const row of rows) {
      if (row.orderingKey && waiting.has(row.orderingKey)) {
        out.retry++;
        continue;
      }
      try {
        const p = await processStored(tx, row.payload, row.id, deps, { retry: () => !lastAttempt });
        const mode = ackModeOf(salvageHeader(row.payload));
        const appAck = mode.kind === 'enhanced' && ackWanted(mode.application, p.code);
        outcomes.push({
          id: row.id,
          status: p.failure ? 'failed' : 'processed',
          lastError: p.failure ? describeFailure(p.failure) : null,
          appAckCode: appAck ? p.code : undefined,
          appAckPayload: appAck ? p.ack : undefined,
          patientId: p.handled.patientId,
          correlationType: p.handled.correlationType,
          correlationId: p.handled.correlationId,
        });
        out[p.failure ? 'failed' : 'processed']++;
      } catch (err) {
        if (isUnavailable(err)) throw err;
        const e = safeError(err);
        deps.logger.warn({ messageId: row.id, error: e }, 'hl7: inbound message to retry');
        if (row.orderingKey) waiting.add(row.orderingKey);
        outcomes.push({ id: row.id, status: 'received', lastError: `Lỗi tạm thời, sẽ thử lại (${e.code ?? e.name})` });
        out.retry++;
      }
    }
    await recordOutcomes(tx, outcomes);
    return out;
  });
}
