import { z } from '@hono/zod-openapi';
import { normalizeVnPhone } from '../../adapters/shared/phone.ts';
import {
  channel,
  consentPurpose,
  consentStatus,
  contactNoteKind,
  identityChannel,
  patientRelationship,
  sex,
} from '../../db/schema/index.ts';
import { PageQuery } from '../platform/cursor.ts';

const nfc = (max: number, min = 1, message = 'Không được để trống') =>
  z
    .string()
    .trim()
    .min(min, message)
    .max(max, `Tối đa ${max} ký tự`)
    .transform((s) => s.normalize('NFC'));

export const PhoneInput = z
  .string()
  .max(30)
  .transform((v, ctx) => {
    const p = normalizeVnPhone(v);
    if (!p) {
      ctx.addIssue({ code: 'custom', message: 'Số điện thoại không hợp lệ (ví dụ 0912 345 678)' });
      return z.NEVER;
    }
    return p;
  })
  .openapi({ example: '0912345678', description: 'chuẩn hoá về 84xxxxxxxxx' });

export const EmailInput = z
  .email({ message: 'Email không hợp lệ' })
  .max(254)
  .transform((v) => v.toLowerCase());

export const TagsInput = z
  .array(nfc(40))
  .max(30, 'Tối đa 30 nhãn')
  .transform((tags) => [...new Set(tags)]);

export const ChannelSchema = z.enum(channel.enumValues).openapi('Channel');
export const IdentityChannelSchema = z.enum(identityChannel.enumValues).openapi('IdentityChannel');

export const ContactSummarySchema = z
  .object({
    id: z.uuid(),
    fullName: z.string(),
    displayName: z.string().nullable(),
    phone: z.string().nullable(),
    email: z.string().nullable(),
    tags: z.array(z.string()),
    firstChannel: ChannelSchema.nullable(),
    ownerStaffId: z.uuid().nullable(),
    lastInteractionAt: z.string().nullable(),
    createdAt: z.string(),
    mergedIntoId: z.uuid().nullable(),
  })
  .openapi('ContactSummary');

/** A row of the contacts list: the summary, the channels the person can be reached on, a pending merge suggestion. */
export const ContactListItemSchema = ContactSummarySchema.extend({
  channels: z.array(IdentityChannelSchema),
  hasMergeSuggestion: z.boolean(),
}).openapi('ContactListItem');

const flag = z
  .enum(['true', 'false'])
  .optional()
  .transform((v) => v === 'true');

export const ContactListQuerySchema = z.object({
  q: z
    .string()
    .max(100)
    .optional()
    .openapi({ description: 'tên, số điện thoại (0…, 84…, +84…), email, hoặc mã Zalo/Messenger' }),
  tag: z.string().max(40).optional(),
  channel: IdentityChannelSchema.optional().openapi({ description: 'có định danh trên kênh này' }),
  hasSuggestion: flag.openapi({ description: 'chỉ các liên hệ đang có gợi ý gộp' }),
  includeMerged: flag,
  ...PageQuery,
});

export const ContactTagsSchema = z
  .object({ items: z.array(z.object({ tag: z.string(), count: z.number().int() })) })
  .openapi('ContactTags');

export const ContactNoteSchema = z
  .object({
    id: z.uuid(),
    kind: z.enum(contactNoteKind.enumValues),
    body: z.string(),
    authorStaffId: z.uuid().nullable(),
    authorName: z.string().nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi('ContactNote');

export const ContactDetailSchema = ContactSummarySchema.extend({
  avatarUrl: z.string().nullable(),
  notes: z.string().nullable().openapi({ description: 'ghi chú chung (một đoạn văn bản)' }),
  identities: z.array(
    z.object({
      id: z.uuid(),
      channel: IdentityChannelSchema,
      externalId: z.string(),
      source: z.string().nullable(),
      verifiedAt: z.string().nullable(),
      createdAt: z.string(),
    }),
  ),
  patients: z.array(
    z.object({
      id: z.uuid(),
      relationship: z.enum(patientRelationship.enumValues),
      fullName: z.string(),
      birthDate: z.string().nullable(),
      sex: z.enum(sex.enumValues),
      phone: z.string().nullable(),
      hisMrn: z.string().nullable(),
    }),
  ),
  consents: z.array(
    z.object({
      channel: ChannelSchema,
      purpose: z.enum(consentPurpose.enumValues),
      status: z.enum(consentStatus.enumValues),
      source: z.string(),
      decidedAt: z.string(),
    }),
  ),
  recentNotes: z.array(ContactNoteSchema),
  conversations: z.array(
    z.object({
      id: z.uuid(),
      channel: ChannelSchema,
      kind: z.string(),
      status: z.string(),
      assigneeStaffId: z.uuid().nullable(),
      lastMessageAt: z.string().nullable(),
      createdAt: z.string(),
    }),
  ),
  mergedFrom: z.array(z.object({ sourceContactId: z.uuid(), mergedAt: z.string() })),
}).openapi('ContactDetail');

export const CreateContactSchema = z
  .object({
    fullName: nfc(120, 2, 'Họ tên quá ngắn'),
    phone: PhoneInput.optional(),
    email: EmailInput.optional(),
    tags: TagsInput.optional(),
    notes: nfc(5000).optional(),
  })
  .refine((v) => v.phone || v.email, 'Cần số điện thoại hoặc email')
  .openapi('CreateContact');

export const UpdateContactSchema = z
  .object({
    fullName: nfc(120, 2, 'Họ tên quá ngắn').optional(),
    phone: PhoneInput.nullable().optional(),
    email: EmailInput.nullable().optional(),
    tags: TagsInput.optional(),
    notes: z
      .string()
      .max(5000)
      .transform((s) => s.normalize('NFC'))
      .nullable()
      .optional(),
    ownerStaffId: z.uuid().nullable().optional(),
  })
  .refine((v) => Object.keys(v).length > 0, 'Không có thay đổi nào')
  .openapi('UpdateContact');

export const NoteInputSchema = z
  .object({ kind: z.enum(contactNoteKind.enumValues).default('general'), body: nfc(5000) })
  .openapi('ContactNoteInput');

export const TimelineItemSchema = z
  .object({
    kind: z.enum(['message', 'conversation', 'note', 'consent', 'appointment', 'notification', 'merge']),
    id: z.string(),
    at: z.string(),
    conversationId: z.uuid().nullable(),
    channel: z.string().nullable(),
    direction: z.string().nullable(),
    summary: z.string().nullable().openapi({ description: 'đoạn đầu nội dung, mã đặt lịch, mục đích…' }),
    state: z.string().nullable(),
    staffId: z.uuid().nullable(),
  })
  .openapi('TimelineItem');

export const MergeSuggestionSchema = z
  .object({
    contacts: z.array(ContactSummarySchema).length(2),
    reasons: z.array(z.enum(['phone', 'email', 'zalo_app_user_id'])),
  })
  .openapi('MergeSuggestion');

export const pageOf = <T extends z.ZodType>(item: T, name: string) =>
  z.object({ items: z.array(item), nextCursor: z.string().nullable() }).openapi(name);
