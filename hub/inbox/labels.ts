import { asc, eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { conversations, inboxLabels } from '../../db/schema/index.ts';
import { recordAudit } from '../audit/record-audit.ts';
import type { Actor } from '../platform/actor.ts';
import type { AppDeps } from '../platform/context.ts';
import { ConflictError, NotFoundError } from '../platform/errors.ts';
import { isUniqueViolation } from '../platform/pg-errors.ts';
import type { LabelInputSchema } from './inbox.schemas.ts';

const dto = (l: typeof inboxLabels.$inferSelect) => ({
  id: l.id,
  name: l.name,
  color: l.color,
  description: l.description,
});

export async function listLabels(deps: AppDeps) {
  return (await deps.db.select().from(inboxLabels).orderBy(asc(inboxLabels.name))).map(dto);
}

/** Creates or renames a label; a rename is carried to the conversations wearing it. */
export async function saveLabel(
  deps: AppDeps,
  id: string | null,
  input: z.output<typeof LabelInputSchema>,
  actor: Actor,
) {
  try {
    return await deps.db.transaction(async (tx) => {
      let row: typeof inboxLabels.$inferSelect | undefined;
      if (id) {
        const [old] = await tx.select().from(inboxLabels).where(eq(inboxLabels.id, id)).for('update');
        if (!old) throw new NotFoundError('Không tìm thấy nhãn');
        [row] = await tx
          .update(inboxLabels)
          .set({ name: input.name, color: input.color, description: input.description ?? null })
          .where(eq(inboxLabels.id, id))
          .returning();
        if (old.name !== input.name) {
          await tx
            .update(conversations)
            .set({ labels: sql`array_replace(${conversations.labels}, ${old.name}, ${input.name})` })
            .where(sql`${conversations.labels} @> array[${old.name}]::text[]`);
        }
      } else {
        [row] = await tx
          .insert(inboxLabels)
          .values({ name: input.name, color: input.color, description: input.description ?? null })
          .returning();
      }
      await recordAudit(tx, {
        action: id ? 'inbox.label.update' : 'inbox.label.create',
        actorStaffId: actor.staffId,
        subjectType: 'label',
        subjectId: row!.id,
        requestId: actor.requestId,
      });
      return dto(row!);
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw new ConflictError('label_exists', `Nhãn "${input.name}" đã có`);
    throw err;
  }
}

/** Deletes a label and takes it off every conversation. */
export async function deleteLabel(deps: AppDeps, id: string, actor: Actor) {
  await deps.db.transaction(async (tx) => {
    const [old] = await tx.delete(inboxLabels).where(eq(inboxLabels.id, id)).returning();
    if (!old) throw new NotFoundError('Không tìm thấy nhãn');
    await tx
      .update(conversations)
      .set({ labels: sql`array_remove(${conversations.labels}, ${old.name})` })
      .where(sql`${conversations.labels} @> array[${old.name}]::text[]`);
    await recordAudit(tx, {
      action: 'inbox.label.delete',
      actorStaffId: actor.staffId,
      subjectType: 'label',
      subjectId: id,
      requestId: actor.requestId,
    });
  });
}
