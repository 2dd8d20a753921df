import { and, eq, inArray, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import { notifications } from '../../db/schema/index.ts';
import { type AppointmentFacts, leadTimeText } from './appointment-facts.ts';
import type { NotificationIntent } from './create-notifications.ts';
import type { NotifyEngine } from './engine.ts';

/**
 * The reminders of one visit at its current time: one per NOTIFY_REMINDER_OFFSETS entry still in the future. The
 * start time is part of each key, so a rescheduled visit gets new reminders while the old ones are cancelled.
 */
export function reminderIntents(engine: NotifyEngine, appt: AppointmentFacts): NotificationIntent[] {
  const starts = appt.startsAt.getTime();
  const now = engine.now().getTime();
  return engine.settings.reminderOffsetsMs
    .filter((o) => starts - o.ms > now)
    .map((o) => ({
      type: 'appointment-reminder' as const,
      contactId: appt.contactId,
      patientId: appt.patientId,
      appointmentId: appt.id,
      params: { ...appt.vars, leadTime: leadTimeText(o.ms) },
      idempotencyKey: `appointment:${appt.id}:reminder:${o.label}:${Math.floor(starts / 1000)}`,
      sendAfter: new Date(starts - o.ms),
    }));
}

/**
 * Cancels what has not gone out yet about an appointment (its reminders, and on cancellation its survey): the rows
 * become `cancelled`, so their delayed jobs find nothing to send. A reminder a worker is sending right now is left
 * to finish: it was due.
 */
export async function cancelPending(tx: DbOrTx, appointmentId: string, types: string[]): Promise<number> {
  const r = await tx
    .update(notifications)
    .set({ state: 'cancelled', completedAt: sql`now()`, lastError: 'Lịch hẹn đã thay đổi' })
    .where(
      and(
        eq(notifications.appointmentId, appointmentId),
        eq(notifications.state, 'pending'),
        inArray(notifications.templateKey, types),
      ),
    )
    .returning({ id: notifications.id });
  return r.length;
}
