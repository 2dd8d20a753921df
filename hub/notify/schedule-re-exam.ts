import { recordAudit } from '../audit/record-audit.ts';
import type { Actor } from '../platform/actor.ts';
import { NotFoundError, ValidationError } from '../platform/errors.ts';
import { createNotifications } from './create-notifications.ts';
import type { NotifyEngine } from './engine.ts';
import { reExamIntent } from './re-exam.ts';
import { scheduleSends } from './schedule-send.ts';

/** A clinician or agent sets a patient's re-examination date: its reminder is planned (once per patient and date). */
export async function scheduleReExam(
  engine: NotifyEngine,
  input: { patientId: string; dueDate: string; serviceName?: string },
  actor: Actor,
) {
  const { db } = engine.deps;
  const { created, intent } = await db.transaction(async (tx) => {
    const intent = await reExamIntent(engine, tx, input);
    if (!intent) {
      const known = await tx.query.patients.findFirst({ where: (p, { eq }) => eq(p.id, input.patientId) });
      if (!known) throw new NotFoundError('Không tìm thấy người bệnh', 'patient_not_found');
      throw new ValidationError('Ngày tái khám đã qua');
    }
    const created = await createNotifications(engine, tx, [intent]);
    await recordAudit(tx, {
      action: 're_exam.schedule',
      actorStaffId: actor.staffId,
      subjectType: 'patient',
      subjectId: input.patientId,
      ip: actor.ip,
      requestId: actor.requestId,
      detail: { dueDate: input.dueDate },
    });
    return { created, intent };
  });
  await scheduleSends(engine, created);
  return { remindAt: (intent.sendAfter ?? new Date()).toISOString(), alreadyPlanned: created.length === 0 };
}
