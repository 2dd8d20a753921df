import { eq, inArray, sql } from 'drizzle-orm';
import type { PgUpdateSetSource } from 'drizzle-orm/pg-core';
import type { z } from 'zod';
import { conversations, inboxLabels } from '../../db/schema/index.ts';
import { recordAudit } from '../audit/record-audit.ts';
import type { Actor } from '../platform/actor.ts';
import type { AppDeps } from '../platform/context.ts';
import { NotFoundError, ValidationError } from '../platform/errors.ts';
import type { Effects } from './effects.ts';
import type { UpdateConversationSchema } from './inbox.schemas.ts';

/** Status (open / pending / snoozed until / resolved), priority, kind, labels, subject. Audited. */
export async function updateConversation(
  deps: AppDeps,
  id: string,
  input: z.output<typeof UpdateConversationSchema>,
  actor: Actor,
  effects: Effects,
) {
  await deps.db.transaction(async (tx) => {
    const [conv] = await tx.select().from(conversations).where(eq(conversations.id, id)).for('update');
    if (!conv) throw new NotFoundError('Không tìm thấy hội thoại', 'conversation_not_found');
    const set: PgUpdateSetSource<typeof conversations> = {};
    const now = new Date();
    if (input.labels) {
      const known = input.labels.length
        ? await tx
            .select({ name: inboxLabels.name })
            .from(inboxLabels)
            .where(
              inArray(
                sql`lower(${inboxLabels.name})`,
                input.labels.map((l) => l.toLowerCase()),
              ),
            )
        : [];
      const byLower = new Map(known.map((k) => [k.name.toLowerCase(), k.name]));
      const unknown = input.labels.filter((l) => !byLower.has(l.toLowerCase()));
      if (unknown.length) throw new ValidationError(`Nhãn chưa được tạo: ${unknown.join(', ')}`, { unknown });
      set.labels = input.labels.map((l) => byLower.get(l.toLowerCase())!);
    }
    if (input.priority) set.priority = input.priority;
    if (input.kind) set.kind = input.kind;
    if (input.subject !== undefined) set.subject = input.subject;
    if (input.status && input.status !== conv.status) {
      set.status = input.status;
      if (input.status === 'resolved') {
        Object.assign(set, { resolvedAt: now, snoozedUntil: null, waitingSince: null });
      } else {
        set.resolvedAt = null;
        set.snoozedUntil = null;
        set.waitingSince = input.status === 'open' && !conv.assigneeStaffId ? now : null;
      }
    }
    if (input.status === 'snoozed') {
      const until = new Date(input.snoozedUntil!);
      if (until <= now) throw new ValidationError('Thời điểm mở lại phải ở tương lai');
      set.status = 'snoozed';
      set.snoozedUntil = until;
      set.waitingSince = null;
    }
    await tx.update(conversations).set(set).where(eq(conversations.id, id));
    const status = (set.status as typeof conv.status | undefined) ?? conv.status;
    await recordAudit(tx, {
      action: 'inbox.conversation.update',
      actorStaffId: actor.staffId,
      subjectType: 'conversation',
      subjectId: id,
      requestId: actor.requestId,
      ip: actor.ip,
      detail: { fields: Object.keys(input), ...(input.status ? { from: conv.status, to: status } : {}) },
    });
    effects.events.push({
      type: 'conversation.updated',
      conversationId: id,
      status,
      assigneeStaffId: conv.assigneeStaffId,
      teamId: conv.teamId,
    });
    // resolving or snoozing frees the agent's seat; reopening an unassigned one puts it in the queue
    if (conv.teamId && status !== conv.status) effects.assignTeams.add(conv.teamId);
  });
}

/** The agent has seen the conversation: its unread count drops to zero. */
export async function markConversationRead(deps: AppDeps, id: string, effects: Effects) {
  const [conv] = await deps.db
    .update(conversations)
    .set({ unreadCount: 0 })
    .where(eq(conversations.id, id))
    .returning();
  if (!conv) throw new NotFoundError('Không tìm thấy hội thoại', 'conversation_not_found');
  effects.events.push({
    type: 'conversation.updated',
    conversationId: id,
    status: conv.status,
    assigneeStaffId: conv.assigneeStaffId,
    teamId: conv.teamId,
  });
}
