import { and, asc, eq, gte, lte, sql } from 'drizzle-orm';
import { daysOff } from '../../db/schema/index.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { openSlots } from '../booking/index.ts';
import type { AppDeps } from '../platform/context.ts';
import { ConflictError, NotFoundError, ValidationError } from '../platform/errors.ts';
import { isUniqueViolation } from '../platform/pg-errors.ts';
import { affectedAppointments, closeEmptySlots } from './affected-appointments.ts';
import type { Actor } from './manage-schedules.ts';
import type { CreateDayOff } from './schedules.schemas.ts';

const view = (d: typeof daysOff.$inferSelect) => ({
  id: d.id,
  date: d.date,
  kind: d.kind,
  name: d.name,
  branchId: d.branchId,
  doctorId: d.doctorId,
});

export async function listDaysOff(deps: AppDeps, q: { from: string; to: string }) {
  if (q.to < q.from) throw new ValidationError('Ngày kết thúc phải sau ngày bắt đầu');
  const rows = await deps.db
    .select()
    .from(daysOff)
    .where(and(gte(daysOff.date, q.from), lte(daysOff.date, q.to)))
    .orderBy(asc(daysOff.date))
    .limit(1000);
  return rows.map(view);
}

const inScope = (d: { date: string; branchId: string | null; doctorId: string | null }) => sql`s.date = ${d.date}
  ${d.branchId ? sql`and s.branch_id = ${d.branchId}` : sql``}
  ${d.doctorId ? sql`and s.doctor_id = ${d.doctorId}` : sql``}`;

/**
 * Closes a date for the clinic, a branch or one doctor: its empty slots go at once; bookings already made that day are
 * listed for staff to call and reschedule (a closure never cancels a patient's visit silently).
 */
export async function addDayOff(deps: AppDeps, input: CreateDayOff, actor: Actor) {
  return deps.db.transaction(async (tx) => {
    const values = { ...input, branchId: input.branchId ?? null, doctorId: input.doctorId ?? null };
    let row: typeof daysOff.$inferSelect | undefined;
    try {
      [row] = await tx.insert(daysOff).values(values).returning();
    } catch (err) {
      if (isUniqueViolation(err))
        throw new ConflictError('day_off_exists', 'Ngày này đã được đánh dấu nghỉ cho phạm vi đã chọn');
      throw err;
    }
    await closeEmptySlots(tx, inScope(values));
    const affected = await affectedAppointments(tx, inScope(values));
    await recordAudit(tx, {
      action: 'day_off.created',
      actorStaffId: actor.staffId,
      requestId: actor.requestId,
      ip: actor.ip,
      subjectType: 'day_off',
      subjectId: row!.id,
      detail: { date: input.date, kind: input.kind, branchId: values.branchId, doctorId: values.doctorId },
    });
    return { dayOff: view(row!), slotsOpened: 0, affected };
  });
}

/** Re-opens a date: the schedules' slots for it come back at once. */
export async function removeDayOff(deps: AppDeps, id: string, actor: Actor) {
  const removed = await deps.db.transaction(async (tx) => {
    const [row] = await tx.delete(daysOff).where(eq(daysOff.id, id)).returning();
    if (!row) throw new NotFoundError('Không tìm thấy ngày nghỉ');
    await recordAudit(tx, {
      action: 'day_off.removed',
      actorStaffId: actor.staffId,
      requestId: actor.requestId,
      ip: actor.ip,
      subjectType: 'day_off',
      subjectId: id,
      detail: { date: row.date, branchId: row.branchId, doctorId: row.doctorId },
    });
    return row;
  });
  return { dayOff: view(removed), slotsOpened: await openSlots(deps), affected: [] };
}
