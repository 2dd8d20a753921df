import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns';
import { and, eq, gt, isNull, lte, or, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import { followUpTasks } from '../../db/schema/index.ts';
import { decodeCursor, page } from '../platform/cursor.ts';
import { loadFollowUps } from './follow-up-view.ts';
import type { FollowUpQuery } from './follow-ups.schemas.ts';

/** Tasks by due date (oldest first, so overdue calls lead), filtered by status, when and who; paginated. */
export async function listFollowUps(
  db: DbOrTx,
  query: FollowUpQuery,
  ctx: { staffId: string; timeZone: string; now?: Date },
) {
  const today = format(new TZDate((ctx.now ?? new Date()).getTime(), ctx.timeZone), 'yyyy-MM-dd');
  const where: SQL[] = [eq(followUpTasks.status, query.status)];
  if (query.when === 'due') where.push(lte(followUpTasks.dueDate, today));
  if (query.when === 'upcoming') where.push(gt(followUpTasks.dueDate, today));
  if (query.assignee === 'me') where.push(eq(followUpTasks.assigneeStaffId, ctx.staffId));
  else if (query.assignee === 'unassigned') where.push(isNull(followUpTasks.assigneeStaffId));
  else if (query.assignee) where.push(eq(followUpTasks.assigneeStaffId, query.assignee));
  if (query.contactId) where.push(eq(followUpTasks.contactId, query.contactId));
  const after = decodeCursor(query.cursor);
  if (after) {
    const due = after.at.toISOString().slice(0, 10);
    where.push(
      or(gt(followUpTasks.dueDate, due), and(eq(followUpTasks.dueDate, due), gt(followUpTasks.id, after.id)))!,
    );
  }
  const rows = await loadFollowUps(db, and(...where), { limit: query.limit + 1 });
  return {
    today,
    ...page(rows, query.limit, (r) => ({ at: new Date(`${r.dueDate}T00:00:00Z`), id: r.id })),
  };
}
