import { TZDate } from '@date-fns/tz';
import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import { patients } from '../../db/schema/index.ts';
import type { NotificationIntent } from './create-notifications.ts';
import type { NotifyEngine } from './engine.ts';

/**
 * A re-examination date set for a patient (by a doctor in the console, or a `reexam.due` event from the clinical
 * side) → a reminder NOTIFY_REEXAM_DAYS_BEFORE days before it at 09:00 clinic time (at once if that is past). One per
 * patient and date. Nothing when the date itself has passed.
 */
export async function reExamIntent(
  engine: NotifyEngine,
  tx: DbOrTx,
  p: { patientId: string; dueDate: string; serviceName?: string },
): Promise<NotificationIntent | undefined> {
  const [patient] = await tx
    .select({ id: patients.id, contactId: patients.contactId, fullName: patients.fullName })
    .from(patients)
    .where(eq(patients.id, p.patientId));
  if (!patient) return undefined;
  const s = engine.settings;
  const [y, m, d] = p.dueDate.split('-').map(Number) as [number, number, number];
  const endOfDue = new TZDate(y, m - 1, d, 23, 59, 59, s.timeZone);
  const now = engine.now();
  if (endOfDue.getTime() < now.getTime()) return undefined;
  const remindAt = new TZDate(y, m - 1, d - s.reexamDaysBefore, 9, 0, 0, s.timeZone);
  return {
    type: 're-exam-reminder',
    contactId: patient.contactId,
    patientId: patient.id,
    params: {
      patientName: patient.fullName,
      dueDate: `${String(d).padStart(2, '0')}/${String(m).padStart(2, '0')}/${y}`,
      serviceName: p.serviceName ?? 'Tái khám theo hẹn của bác sĩ',
      bookingLink: `${s.miniappUrl}/booking`,
    },
    idempotencyKey: `patient:${patient.id}:re-exam:${p.dueDate}`,
    sendAfter: remindAt.getTime() > now.getTime() ? new Date(remindAt.getTime()) : now,
  };
}
