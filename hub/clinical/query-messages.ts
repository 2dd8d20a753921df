import { and, count, desc, eq, isNull, like, lt, or, type SQL } from 'drizzle-orm';
import { integrationMessages, patients } from '../../db/schema/index.ts';
import type { AppDeps } from '../platform/context.ts';
import { decodeCursor, page } from '../platform/cursor.ts';
import type { MessageQuery } from './integration.schemas.ts';

const m = integrationMessages;

/** "Parked": waiting for a person — refused by the peer or failed on our side, and not replayed yet. */
const parkedWhere = or(and(eq(m.status, 'nacked'), isNull(m.replacedById)), eq(m.status, 'failed'))!;

function filters(q: Omit<MessageQuery, 'cursor' | 'limit'>): SQL[] {
  const where: SQL[] = [];
  if (q.direction) where.push(eq(m.direction, q.direction));
  // SIU matches every SIU^…; SIU^S12 only that event
  if (q.type) where.push(q.type.includes('^') ? eq(m.messageType, q.type) : like(m.messageType, `${q.type}^%`));
  if (q.status) where.push(eq(m.status, q.status));
  if (q.peer) where.push(eq(m.peer, q.peer));
  if (q.patientId) where.push(eq(m.patientId, q.patientId));
  if (q.controlId) where.push(eq(m.controlId, q.controlId));
  if (q.parked) where.push(parkedWhere);
  return where;
}

/** One page of messages, newest first, without payloads (the detail has them). */
export async function listMessages(deps: AppDeps, q: MessageQuery) {
  const where = filters(q);
  const after = decodeCursor(q.cursor);
  if (after) where.push(or(lt(m.createdAt, after.at), and(eq(m.createdAt, after.at), lt(m.id, after.id)))!);
  const rows = await deps.db
    .select({
      id: m.id,
      peer: m.peer,
      direction: m.direction,
      messageType: m.messageType,
      controlId: m.controlId,
      status: m.status,
      ackCode: m.ackCode,
      appAckCode: m.appAckCode,
      attempts: m.attempts,
      lastError: m.lastError,
      patientId: m.patientId,
      patientName: patients.fullName,
      replacedById: m.replacedById,
      replayOfId: m.replayOfId,
      createdAt: m.createdAt,
      ackedAt: m.ackedAt,
      processedAt: m.processedAt,
      nextAttemptAt: m.nextAttemptAt,
    })
    .from(m)
    .leftJoin(patients, eq(patients.id, m.patientId))
    .where(and(...where))
    .orderBy(desc(m.createdAt), desc(m.id))
    .limit(q.limit + 1);
  return page(rows, q.limit, (r) => ({ at: r.createdAt, id: r.id }));
}

/** Counts by status (and parked) under the same filters, for the monitor's header. */
export async function countMessages(deps: AppDeps, q: Omit<MessageQuery, 'cursor' | 'limit' | 'status' | 'parked'>) {
  const where = filters(q);
  const rows = await deps.db
    .select({ status: m.status, n: count() })
    .from(m)
    .where(and(...where))
    .groupBy(m.status);
  const [parked] = await deps.db
    .select({ n: count() })
    .from(m)
    .where(and(...where, parkedWhere));
  return {
    byStatus: Object.fromEntries(rows.map((r) => [r.status, Number(r.n)])) as Record<string, number>,
    parked: Number(parked?.n ?? 0),
  };
}

/** The peers seen so far, for the filter's choices. */
export async function listPeers(deps: AppDeps): Promise<string[]> {
  const rows = await deps.db.selectDistinct({ peer: m.peer }).from(m).orderBy(m.peer).limit(200);
  return rows.map((r) => r.peer);
}

export async function getMessage(deps: AppDeps, id: string) {
  const [row] = await deps.db
    .select({ message: m, patientName: patients.fullName })
    .from(m)
    .leftJoin(patients, eq(patients.id, m.patientId))
    .where(eq(m.id, id));
  return row;
}
