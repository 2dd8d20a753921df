import { and, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { BuiltMessage } from '../../adapters/clinical/his/index.ts';
import type { DbOrTx } from '../../db/client.ts';
import { integrationMessages } from '../../db/schema/index.ts';
import { outboundChannel } from './hl7-settings.ts';

export interface OutboundInput {
  peer: string;
  message: BuiltMessage;
  /** messages with one key go out one after another, in insertion order */
  orderingKey: string;
  correlationType: 'appointment' | 'patient';
  correlationId: string;
  patientId: string;
}

/**
 * Stores an outbound message before anything is sent (INTEGRATION.md §0): its MSH-10 is fixed here for every retry.
 * The commit wakes the sender (NOTIFY is transactional).
 */
export async function storeOutbound(tx: DbOrTx, m: OutboundInput): Promise<string> {
  const [row] = await tx
    .insert(integrationMessages)
    .values({
      peer: m.peer,
      direction: 'outbound',
      messageType: m.message.type,
      controlId: m.message.controlId,
      payload: m.message.text,
      status: 'pending',
      orderingKey: m.orderingKey,
      correlationType: m.correlationType,
      correlationId: m.correlationId,
      patientId: m.patientId,
    })
    .returning({ id: integrationMessages.id });
  await tx.execute(sql`select pg_notify(${outboundChannel}, '')`);
  return row!.id;
}

/** The latest (not replaced) outbound messages of these types about one record, newest first. */
export async function latestOutbound(
  tx: DbOrTx,
  peer: string,
  correlation: { type: 'appointment' | 'patient'; id: string },
  types: string[],
) {
  return tx
    .select({
      id: integrationMessages.id,
      messageType: integrationMessages.messageType,
      payload: integrationMessages.payload,
    })
    .from(integrationMessages)
    .where(
      and(
        eq(integrationMessages.direction, 'outbound'),
        eq(integrationMessages.peer, peer),
        eq(integrationMessages.correlationType, correlation.type),
        eq(integrationMessages.correlationId, correlation.id),
        inArray(integrationMessages.messageType, types),
        isNull(integrationMessages.replacedById),
      ),
    )
    .orderBy(desc(integrationMessages.seq))
    .limit(1);
}
