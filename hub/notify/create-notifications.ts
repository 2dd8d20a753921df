import type { NotifyChannel } from '../../adapters/notify/types.ts';
import type { DbOrTx } from '../../db/client.ts';
import { notifications } from '../../db/schema/index.ts';
import type { NotificationType, Purpose } from '../../templates/index.ts';
import type { NotifyEngine } from './engine.ts';
import type { Due } from './schedule-send.ts';

/** One thing to tell one contact, as a rule or another feature (campaigns) asks for it. */
export interface NotificationIntent {
  type: NotificationType;
  contactId: string;
  patientId?: string | null;
  appointmentId?: string | null;
  resultId?: string | null;
  /** the template's variables; checked against its schema here, so a bad one fails where it is made */
  params: Record<string, string>;
  /** one per (type, subject, occurrence), e.g. "appointment:<id>:reminder:24h:<starts epoch>" */
  idempotencyKey: string;
  sendAfter?: Date;
  /** defaults to the template's */
  purpose?: Purpose;
  urgent?: boolean;
  plan?: NotifyChannel[];
}

export class InvalidNotificationError extends Error {}

/**
 * Stores notifications in the caller's transaction, at most once per idempotency key: a replayed event or a retried
 * job finds its key taken and adds nothing. Returns the rows actually created, for `scheduleSends` after the commit.
 */
export async function createNotifications(
  engine: NotifyEngine,
  tx: DbOrTx,
  intents: NotificationIntent[],
): Promise<Due[]> {
  if (intents.length === 0) return [];
  const rows = intents.map((i) => {
    const def = engine.templates.get(i.type);
    if (!def) throw new InvalidNotificationError(`unknown notification type ${i.type}`);
    const params = def.variables.safeParse(i.params);
    if (!params.success) {
      const issue = params.error.issues[0];
      throw new InvalidNotificationError(`${i.type}: variable ${issue?.path.join('.')} ${issue?.message}`);
    }
    const plan = i.plan ?? engine.settings.plans[i.type] ?? def.plan;
    return {
      contactId: i.contactId,
      patientId: i.patientId ?? null,
      appointmentId: i.appointmentId ?? null,
      resultId: i.resultId ?? null,
      purpose: i.purpose ?? def.purpose,
      templateKey: i.type,
      params: params.data as Record<string, string>,
      channelPlan: plan,
      idempotencyKey: i.idempotencyKey,
      urgent: i.urgent ?? def.urgent,
      ...(i.sendAfter ? { sendAfter: i.sendAfter } : {}),
    };
  });
  return tx
    .insert(notifications)
    .values(rows)
    .onConflictDoNothing({ target: notifications.idempotencyKey })
    .returning({ id: notifications.id, version: notifications.version, sendAfter: notifications.sendAfter });
}
