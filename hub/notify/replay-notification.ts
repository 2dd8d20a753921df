import { and, eq, sql } from 'drizzle-orm';
import { notifications } from '../../db/schema/index.ts';
import { recordAudit } from '../audit/record-audit.ts';
import type { Actor } from '../platform/actor.ts';
import { ConflictError, NotFoundError } from '../platform/errors.ts';
import type { NotifyEngine } from './engine.ts';
import { scheduleSends } from './schedule-send.ts';

/**
 * Sends a parked notification again from the first channel of its plan (after staff fixed what was wrong: the
 * address, a template id, the channel's settings). Only `failed` ones: a sent one must not go twice. Audited; the
 * attempts so far stay on record.
 */
export async function replayNotification(engine: NotifyEngine, id: string, actor: Actor) {
  const { db } = engine.deps;
  const replayed = await db.transaction(async (tx) => {
    const [row] = await tx
      .update(notifications)
      .set({
        state: 'pending',
        planIndex: 0,
        channelTries: 0,
        version: sql`${notifications.version} + 1`,
        sendAfter: sql`now()`,
        leaseUntil: null,
        completedAt: null,
        deliveredVia: null,
        lastError: null,
      })
      .where(and(eq(notifications.id, id), eq(notifications.state, 'failed')))
      .returning({ id: notifications.id, version: notifications.version, sendAfter: notifications.sendAfter });
    if (!row) {
      const [exists] = await tx
        .select({ state: notifications.state })
        .from(notifications)
        .where(eq(notifications.id, id));
      if (!exists) throw new NotFoundError('Không tìm thấy thông báo', 'notification_not_found');
      throw new ConflictError('notification_not_parked', 'Chỉ gửi lại được thông báo đã thất bại', {
        state: exists.state,
      });
    }
    await recordAudit(tx, {
      action: 'notification.replay',
      actorStaffId: actor.staffId,
      subjectType: 'notification',
      subjectId: id,
      ip: actor.ip,
      requestId: actor.requestId,
    });
    return row;
  });
  await scheduleSends(engine, [replayed]);
}
