import { inArray } from 'drizzle-orm';
import type { Hl7Reader } from '../../adapters/clinical/hl7/index.ts';
import { integrationMessages } from '../../db/schema/index.ts';
import type { AppDeps } from '../platform/context.ts';
import { groupCommit } from '../platform/group-commit.ts';
import { isTransient, isUnavailable } from './db-errors.ts';
import { describeFailure, processStored } from './handle-message.ts';
import { firstOfEach, type InboundKey, insertInbound, storedAcks } from './inbound-intake.ts';
import { lockOrderingKeys } from './ordering-key.ts';
import { type InboundOutcome, recordOutcomes } from './record-outcomes.ts';
import { safeError } from './safe-error.ts';

export interface ReceiptItem extends InboundKey {
  msg: Hl7Reader;
}

/** The application ACK to answer (or the stored one, for a replay); none when the message must be sent again. */
export interface ReceiptAnswer {
  ackCode: string | null;
  ackPayload: string | null;
}

const appliers = new WeakMap<AppDeps, (item: ReceiptItem) => Promise<ReceiptAnswer>>();

/**
 * The original mode (and MSH-15 NE): the answer is the application ACK, so the message is applied before it. Messages
 * arriving together from every connection share one transaction — one multi-row INSERT … ON CONFLICT DO NOTHING of
 * the raw messages, the patients' ordering locks, each message in its own savepoint, one UPDATE of the outcomes, one
 * commit — instead of a transaction and a commit each. A refused message (AE/AR) is parked; one that hit a deadlock
 * or a timeout is dropped again unanswered, so that the sender's resend finds nothing stored and is applied afresh.
 */
export function applyOnReceipt(deps: AppDeps): (item: ReceiptItem) => Promise<ReceiptAnswer> {
  const existing = appliers.get(deps);
  if (existing) return existing;
  const apply = groupCommit<ReceiptItem, ReceiptAnswer>(
    (items) =>
      deps.db.transaction(async (tx) => {
        const first = firstOfEach(items);
        const inserted = await insertInbound(
          tx,
          [...first.values()].map((e) => ({ ...e, item: { ...e.item, status: 'received' as const } })),
        );
        const keyOf = (r: { peer: string; controlId: string }) => `${r.peer}\u0000${r.controlId}`;
        const idByKey = new Map(inserted.map((r) => [keyOf(r), r.id]));
        const stored = await storedAcks(
          tx,
          [...first.entries()].filter(([k]) => !idByKey.has(k)).map(([, e]) => ({ ...e.item, copies: e.copies })),
        );
        const fresh = [...first.entries()].filter(([k]) => idByKey.has(k)).map(([, e]) => e.item);
        await lockOrderingKeys(tx, [...new Set(fresh.map((r) => r.orderingKey).filter((k): k is string => !!k))]);
        const outcomes: InboundOutcome[] = [];
        const answers = new Map<string, ReceiptAnswer>();
        const dropped: string[] = [];
        for (const item of fresh) {
          const id = idByKey.get(keyOf(item))!;
          try {
            const p = await processStored(tx, item.msg, id, deps, { retry: isTransient });
            outcomes.push({
              id,
              status: p.failure ? 'failed' : 'processed',
              ackCode: p.code,
              ackPayload: p.ack,
              lastError: p.failure ? describeFailure(p.failure) : null,
              patientId: p.handled.patientId,
              correlationType: p.handled.correlationType,
              correlationId: p.handled.correlationId,
            });
            answers.set(keyOf(item), { ackCode: p.code, ackPayload: p.ack });
          } catch (err) {
            if (!isTransient(err) || isUnavailable(err)) throw err;
            deps.logger.warn({ error: safeError(err), controlId: item.controlId }, 'hl7: apply later (sender resends)');
            dropped.push(id);
          }
        }
        await recordOutcomes(tx, outcomes);
        if (dropped.length > 0) await tx.delete(integrationMessages).where(inArray(integrationMessages.id, dropped));
        return items.map((r) => answers.get(keyOf(r)) ?? stored.get(keyOf(r)) ?? { ackCode: null, ackPayload: null });
      }),
    { maxBatch: 100, maxInFlight: 4, isFatal: isUnavailable },
  );
  appliers.set(deps, apply);
  return apply;
}
