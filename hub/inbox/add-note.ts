import { and, eq, inArray } from 'drizzle-orm';
import { conversations, messageMentions, messages, staffUsers } from '../../db/schema/index.ts';
import type { Actor } from '../platform/actor.ts';
import type { AppDeps } from '../platform/context.ts';
import { NotFoundError, ValidationError } from '../platform/errors.ts';
import { messageDto } from './conversation-dto.ts';
import type { Effects } from './effects.ts';

/** A private note on the conversation, seen by staff only; the staff it mentions are told live. */
export async function addPrivateNote(
  deps: AppDeps,
  conversationId: string,
  input: { body: string; mentions: string[] },
  actor: Actor & { fullName: string },
  effects: Effects,
) {
  const mentions = [...new Set(input.mentions)];
  return deps.db.transaction(async (tx) => {
    const [conv] = await tx
      .select({ id: conversations.id, channel: conversations.channel })
      .from(conversations)
      .where(eq(conversations.id, conversationId));
    if (!conv) throw new NotFoundError('Không tìm thấy hội thoại', 'conversation_not_found');
    if (mentions.length) {
      const found = await tx
        .select({ id: staffUsers.id })
        .from(staffUsers)
        .where(and(inArray(staffUsers.id, mentions), eq(staffUsers.active, true)));
      if (found.length !== mentions.length) throw new ValidationError('Có người được nhắc tên không tồn tại');
    }
    const [msg] = await tx
      .insert(messages)
      .values({
        conversationId,
        direction: 'note',
        authorKind: 'agent',
        authorStaffId: actor.staffId,
        channel: conv.channel,
        contentType: 'note',
        body: input.body,
        meta: mentions.length ? { mentions } : {},
      })
      .returning();
    if (mentions.length) {
      await tx
        .insert(messageMentions)
        .values(mentions.map((staffId) => ({ messageId: msg!.id, staffId, conversationId })));
    }
    effects.events.push({ type: 'message.created', conversationId, messageId: msg!.id, direction: 'note' });
    for (const staffId of mentions) {
      effects.events.push({ type: 'mention', conversationId, messageId: msg!.id, staffId });
    }
    return messageDto(msg!, actor.fullName);
  });
}

/** Marks the signed-in person's mentions read (all, or those of one conversation). */
export async function markMentionsRead(deps: AppDeps, staffId: string, conversationId?: string) {
  await deps.db
    .update(messageMentions)
    .set({ readAt: new Date() })
    .where(
      and(
        eq(messageMentions.staffId, staffId),
        conversationId ? eq(messageMentions.conversationId, conversationId) : undefined,
      ),
    );
}
