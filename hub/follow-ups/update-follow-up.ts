import { eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import { followUpTasks } from '../../db/schema/index.ts';
import { recordAudit } from '../audit/record-audit.ts';
import type { AppDeps } from '../platform/context.ts';
import { ConflictError, ForbiddenError, NotFoundError } from '../platform/errors.ts';
import { activeStaff } from './create-follow-up.ts';
import type { StaffActor } from './follow-up-actor.ts';
import { type FollowUpView, loadFollowUp } from './follow-up-view.ts';

async function lockOpenTask(tx: DbOrTx, id: string) {
  const [task] = await tx.select().from(followUpTasks).where(eq(followUpTasks.id, id)).for('update');
  if (!task) throw new NotFoundError('Không tìm thấy việc chăm sóc', 'follow_up_not_found');
  if (task.status !== 'open') {
    throw new ConflictError('follow_up_closed', 'Việc này đã đóng (đã xong hoặc đã huỷ)', { status: task.status });
  }
  return task;
}

const supervises = (actor: StaffActor) => actor.permissions.includes('inbox.assign');

/**
 * Gives a task to someone. Anyone on the care team may take a task for themselves or hand back their own;
 * giving it to another person, or taking it from one, is a supervisor's call (inbox.assign).
 */
export async function assignFollowUp(
  deps: AppDeps,
  id: string,
  staffId: string | null,
  actor: StaffActor,
): Promise<FollowUpView> {
  await deps.db.transaction(async (tx) => {
    const task = await lockOpenTask(tx, id);
    const selfService =
      (staffId === actor.staffId && (task.assigneeStaffId === null || task.assigneeStaffId === actor.staffId)) ||
      (staffId === null && task.assigneeStaffId === actor.staffId);
    if (!selfService && !supervises(actor)) {
      throw new ForbiddenError('Chỉ giám sát viên được giao việc cho người khác');
    }
    if (staffId) await activeStaff(tx, staffId);
    await tx.update(followUpTasks).set({ assigneeStaffId: staffId }).where(eq(followUpTasks.id, id));
    await recordAudit(tx, {
      action: 'follow_up.assign',
      actorStaffId: actor.staffId,
      subjectType: 'follow_up_task',
      subjectId: id,
      ip: actor.ip,
      requestId: actor.requestId,
      detail: { from: task.assigneeStaffId, to: staffId },
    });
  });
  return (await loadFollowUp(deps.db, id))!;
}

/** Closes a task as done (the call was made) or cancelled (no longer needed), with what came of it. */
export async function closeFollowUp(
  deps: AppDeps,
  id: string,
  status: 'done' | 'cancelled',
  outcome: string | undefined,
  actor: StaffActor,
): Promise<FollowUpView> {
  await deps.db.transaction(async (tx) => {
    const task = await lockOpenTask(tx, id);
    const mine = task.assigneeStaffId === null || task.assigneeStaffId === actor.staffId;
    if (!mine && !supervises(actor)) throw new ForbiddenError('Việc này đang được giao cho người khác');
    await tx
      .update(followUpTasks)
      .set({
        status,
        outcome: outcome ?? null,
        closedAt: sql`now()`,
        closedByStaffId: actor.staffId,
        // whoever closes an unassigned task did the work
        assigneeStaffId: task.assigneeStaffId ?? actor.staffId,
      })
      .where(eq(followUpTasks.id, id));
    await recordAudit(tx, {
      action: status === 'done' ? 'follow_up.complete' : 'follow_up.cancel',
      actorStaffId: actor.staffId,
      subjectType: 'follow_up_task',
      subjectId: id,
      ip: actor.ip,
      requestId: actor.requestId,
    });
  });
  return (await loadFollowUp(deps.db, id))!;
}
