import type { Conversation, ConversationDetail, Message, MessagingWindow } from './inbox-types.ts';

/** Test data shaped by the hub's own response types, so a change there breaks these tests at compile time. */
export function conversation(id: string, over: Partial<Conversation> = {}): Conversation {
  return {
    id,
    contact: {
      id: `c-${id}`,
      fullName: 'Nguyễn Thị Thu Hương',
      displayName: null,
      phone: '84912345678',
      avatarUrl: null,
    },
    channel: 'zalo_oa',
    inboxKey: null,
    kind: 'inquiry',
    status: 'open',
    priority: 'normal',
    subject: null,
    assigneeStaffId: null,
    assigneeName: null,
    teamId: null,
    labels: [],
    snoozedUntil: null,
    lastMessageAt: '2026-03-02T01:05:00.000Z',
    lastInboundAt: '2026-03-02T01:05:00.000Z',
    lastMessagePreview: 'Tôi muốn đặt lịch khám',
    unreadCount: 0,
    waitingSince: null,
    firstResponseDueAt: null,
    firstRespondedAt: null,
    resolutionDueAt: null,
    firstResponseBreachedAt: null,
    resolutionBreachedAt: null,
    windowExpiresAt: null,
    resolvedAt: null,
    createdAt: '2026-03-02T01:00:00.000Z',
    ...over,
  };
}

export const freeZaloWindow: MessagingWindow = {
  canReply: true,
  canReplyFree: true,
  until: '2026-03-04T01:05:00.000Z',
  reason: 'zalo_free_window',
  message: 'Còn 8 tin trả lời miễn phí trong 48 giờ',
  freeRepliesLeft: 8,
};

export function detail(id: string, window: MessagingWindow = freeZaloWindow, over: Partial<Conversation> = {}) {
  return { ...conversation(id, over), window } satisfies ConversationDetail;
}

export function message(id: string, over: Partial<Message> = {}): Message {
  return {
    id,
    conversationId: 'conv-1',
    direction: 'in',
    authorKind: 'contact',
    authorStaffId: null,
    authorName: null,
    channel: 'zalo_oa',
    contentType: 'text',
    body: 'Xin chào',
    attachments: [],
    deliveryState: null,
    failureCode: null,
    failureReason: null,
    sentAt: null,
    deliveredAt: null,
    readAt: null,
    createdAt: '2026-03-02T01:05:00.000Z',
    subject: null,
    messagingTag: null,
    echo: false,
    mentions: [],
    ...over,
  };
}
