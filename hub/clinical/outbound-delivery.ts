import { and, asc, eq, inArray, isNull, lte, or, sql } from 'drizzle-orm';
import { readPatientIds } from '../../adapters/clinical/his/index.ts';
import { describeAck, type Hl7Reader, readAck } from '../../adapters/clinical/hl7/index.ts';
import type { Db } from '../../db/client.ts';
import { appointments, integrationMessages, patients } from '../../db/schema/index.ts';

export type OutboundRow = typeof integrationMessages.$inferSelect;

/**
 * Messages due now, at most one per ordering key: a message waits while an earlier one of its key is unanswered
 * (pending/sent) or parked without a replay (nacked, not replaced).
 */
export async function dueMessages(db: Db, peer: string, limit: number): Promise<OutboundRow[]> {
  return db
    .select()
    .from(integrationMessages)
    .where(
      and(
        eq(integrationMessages.direction, 'outbound'),
        eq(integrationMessages.peer, peer),
        inArray(integrationMessages.status, ['pending', 'sent']),
        or(isNull(integrationMessages.nextAttemptAt), lte(integrationMessages.nextAttemptAt, sql`now()`)),
        sql`not exists (
          select 1 from integration_messages e
          where e.ordering_key = ${integrationMessages.orderingKey} and e.direction = 'outbound'
            and e.seq < ${integrationMessages.seq}
            and (e.status in ('pending', 'sent') or (e.status = 'nacked' and e.replaced_by_id is null)))`,
      ),
    )
    .orderBy(asc(integrationMessages.seq))
    .limit(limit);
}

/** When the next not-yet-due message becomes due (for the sender's sleep). */
export async function nextDueAt(db: Db, peer: string): Promise<Date | undefined> {
  const [row] = await db
    .select({ at: sql<string | null>`min(${integrationMessages.nextAttemptAt})` })
    .from(integrationMessages)
    .where(
      and(
        eq(integrationMessages.direction, 'outbound'),
        eq(integrationMessages.peer, peer),
        inArray(integrationMessages.status, ['pending', 'sent']),
      ),
    );
  return row?.at ? new Date(row.at) : undefined;
}

/** The ACK arrived: AA/CA → acked; anything else (AE, AR, CE, CR) → parked for a person, with the error. */
export async function recordAck(
  db: Db,
  msg: OutboundRow,
  ack: Hl7Reader,
  mrnAuthorityApp: string,
): Promise<'acked' | 'nacked'> {
  const parsed = readAck(ack);
  const code = parsed?.code ?? '';
  const ok = code === 'AA' || code === 'CA';
  const error = ok ? null : parsed ? describeAck(parsed) : 'ACK không có đoạn MSA';
  await db.transaction(async (tx) => {
    await tx
      .update(integrationMessages)
      .set({
        status: ok ? 'acked' : 'nacked',
        ackCode: code || null,
        ackPayload: ack.text,
        ackedAt: sql`now()`,
        attempts: sql`${integrationMessages.attempts} + 1`,
        sentAt: sql`now()`,
        lastError: error,
        nextAttemptAt: null,
      })
      .where(eq(integrationMessages.id, msg.id));
    if (msg.correlationType === 'appointment' && msg.correlationId) {
      await tx
        .update(appointments)
        .set(
          ok
            ? { hisSyncState: 'synced', hisSyncedAt: sql`now()`, hisLastError: null }
            : { hisSyncState: 'error', hisLastError: error },
        )
        .where(eq(appointments.id, msg.correlationId));
    }
    // some HIS answer an ADT with the person's PID, MRN included: keep it
    const mrn = ok && msg.patientId ? readPatientIds(ack.first('PID'), mrnAuthorityApp).mrn : undefined;
    if (mrn && msg.patientId) {
      await tx
        .update(patients)
        .set({ hisMrn: mrn })
        .where(and(eq(patients.id, msg.patientId), isNull(patients.hisMrn)));
    }
  });
  return ok ? 'acked' : 'nacked';
}

/** Written to the peer but no ACK (timeout, connection lost): resent later with the same MSH-10. */
export async function recordNoAck(db: Db, msg: OutboundRow, reason: string, retryInMs: number): Promise<void> {
  await db
    .update(integrationMessages)
    .set({
      status: 'sent',
      attempts: sql`${integrationMessages.attempts} + 1`,
      sentAt: sql`now()`,
      lastError: reason,
      nextAttemptAt: new Date(Date.now() + retryInMs),
    })
    .where(eq(integrationMessages.id, msg.id));
}

/** The HIS could not be reached: nothing was sent, the message just says why it waits. */
export async function recordUnreachable(db: Db, msg: OutboundRow, reason: string): Promise<void> {
  await db.update(integrationMessages).set({ lastError: reason }).where(eq(integrationMessages.id, msg.id));
}
