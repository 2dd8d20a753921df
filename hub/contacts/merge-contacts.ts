import { and, eq, inArray, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import { consents, contactIdentities, contactMerges, contacts } from '../../db/schema/index.ts';
import { recordAudit } from '../audit/record-audit.ts';
import type { Actor } from '../platform/actor.ts';
import type { AppDeps } from '../platform/context.ts';
import { ConflictError, NotFoundError, ValidationError } from '../platform/errors.ts';
import { isUniqueViolation } from '../platform/pg-errors.ts';

/** Tables handled by hand below; every other foreign key to contacts is moved generically. */
const handled = new Set(['contacts', 'contact_identities', 'consents', 'contact_merges', 'contact_merge_dismissals']);

interface ForeignKey {
  table_name: string;
  column_name: string;
}

/** Every single-column foreign key to contacts.id, read from the catalog so that tables added later move too. */
async function contactForeignKeys(tx: DbOrTx): Promise<ForeignKey[]> {
  const r = await tx.execute<ForeignKey & Record<string, unknown>>(sql`
    select cl.relname as table_name, a.attname as column_name
    from pg_constraint c
    join pg_class cl on cl.oid = c.conrelid
    join pg_attribute a on a.attrelid = c.conrelid and a.attnum = c.conkey[1]
    where c.contype = 'f' and c.confrelid = 'public.contacts'::regclass and array_length(c.conkey, 1) = 1
    order by 1, 2`);
  return r.rows.filter((fk) => !handled.has(fk.table_name));
}

/**
 * Moves the rows of one table from source to target. A row that would break a unique rule on the target (the same
 * campaign twice, the same Mini App permission twice) stays on the source, which survives as a tombstone: nothing is
 * deleted, and the kept rows are still reachable through merged_into_id.
 */
async function moveRows(tx: DbOrTx, fk: ForeignKey, sourceId: string, targetId: string): Promise<number> {
  const table = sql.identifier(fk.table_name);
  const column = sql.identifier(fk.column_name);
  try {
    return await tx.transaction(async (sp) => {
      const r = await sp.execute(sql`update ${table} set ${column} = ${targetId} where ${column} = ${sourceId}`);
      return r.rowCount ?? 0;
    });
  } catch (err) {
    if (!isUniqueViolation(err)) throw err;
  }
  const rows = await tx.execute<{ ctid: string }>(
    sql`select ctid::text as ctid from ${table} where ${column} = ${sourceId}`,
  );
  let moved = 0;
  for (const { ctid } of rows.rows) {
    try {
      await tx.transaction(async (sp) => {
        await sp.execute(sql`update ${table} set ${column} = ${targetId} where ctid = ${ctid}::tid`);
      });
      moved++;
    } catch (err) {
      if (!isUniqueViolation(err)) throw err;
    }
  }
  return moved;
}

/**
 * Merges `sourceId` into `targetId`: identities, conversations, patients, consents (the newer decision wins, the
 * history moves whole), appointments, notifications, notes and every other row that points at the source. The source
 * stays as a tombstone with its fields as they were, a snapshot is kept in contact_merges, and the merge is audited.
 */
export async function mergeContacts(
  deps: AppDeps,
  input: { targetId: string; sourceId: string },
  actor: Actor,
): Promise<{ targetId: string; moved: Record<string, number> }> {
  const { targetId, sourceId } = input;
  if (targetId === sourceId) throw new ValidationError('Không thể gộp một liên hệ với chính nó');
  return deps.db.transaction(async (tx) => {
    const rows = await tx
      .select()
      .from(contacts)
      .where(inArray(contacts.id, [targetId, sourceId]))
      .orderBy(contacts.id)
      .for('update');
    const target = rows.find((r) => r.id === targetId);
    const source = rows.find((r) => r.id === sourceId);
    if (!target || !source) throw new NotFoundError('Không tìm thấy liên hệ');
    if (target.mergedIntoId || source.mergedIntoId) {
      throw new ConflictError('contact_already_merged', 'Liên hệ này đã được gộp vào một liên hệ khác');
    }
    const identities = await tx.select().from(contactIdentities).where(eq(contactIdentities.contactId, sourceId));
    const sourceConsents = await tx.select().from(consents).where(eq(consents.contactId, sourceId));
    const moved: Record<string, number> = {};

    moved.contact_identities = (
      await tx
        .update(contactIdentities)
        .set({ contactId: targetId })
        .where(eq(contactIdentities.contactId, sourceId))
        .returning({ id: contactIdentities.id })
    ).length;

    // consents: one row per (channel, purpose); the more recent decision is the one in force
    let consentMoves = 0;
    for (const c of sourceConsents) {
      const [mine] = await tx
        .select()
        .from(consents)
        .where(and(eq(consents.contactId, targetId), eq(consents.channel, c.channel), eq(consents.purpose, c.purpose)));
      if (!mine) {
        await tx.update(consents).set({ contactId: targetId }).where(eq(consents.id, c.id));
      } else {
        if (c.decidedAt > mine.decidedAt) {
          await tx
            .update(consents)
            .set({ status: c.status, source: c.source, evidence: c.evidence, decidedAt: c.decidedAt })
            .where(eq(consents.id, mine.id));
        }
        await tx.delete(consents).where(eq(consents.id, c.id));
      }
      consentMoves++;
    }
    moved.consents = consentMoves;

    for (const fk of await contactForeignKeys(tx)) {
      const n = await moveRows(tx, fk, sourceId, targetId);
      if (n > 0) moved[`${fk.table_name}.${fk.column_name}`] = n;
    }
    // contacts merged earlier into the source now point at the target directly
    await tx.update(contacts).set({ mergedIntoId: targetId }).where(eq(contacts.mergedIntoId, sourceId));

    const notes = [target.notes, source.notes].filter((n): n is string => !!n?.trim());
    const earliest = source.createdAt < target.createdAt ? source : target;
    await tx
      .update(contacts)
      .set({
        tags: [...new Set([...target.tags, ...source.tags])],
        notes: notes.length ? notes.join('\n\n') : null,
        phone: target.phone ?? source.phone,
        email: target.email ?? source.email,
        displayName: target.displayName ?? source.displayName,
        avatarUrl: target.avatarUrl ?? source.avatarUrl,
        zaloAppUserId: target.zaloAppUserId ?? source.zaloAppUserId,
        ownerStaffId: target.ownerStaffId ?? source.ownerStaffId,
        firstChannel: earliest.firstChannel ?? target.firstChannel ?? source.firstChannel,
        lastInteractionAt:
          [target.lastInteractionAt, source.lastInteractionAt]
            .filter((d): d is Date => !!d)
            .sort((a, b) => b.getTime() - a.getTime())[0] ?? null,
      })
      .where(eq(contacts.id, targetId));
    await tx.update(contacts).set({ mergedIntoId: targetId }).where(eq(contacts.id, sourceId));

    const snapshot = {
      contact: { ...source, createdAt: source.createdAt.toISOString(), updatedAt: source.updatedAt.toISOString() },
      identities: identities.map((i) => ({ channel: i.channel, externalId: i.externalId, source: i.source })),
      consents: sourceConsents.map((c) => ({
        channel: c.channel,
        purpose: c.purpose,
        status: c.status,
        decidedAt: c.decidedAt.toISOString(),
      })),
    };
    await tx.insert(contactMerges).values({
      targetContactId: targetId,
      sourceContactId: sourceId,
      mergedByStaffId: actor.staffId,
      snapshot,
      moved,
    });
    await recordAudit(tx, {
      action: 'contact.merge',
      actorStaffId: actor.staffId,
      subjectType: 'contact',
      subjectId: targetId,
      requestId: actor.requestId,
      ip: actor.ip,
      detail: { sourceContactId: sourceId, moved },
    });
    return { targetId, moved };
  });
}
