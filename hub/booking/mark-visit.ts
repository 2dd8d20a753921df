import { eq, sql } from 'drizzle-orm';
import type { PgUpdateSetSource } from 'drizzle-orm/pg-core';
import { appointments } from '../../db/schema/index.ts';
import type { AppDeps } from '../platform/context.ts';
import { loadAppointment } from './appointment-view.ts';
import { invalidStatus } from './booking-errors.ts';
import { lockAppointment } from './lock-appointment.ts';
import { bookingPolicy } from './policy.ts';
import { recordChange } from './record-change.ts';

export type VisitStep = 'check_in' | 'complete' | 'no_show';

/**
 * The front desk moves a visit on: check-in (a confirmed booking, on its day), complete (after check-in), no-show
 * (a confirmed booking whose time has come). The place stays taken: the doctor's time was spent either way.
 */
export async function markVisit(deps: AppDeps, appointmentId: string, step: VisitStep, staffId: string) {
  const policy = bookingPolicy(deps.config);
  await deps.db.transaction(async (tx) => {
    const appt = await lockAppointment(tx, appointmentId, { staff: true }, policy.changeCutoffHours);
    let set: PgUpdateSetSource<typeof appointments>;
    if (step === 'check_in') {
      if (appt.status === 'checked_in') return;
      if (appt.status !== 'confirmed') throw invalidStatus('Chỉ tiếp đón được lịch hẹn đã xác nhận');
      if (!appt.today) throw invalidStatus('Chỉ tiếp đón được lịch hẹn trong ngày khám');
      set = { status: 'checked_in', checkedInAt: sql`now()` };
    } else if (step === 'complete') {
      if (appt.status === 'completed') return;
      if (appt.status !== 'checked_in') throw invalidStatus('Bệnh nhân chưa được tiếp đón');
      set = { status: 'completed', completedAt: sql`now()` };
    } else {
      if (appt.status === 'no_show') return;
      if (appt.status !== 'confirmed') throw invalidStatus('Chỉ đánh dấu vắng mặt cho lịch hẹn đã xác nhận');
      if (!appt.started) throw invalidStatus('Chưa đến giờ khám, chưa thể đánh dấu vắng mặt');
      set = { status: 'no_show' };
    }
    const [row] = await tx.update(appointments).set(set).where(eq(appointments.id, appointmentId)).returning();
    const kind = step === 'check_in' ? 'checked_in' : step === 'complete' ? 'completed' : 'no_show';
    await recordChange(tx, row!, kind, { kind: 'staff', staffId }, { timeZone: policy.timeZone });
  });
  return (await loadAppointment(deps.db, policy, appointmentId))!;
}
