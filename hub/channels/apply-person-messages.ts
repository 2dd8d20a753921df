import type { InboundEvent, InboundMessageEvent } from '../../adapters/channels/types.ts';
import type { DbOrTx } from '../../db/client.ts';
import type { Channel } from '../../db/schema/index.ts';
import { resolveContacts } from '../contacts/index.ts';
import { type Effects, recordPersonMessages } from '../inbox/index.ts';
import { type ApplyContext, contactInput, messageInput, optOut } from './apply-inbound-event.ts';

/**
 * Whether an event may be applied together with others of its batch (applyPersonMessages): a person's message on a
 * chat channel, without bytes to store. Email (threading, attachments), echoes and every other kind go one by one.
 */
export function appliesInBatch(channel: Channel, ev: InboundEvent): ev is InboundMessageEvent {
  return (
    ev.type === 'message' &&
    !ev.echo &&
    channel !== 'email' &&
    !!ev.providerMessageId &&
    ev.attachments.every((a) => !a.content)
  );
}

/**
 * applyInboundEvent for a run of people's messages (appliesInBatch), with the same outcome as applying them one by one
 * in order, in a few statements for the whole run: contacts resolved together (hub/contacts), messages recorded
 * together (hub/inbox), then each one's opt-out keyword.
 */
export async function applyPersonMessages(
  tx: DbOrTx,
  items: { ctx: ApplyContext; ev: InboundMessageEvent }[],
  effects: Effects,
): Promise<void> {
  if (items.length === 0) return;
  const resolved = await resolveContacts(
    tx,
    items.map(({ ctx, ev }) => contactInput(ctx, ev.person)),
  );
  items.forEach(({ ctx, ev }, i) => {
    const r = resolved[i]!;
    if (r.created) ctx.createdContacts.push({ contactId: r.contactId, externalId: ev.person.externalId });
  });
  await recordPersonMessages(
    tx,
    items[0]!.ctx.deps,
    items.map(({ ctx, ev }, i) =>
      messageInput(
        ctx,
        ev,
        resolved[i]!.contactId,
        ev.attachments.map(({ content: _, ...rest }) => rest),
        undefined,
      ),
    ),
    effects,
  );
  for (const [i, { ctx, ev }] of items.entries()) await optOut(tx, ctx, ev, resolved[i]!.contactId);
}
