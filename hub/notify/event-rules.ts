import { z } from 'zod';
import type { DbOrTx } from '../../db/client.ts';
import type { OutboxJobData } from '../platform/outbox.ts';
import { appointmentFacts } from './appointment-facts.ts';
import { cancelPending, reminderIntents } from './appointment-reminders.ts';
import type { NotificationIntent } from './create-notifications.ts';
import type { NotifyEngine } from './engine.ts';
import { reExamIntent } from './re-exam.ts';
import { resultReadyIntent } from './result-ready.ts';

const appointmentPayload = z.object({ appointmentId: z.uuid(), reason: z.string().optional() }).loose();
const resultPayload = z.object({ resultId: z.uuid(), patientId: z.uuid(), contactId: z.uuid() }).loose();
const reExamPayload = z
  .object({
    patientId: z.uuid(),
    dueDate: z.iso.date(),
    serviceName: z.string().trim().min(1).max(200).optional(),
  })
  .loose();

const reminderTypes = ['appointment-reminder'];

/**
 * What each domain event means for the patient (DESIGN.md flow 5): the notices to create and the pending ones to
 * cancel, in the consumer's transaction. Keys name the subject and the occurrence, so each notice exists once.
 */
export async function applyRules(engine: NotifyEngine, tx: DbOrTx, ev: OutboxJobData): Promise<NotificationIntent[]> {
  const s = engine.settings;
  if (ev.topic.startsWith('appointment.')) {
    const p = appointmentPayload.parse(ev.payload);
    const appt = await appointmentFacts(tx, s, p.appointmentId);
    if (!appt) return [];
    const base = { contactId: appt.contactId, patientId: appt.patientId, appointmentId: appt.id };
    const epoch = Math.floor(appt.startsAt.getTime() / 1000);
    switch (ev.topic) {
      case 'appointment.confirmed':
        return [
          {
            ...base,
            type: 'appointment-confirmed',
            params: appt.vars,
            idempotencyKey: `appointment:${appt.id}:confirmed`,
          },
          ...(appt.status === 'confirmed' ? reminderIntents(engine, appt) : []),
        ];
      case 'appointment.rescheduled':
        await cancelPending(tx, appt.id, reminderTypes);
        return [
          {
            ...base,
            type: 'appointment-rescheduled',
            params: appt.vars,
            idempotencyKey: `appointment:${appt.id}:rescheduled:${epoch}`,
          },
          ...(appt.status === 'confirmed' ? reminderIntents(engine, appt) : []),
        ];
      case 'appointment.cancelled':
        await cancelPending(tx, appt.id, [...reminderTypes, 'satisfaction-survey']);
        // an unconfirmed hold running out is not news to anyone
        if (p.reason === 'hold_expired' || !appt.confirmedAt) return [];
        return [
          {
            ...base,
            type: 'appointment-cancelled',
            params: { ...appt.vars, bookingLink: `${s.miniappUrl}/booking` },
            idempotencyKey: `appointment:${appt.id}:cancelled`,
          },
        ];
      case 'appointment.checked_in':
      case 'appointment.no_show':
        await cancelPending(tx, appt.id, reminderTypes);
        return [];
      case 'appointment.completed': {
        await cancelPending(tx, appt.id, reminderTypes);
        return [
          {
            ...base,
            type: 'satisfaction-survey',
            params: {
              patientName: appt.vars.patientName!,
              visitDate: appt.vars.visitDate!,
              branchName: appt.vars.branchName!,
              surveyLink: appt.vars.appointmentLink!,
            },
            idempotencyKey: `appointment:${appt.id}:survey`,
            sendAfter: new Date(engine.now().getTime() + s.surveyDelayMs),
          },
        ];
      }
      default:
        return [];
    }
  }
  if (ev.topic === 'result.released') {
    const intent = await resultReadyIntent(engine, tx, resultPayload.parse(ev.payload));
    return intent ? [intent] : [];
  }
  if (ev.topic === 'reexam.due') {
    const intent = await reExamIntent(engine, tx, reExamPayload.parse(ev.payload));
    return intent ? [intent] : [];
  }
  return [];
}
