import { randomUUID } from 'node:crypto';
import { and, desc, eq, sql } from 'drizzle-orm';
import { conversations, type MessageMeta, messages } from '../../db/schema/index.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { channelAdapters, channelLabel } from '../channels/channel-registry.ts';
import type { Actor } from '../platform/actor.ts';
import type { AppDeps } from '../platform/context.ts';
import { ConflictError, NotFoundError } from '../platform/errors.ts';
import { publishEvent } from '../platform/outbox.ts';
import { messageDto, windowDto, windowOf } from './conversation-dto.ts';
import type { Effects } from './effects.ts';

export const replyTopic = 'inbox.reply.requested';

/**
 * An agent's reply: checked against the channel's messaging window (a reply the provider would refuse is stopped
 * here with the reason), stored as queued, and handed to the outbound queue through the outbox in the same
 * transaction. The worker sends it and records the provider's answer on the message.
 */
export async function sendReply(
  deps: AppDeps,
  conversationId: string,
  input: { body: string },
  actor: Actor & { fullName: string },
  effects: Effects,
) {
  return deps.db.transaction(async (tx) => {
    const [conv] = await tx.select().from(conversations).where(eq(conversations.id, conversationId)).for('update');
    if (!conv) throw new NotFoundError('Không tìm thấy hội thoại', 'conversation_not_found');
    const window = await windowOf(tx, conv, deps.config);
    if (!window.canReply) {
      throw new ConflictError(`reply_${window.reason}`, window.message, { window: windowDto(window) });
    }
    if (!channelAdapters(deps).forChannel(conv.channel)) {
      throw new ConflictError(
        'channel_not_configured',
        `Kênh ${channelLabel[conv.channel]} chưa được cấu hình trên hệ thống nên chưa gửi được tin`,
      );
    }
    const [lastIn] = await tx
      .select({ meta: messages.meta })
      .from(messages)
      .where(and(eq(messages.conversationId, conv.id), eq(messages.direction, 'in')))
      .orderBy(desc(messages.createdAt))
      .limit(1);
    const to = lastIn?.meta.email?.from ?? lastIn?.meta.externalId;
    if (!to) {
      throw new ConflictError('no_recipient', 'Không xác định được người nhận trên kênh này');
    }
    const meta: MessageMeta = { externalId: to };
    if (window.messagingTag) meta.messagingTag = window.messagingTag;
    if (conv.channel === 'email') {
      const original = lastIn?.meta.email;
      const domain = deps.config.EMAIL_INBOX_ADDRESS?.split('@')[1] ?? 'medicrm.local';
      const subject = conv.subject ?? original?.subject ?? 'Phản hồi từ phòng khám';
      meta.email = {
        subject: /^re:/i.test(subject) ? subject : `Re: ${subject}`,
        messageId: `${randomUUID()}@${domain}`,
        ...(original?.messageId ? { inReplyTo: original.messageId } : {}),
        references: [...(original?.references ?? []), ...(original?.messageId ? [original.messageId] : [])].slice(-20),
      };
    }
    const now = new Date();
    const [msg] = await tx
      .insert(messages)
      .values({
        conversationId: conv.id,
        direction: 'out',
        authorKind: 'agent',
        authorStaffId: actor.staffId,
        channel: conv.channel,
        contentType: 'text',
        body: input.body,
        deliveryState: 'queued',
        meta,
      })
      .returning();
    await tx
      .update(conversations)
      .set({
        lastMessageAt: now,
        unreadCount: 0,
        firstRespondedAt: sql`coalesce(${conversations.firstRespondedAt}, now())`,
        // an agent answering an unassigned conversation takes it
        ...(conv.assigneeStaffId ? {} : { assigneeStaffId: actor.staffId, assignedAt: now, waitingSince: null }),
      })
      .where(eq(conversations.id, conv.id));
    if (!conv.assigneeStaffId) {
      await recordAudit(tx, {
        action: 'inbox.conversation.assign',
        actorStaffId: actor.staffId,
        subjectType: 'conversation',
        subjectId: conv.id,
        requestId: actor.requestId,
        ip: actor.ip,
        detail: { assigneeStaffId: actor.staffId, previousAssigneeStaffId: null, teamId: conv.teamId, mode: 'reply' },
      });
    }
    await publishEvent(tx, {
      topic: replyTopic,
      aggregateType: 'message',
      aggregateId: msg!.id,
      payload: { messageId: msg!.id, conversationId: conv.id },
    });
    effects.events.push(
      { type: 'message.created', conversationId: conv.id, messageId: msg!.id, direction: 'out' },
      {
        type: 'conversation.updated',
        conversationId: conv.id,
        status: conv.status,
        assigneeStaffId: conv.assigneeStaffId ?? actor.staffId,
        teamId: conv.teamId,
      },
    );
    if (!conv.assigneeStaffId) {
      effects.events.push({
        type: 'assignment.changed',
        conversationId: conv.id,
        assigneeStaffId: actor.staffId,
        previousAssigneeStaffId: null,
        teamId: conv.teamId,
      });
    }
    return messageDto(msg!, actor.fullName);
  });
}
