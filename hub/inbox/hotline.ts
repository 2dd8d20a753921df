import { sql } from 'drizzle-orm';
import type { z } from 'zod';
import { normalizeVnPhone } from '../../adapters/shared/phone.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { resolveContact } from '../contacts/index.ts';
import type { Actor } from '../platform/actor.ts';
import type { AppDeps } from '../platform/context.ts';
import { ValidationError } from '../platform/errors.ts';
import type { Effects } from './effects.ts';
import type { HotlineCallSchema } from './inbox.schemas.ts';
import { recordMessage } from './record-message.ts';

/**
 * An agent records a hotline call: the caller becomes (or is found as) a contact, and the call a ticket assigned to
 * the agent, with the notes as its first entry. Landlines are accepted (callers ring from offices too).
 */
export async function recordHotlineCall(
  deps: AppDeps,
  input: z.output<typeof HotlineCallSchema>,
  actor: Actor,
  effects: Effects,
) {
  const phone = normalizeVnPhone(input.callerPhone);
  if (!phone) throw new ValidationError('Số điện thoại người gọi không hợp lệ');
  return deps.db.transaction(async (tx) => {
    const contact = await resolveContact(tx, {
      channel: 'phone',
      externalId: phone,
      fullName: input.callerName,
      firstChannel: 'hotline',
      source: 'hotline',
    });
    const now = new Date();
    const rec = await recordMessage(
      tx,
      deps,
      {
        contactId: contact.contactId,
        channel: 'hotline',
        inboxKey: null,
        direction: 'in',
        authorKind: 'agent',
        authorStaffId: actor.staffId,
        contentType: 'call',
        body: input.notes,
        at: now,
        fromPerson: false,
        newConversation: true,
        kind: input.reason,
        priority: input.priority,
        assignTo: actor.staffId,
        resolved: input.resolved,
      },
      effects,
    );
    await tx.execute(
      // the call itself was the first response
      sql`update conversations set first_responded_at = ${now.toISOString()}::timestamptz,
        last_inbound_at = ${now.toISOString()}::timestamptz, last_message_at = ${now.toISOString()}::timestamptz
        where id = ${rec.conversationId}`,
    );
    await recordAudit(tx, {
      action: 'inbox.hotline_call.record',
      actorStaffId: actor.staffId,
      subjectType: 'conversation',
      subjectId: rec.conversationId,
      requestId: actor.requestId,
      ip: actor.ip,
      detail: { contactId: contact.contactId, contactCreated: contact.created, reason: input.reason },
    });
    return { conversationId: rec.conversationId, contactId: contact.contactId, contactCreated: contact.created };
  });
}
