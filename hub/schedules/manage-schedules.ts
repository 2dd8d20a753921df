import { and, asc, eq, gte, isNull, or, sql } from 'drizzle-orm';
import { doctorDepartments, schedules } from '../../db/schema/index.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { openSlots } from '../booking/index.ts';
import type { AppDeps } from '../platform/context.ts';
import { NotFoundError, ValidationError } from '../platform/errors.ts';
import { affectedAppointments, closeEmptySlots } from './affected-appointments.ts';
import type { CreateSchedule } from './schedules.schemas.ts';

export interface Actor {
  staffId: string;
  requestId?: string;
  ip?: string | null;
}

const today = (deps: AppDeps) =>
  new Intl.DateTimeFormat('en-CA', { timeZone: deps.config.CLINIC_TIMEZONE }).format(new Date());

const toView = (s: typeof schedules.$inferSelect) => ({
  id: s.id,
  doctorId: s.doctorId,
  branchId: s.branchId,
  departmentId: s.departmentId,
  weekday: s.weekday,
  date: s.date,
  validFrom: s.validFrom,
  validTo: s.validTo,
  startTime: s.startTime.slice(0, 5),
  endTime: s.endTime.slice(0, 5),
  slotMinutes: s.slotMinutes,
  capacityPerSlot: s.capacityPerSlot,
  active: s.active,
});

/** Weekly rules still in force and dated sessions from today, per doctor and/or branch. */
export async function listSchedules(deps: AppDeps, q: { doctorId?: string; branchId?: string; includeEnded: boolean }) {
  const rows = await deps.db
    .select()
    .from(schedules)
    .where(
      and(
        q.doctorId ? eq(schedules.doctorId, q.doctorId) : undefined,
        q.branchId ? eq(schedules.branchId, q.branchId) : undefined,
        q.includeEnded ? undefined : eq(schedules.active, true),
        or(isNull(schedules.date), gte(schedules.date, today(deps))),
      ),
    )
    .orderBy(asc(schedules.doctorId), asc(schedules.weekday), asc(schedules.date), asc(schedules.startTime))
    .limit(500);
  return rows.map(toView);
}

/**
 * Adds a weekly rule or a dated session and opens its slots at once. A dated session replaces the doctor's weekly
 * sessions of that date, so the empty slots those had opened are closed; booked ones stay and are listed.
 */
export async function createSchedule(deps: AppDeps, input: CreateSchedule, actor: Actor) {
  if (input.date && input.date < today(deps)) throw new ValidationError('Không thể thêm buổi làm việc cho ngày đã qua');
  const result = await deps.db.transaction(async (tx) => {
    const [practises] = await tx
      .select({ one: sql`1` })
      .from(doctorDepartments)
      .where(
        and(
          eq(doctorDepartments.doctorId, input.doctorId),
          eq(doctorDepartments.branchId, input.branchId),
          eq(doctorDepartments.departmentId, input.departmentId),
        ),
      );
    if (!practises) throw new ValidationError('Bác sĩ không khám chuyên khoa này tại cơ sở đã chọn');
    const [row] = await tx
      .insert(schedules)
      .values({
        doctorId: input.doctorId,
        branchId: input.branchId,
        departmentId: input.departmentId,
        weekday: input.weekday ?? null,
        date: input.date ?? null,
        validFrom: input.validFrom ?? null,
        validTo: input.validTo ?? null,
        startTime: input.startTime,
        endTime: input.endTime,
        slotMinutes: input.slotMinutes,
        capacityPerSlot: input.capacityPerSlot,
      })
      .returning();
    const replaced = input.date
      ? sql`s.doctor_id = ${input.doctorId} and s.date = ${input.date} and s.schedule_id is distinct from ${row!.id}`
      : undefined;
    const slotsClosed = replaced ? await closeEmptySlots(tx, replaced) : 0;
    const affected = replaced ? await affectedAppointments(tx, replaced) : [];
    await recordAudit(tx, {
      action: 'schedule.created',
      actorStaffId: actor.staffId,
      requestId: actor.requestId,
      ip: actor.ip,
      subjectType: 'schedule',
      subjectId: row!.id,
      detail: { doctorId: input.doctorId, branchId: input.branchId, weekday: input.weekday, date: input.date },
    });
    return { schedule: toView(row!), slotsClosed, affected };
  });
  return { ...result, slotsOpened: await openSlots(deps) };
}

/** Ends a schedule: no new slots from it, its empty future slots close; booked ones stay and are listed. */
export async function endSchedule(deps: AppDeps, id: string, actor: Actor) {
  return deps.db.transaction(async (tx) => {
    const [row] = await tx
      .update(schedules)
      .set({ active: false, updatedAt: new Date() })
      .where(eq(schedules.id, id))
      .returning();
    if (!row) throw new NotFoundError('Không tìm thấy lịch làm việc');
    const mine = sql`s.schedule_id = ${id}`;
    const slotsClosed = await closeEmptySlots(tx, mine);
    const affected = await affectedAppointments(tx, mine);
    await recordAudit(tx, {
      action: 'schedule.ended',
      actorStaffId: actor.staffId,
      requestId: actor.requestId,
      ip: actor.ip,
      subjectType: 'schedule',
      subjectId: id,
      detail: { slotsClosed, affected: affected.length },
    });
    return { schedule: toView(row), slotsOpened: 0, slotsClosed, affected };
  });
}
