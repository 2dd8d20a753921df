import { z } from '@hono/zod-openapi';
import {
  channel,
  conversationKind,
  conversationPriority,
  conversationStatus,
  deliveryState,
  messageAuthorKind,
  messageDirection,
} from '../../db/schema/index.ts';

const nfc = (max: number, min = 1) =>
  z
    .string()
    .trim()
    .min(min, 'Không được để trống')
    .max(max, `Tối đa ${max} ký tự`)
    .transform((s) => s.normalize('NFC'));

export const KindSchema = z.enum(conversationKind.enumValues).openapi('ConversationKind');
export const StatusSchema = z.enum(conversationStatus.enumValues).openapi('ConversationStatus');
export const PrioritySchema = z.enum(conversationPriority.enumValues).openapi('ConversationPriority');
const ChannelEnum = z.enum(channel.enumValues);

export const WindowSchema = z
  .object({
    canReply: z.boolean(),
    canReplyFree: z.boolean(),
    until: z.string().nullable(),
    reason: z.string().openapi({ example: 'zalo_free_window' }),
    message: z.string(),
    messagingTag: z.string().optional(),
    freeRepliesLeft: z.number().int().nullable(),
  })
  .openapi('MessagingWindow');

export const ConversationSchema = z
  .object({
    id: z.uuid(),
    contact: z.object({
      id: z.uuid(),
      fullName: z.string(),
      displayName: z.string().nullable(),
      phone: z.string().nullable(),
      avatarUrl: z.string().nullable(),
    }),
    channel: ChannelEnum,
    inboxKey: z.string().nullable(),
    kind: KindSchema,
    status: StatusSchema,
    priority: PrioritySchema,
    subject: z.string().nullable(),
    assigneeStaffId: z.uuid().nullable(),
    assigneeName: z.string().nullable(),
    teamId: z.uuid().nullable(),
    labels: z.array(z.string()),
    snoozedUntil: z.string().nullable(),
    lastMessageAt: z.string().nullable(),
    lastInboundAt: z.string().nullable(),
    lastMessagePreview: z.string().nullable(),
    unreadCount: z.number().int(),
    waitingSince: z.string().nullable(),
    firstResponseDueAt: z.string().nullable(),
    firstRespondedAt: z.string().nullable(),
    resolutionDueAt: z.string().nullable(),
    firstResponseBreachedAt: z.string().nullable(),
    resolutionBreachedAt: z.string().nullable(),
    windowExpiresAt: z.string().nullable(),
    resolvedAt: z.string().nullable(),
    createdAt: z.string(),
  })
  .openapi('Conversation');

export const ConversationDetailSchema = ConversationSchema.extend({ window: WindowSchema }).openapi(
  'ConversationDetail',
);

export const AttachmentSchema = z
  .object({
    kind: z.string(),
    url: z.string(),
    name: z.string().optional(),
    mimeType: z.string().optional(),
    sizeBytes: z.number().optional(),
    thumbnailUrl: z.string().optional(),
    latitude: z.number().optional(),
    longitude: z.number().optional(),
  })
  .openapi('MessageAttachment');

export const MessageSchema = z
  .object({
    id: z.uuid(),
    conversationId: z.uuid(),
    direction: z.enum(messageDirection.enumValues),
    authorKind: z.enum(messageAuthorKind.enumValues),
    authorStaffId: z.uuid().nullable(),
    authorName: z.string().nullable(),
    channel: ChannelEnum,
    contentType: z.string(),
    body: z.string().nullable(),
    attachments: z.array(AttachmentSchema),
    deliveryState: z.enum(deliveryState.enumValues).nullable(),
    failureCode: z.string().nullable(),
    failureReason: z.string().nullable(),
    sentAt: z.string().nullable(),
    deliveredAt: z.string().nullable(),
    readAt: z.string().nullable(),
    createdAt: z.string(),
    subject: z.string().nullable(),
    messagingTag: z.string().nullable(),
    echo: z.boolean().openapi({ description: 'gửi từ công cụ của nhà cung cấp, ngoài hệ thống' }),
    mentions: z.array(z.uuid()),
  })
  .openapi('Message');

export const ListConversationsQuery = z.object({
  assignee: z
    .union([z.enum(['me', 'unassigned', 'all']), z.uuid()])
    .default('all')
    .openapi({ description: 'me, unassigned, all, hoặc id nhân viên' }),
  status: z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (!v) return undefined;
      const list = v.split(',');
      if (!list.every((s) => (conversationStatus.enumValues as readonly string[]).includes(s))) {
        ctx.addIssue({ code: 'custom', message: 'Trạng thái không hợp lệ' });
        return z.NEVER;
      }
      return list as (typeof conversationStatus.enumValues)[number][];
    })
    .openapi({ description: 'một hoặc nhiều trạng thái, cách nhau bằng dấu phẩy', example: 'open,pending' }),
  channel: ChannelEnum.optional(),
  label: z.string().max(60).optional(),
  teamId: z.uuid().optional(),
  kind: KindSchema.optional(),
  contactId: z.uuid().optional(),
  unread: z
    .enum(['true', 'false'])
    .optional()
    .transform((v) => v === 'true'),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(30),
});

export const CountsSchema = z
  .object({
    mine: z.object({ open: z.number().int(), unread: z.number().int() }),
    unassigned: z.object({ open: z.number().int(), unread: z.number().int() }),
    all: z.object({ open: z.number().int(), unread: z.number().int() }),
    byStatus: z.record(z.string(), z.number().int()),
    byChannel: z.record(z.string(), z.object({ open: z.number().int(), unread: z.number().int() })),
    mentionsUnread: z.number().int(),
  })
  .openapi('InboxCounts');

export const ReplySchema = z
  .object({
    body: nfc(2000),
    /** the canned response it came from, for the record */
    cannedResponseId: z.uuid().optional(),
  })
  .openapi('Reply');

export const NoteSchema = z
  .object({
    body: nfc(5000),
    mentions: z.array(z.uuid()).max(20).default([]),
  })
  .openapi('PrivateNote');

export const UpdateConversationSchema = z
  .object({
    status: StatusSchema.optional(),
    snoozedUntil: z.iso.datetime({ offset: true }).optional(),
    priority: PrioritySchema.optional(),
    kind: KindSchema.optional(),
    labels: z
      .array(nfc(60))
      .max(20)
      .transform((l) => [...new Set(l)])
      .optional(),
    subject: nfc(200).nullable().optional(),
  })
  .refine((v) => Object.keys(v).length > 0, 'Không có thay đổi nào')
  .refine((v) => (v.status === 'snoozed') === (v.snoozedUntil !== undefined), {
    message: 'Tạm hoãn cần thời điểm mở lại (snoozedUntil), và chỉ khi trạng thái là snoozed',
  })
  .openapi('UpdateConversation');

export const AssignSchema = z
  .object({
    assigneeStaffId: z.uuid().nullable(),
    teamId: z.uuid().nullable().optional(),
  })
  .openapi('Assign');

export const CannedResponseSchema = z
  .object({
    id: z.uuid(),
    shortcut: z.string(),
    title: z.string(),
    body: z.string(),
    teamId: z.uuid().nullable(),
    variables: z.array(z.string()),
    updatedAt: z.string(),
  })
  .openapi('CannedResponse');

export const CannedResponseInputSchema = z
  .object({
    shortcut: z
      .string()
      .trim()
      .regex(/^[a-z0-9][a-z0-9_-]{0,39}$/, 'Lối tắt chỉ gồm chữ thường không dấu, số, - và _ (tối đa 40 ký tự)'),
    title: nfc(120),
    body: nfc(2000),
    teamId: z.uuid().nullable().optional(),
  })
  .openapi('CannedResponseInput');

export const LabelSchema = z
  .object({ id: z.uuid(), name: z.string(), color: z.string(), description: z.string().nullable() })
  .openapi('Label');

export const LabelInputSchema = z
  .object({
    name: nfc(60),
    color: z
      .string()
      .regex(/^#[0-9a-fA-F]{6}$/, 'Màu dạng #rrggbb')
      .default('#868e96'),
    description: nfc(200).nullable().optional(),
  })
  .openapi('LabelInput');

const HoursSchema = z.array(z.tuple([z.string(), z.string()])).max(4);
export const BusinessHoursSchema = z
  .object({
    weekly: z.object({
      '1': HoursSchema.optional(),
      '2': HoursSchema.optional(),
      '3': HoursSchema.optional(),
      '4': HoursSchema.optional(),
      '5': HoursSchema.optional(),
      '6': HoursSchema.optional(),
      '7': HoursSchema.optional(),
    }),
    skipDaysOff: z.boolean(),
  })
  .openapi('BusinessHours');

export const TeamPolicySchema = z
  .object({
    teamId: z.uuid(),
    teamName: z.string(),
    channels: z.array(ChannelEnum),
    autoAssign: z.boolean(),
    firstResponseMinutes: z.number().int(),
    resolutionMinutes: z.number().int(),
    businessHours: BusinessHoursSchema,
    members: z.array(z.object({ staffId: z.uuid(), fullName: z.string(), role: z.string() })),
  })
  .openapi('TeamPolicy');

export const TeamPolicyInputSchema = z
  .object({
    channels: z.array(ChannelEnum).max(10),
    autoAssign: z.boolean(),
    firstResponseMinutes: z
      .number()
      .int()
      .min(1)
      .max(60 * 24 * 14),
    resolutionMinutes: z
      .number()
      .int()
      .min(1)
      .max(60 * 24 * 60),
    businessHours: BusinessHoursSchema,
  })
  .openapi('TeamPolicyInput');

export const AgentSchema = z
  .object({
    staffId: z.uuid(),
    fullName: z.string(),
    role: z.string(),
    teamIds: z.array(z.uuid()),
    capacity: z.number().int(),
    activeConversations: z.number().int(),
    availability: z.enum(['auto', 'online', 'offline']),
    connected: z.boolean(),
    online: z.boolean(),
  })
  .openapi('InboxAgent');

export const HotlineCallSchema = z
  .object({
    callerPhone: z.string().max(30),
    callerName: nfc(120, 2).optional(),
    reason: KindSchema.default('inquiry').openapi({ description: 'lý do gọi: loại phiếu' }),
    notes: nfc(5000),
    priority: PrioritySchema.default('normal'),
    resolved: z.boolean().default(false).openapi({ description: 'đã giải quyết xong trong cuộc gọi' }),
  })
  .openapi('HotlineCall');

export const MentionSchema = z
  .object({
    messageId: z.uuid(),
    conversationId: z.uuid(),
    authorStaffId: z.uuid().nullable(),
    authorName: z.string().nullable(),
    excerpt: z.string().nullable(),
    createdAt: z.string(),
    readAt: z.string().nullable(),
  })
  .openapi('Mention');

export const pageOf = <T extends z.ZodType>(item: T, name: string) =>
  z.object({ items: z.array(item), nextCursor: z.string().nullable() }).openapi(name);
