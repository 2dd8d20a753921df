import { randomUUID } from 'node:crypto';
import { and, eq, ne, sql, type WithSubquery } from 'drizzle-orm';
import type { ParsedObservation, ParsedOrderResult } from '../../adapters/clinical/lis/index.ts';
import type { DbOrTx } from '../../db/client.ts';
import { type ObservationFlag, resultObservations, results, resultVersions } from '../../db/schema/index.ts';
import { type DomainEvent, publishEvent } from '../platform/outbox.ts';

/** What is read back of a result written: mapping every column of the row costs more CPU than the statement. */
const written = { id: results.id, version: results.version };
type Written = { id: string; version: number };

/** OBX-11 D (deleted) / W (posted in error): the earlier value must no longer show. */
const withdrawn = (o: ParsedObservation) => o.status === 'D' || o.status === 'W';

const observationRow = (resultId: string, o: ParsedObservation) => ({
  resultId,
  seq: o.seq,
  code: o.code,
  codeSystem: o.codeSystem,
  name: o.name,
  subId: o.subId,
  valueType: o.valueType,
  value: o.value,
  unit: o.unit,
  referenceRange: o.referenceRange,
  flag: o.flag as ObservationFlag | null,
  observationStatus: o.status,
  observedAt: o.observedAt,
});

/** A study UID already on another result stays there (the unique index), the report still lands. */
async function freeStudyUid(tx: DbOrTx, uid: string | null, resultId?: string): Promise<string | null> {
  if (!uid) return null;
  const [other] = await tx
    .select({ id: results.id })
    .from(results)
    .where(and(eq(results.studyInstanceUid, uid), resultId ? ne(results.id, resultId) : sql`true`));
  return other ? null : uid;
}

/**
 * Writes one order's results. A first message creates the result (unreleased: the release gate decides when the
 * patient sees it); a later one — preliminary → final, or a correction (OBX-11 C) — first copies the current state to
 * result_versions, then replaces the values it carries, keyed by (OBX-3, OBX-4); D/W withdraw a value. Publishes
 * `result.received` for the release gate and notifications.
 */
export async function storeOrderResult(
  tx: DbOrTx,
  r: ParsedOrderResult,
  ctx: { orderId: string; patientId: string; messageId: string; newOrder: boolean },
): Promise<{ resultId: string; version: number }> {
  // an order created by this very message has no result yet
  const [current] = ctx.newOrder
    ? []
    : await tx.select().from(results).where(eq(results.orderId, ctx.orderId)).for('update');
  const notes = r.notes.join('\n') || null;
  const reportText = r.kind === 'imaging' ? r.reportText : notes;
  // one row per (OBX-3, OBX-4): a repeated key in one message keeps its last value
  const keep = [
    ...new Map(
      r.observations.filter((o) => !withdrawn(o) && o.code).map((o) => [`${o.code}\u0000${o.subId}`, o]),
    ).values(),
  ];
  const received = (row: Written): DomainEvent => ({
    topic: 'result.received',
    aggregateType: 'result',
    aggregateId: row.id,
    payload: {
      resultId: row.id,
      patientId: ctx.patientId,
      orderId: ctx.orderId,
      kind: r.kind,
      status: r.status,
      version: row.version,
      corrected: !!current,
    },
  });
  if (!current) {
    // a first result: the row, its values and the event in one statement (the id is made here so that all three can
    // name it); this is the path of nearly every message applied, and each round trip costs more than its statement
    const row: Written = { id: randomUUID(), version: 1 };
    const writes: WithSubquery[] = [
      tx.$with('new_result').as(
        tx
          .insert(results)
          .values({
            id: row.id,
            orderId: ctx.orderId,
            patientId: ctx.patientId,
            kind: r.kind,
            status: r.status,
            version: row.version,
            title: r.serviceName,
            reportText,
            conclusion: r.conclusion,
            studyInstanceUid: await freeStudyUid(tx, r.studyInstanceUid),
            modality: r.modality,
            interpreter: r.interpreter,
            observedAt: r.observedAt,
            reportedAt: r.reportedAt ?? new Date(),
            sourceMessageId: ctx.messageId,
          })
          .returning({ id: results.id }),
      ),
    ];
    if (r.kind === 'lab' && keep.length > 0) {
      writes.push(
        tx.$with('new_observations').as(
          tx
            .insert(resultObservations)
            .values(keep.map((o) => observationRow(row.id, o)))
            .returning({ id: resultObservations.id }),
        ),
      );
    }
    await publishEvent(tx, received(row), writes);
    return { resultId: row.id, version: row.version };
  }
  // a later message (preliminary → final, a correction): the current state to the history first
  const before = await tx.select().from(resultObservations).where(eq(resultObservations.resultId, current.id));
  await tx.insert(resultVersions).values({
    resultId: current.id,
    version: current.version,
    status: current.status,
    snapshot: { result: current, observations: before },
    sourceMessageId: current.sourceMessageId,
  });
  const [row] = (await tx
    .update(results)
    .set({
      version: current.version + 1,
      status: r.status,
      reportText: reportText ?? current.reportText,
      conclusion: r.conclusion ?? current.conclusion,
      studyInstanceUid: current.studyInstanceUid ?? (await freeStudyUid(tx, r.studyInstanceUid, current.id)),
      interpreter: r.interpreter ?? current.interpreter,
      observedAt: r.observedAt ?? current.observedAt,
      reportedAt: r.reportedAt ?? new Date(),
      sourceMessageId: ctx.messageId,
    })
    .where(eq(results.id, current.id))
    .returning(written)) as [Written];
  const gone = r.observations.filter((o) => withdrawn(o) && o.code);
  for (const o of gone) {
    await tx
      .delete(resultObservations)
      .where(
        and(
          eq(resultObservations.resultId, row.id),
          eq(resultObservations.code, o.code),
          eq(resultObservations.subId, o.subId),
        ),
      );
  }
  if (r.kind === 'lab' && keep.length > 0) {
    await tx
      .insert(resultObservations)
      .values(keep.map((o) => observationRow(row.id, o)))
      .onConflictDoUpdate({
        target: [resultObservations.resultId, resultObservations.code, resultObservations.subId],
        set: {
          seq: sql`excluded.seq`,
          name: sql`excluded.name`,
          codeSystem: sql`excluded.code_system`,
          valueType: sql`excluded.value_type`,
          value: sql`excluded.value`,
          unit: sql`excluded.unit`,
          referenceRange: sql`excluded.reference_range`,
          flag: sql`excluded.flag`,
          observationStatus: sql`excluded.observation_status`,
          observedAt: sql`excluded.observed_at`,
        },
      });
  }
  await publishEvent(tx, received(row));
  return { resultId: row.id, version: row.version };
}
