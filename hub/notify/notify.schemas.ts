import { z } from '@hono/zod-openapi';
import { consentPurpose, consentStatus, notificationState } from '../../db/schema/index.ts';
import { notificationTypes, templateChannels } from '../../templates/index.ts';

const Channel = z.enum(templateChannels);
const AnyChannel = z.enum(['zalo_oa', 'zns', 'messenger', 'sms', 'email', 'miniapp', 'web_form', 'hotline']);
const Purpose = z.enum(consentPurpose.enumValues);

export const ChannelPreviewSchema = z
  .object({
    channel: Channel,
    planPosition: z.number().int().nullable(),
    zns: z.object({ templateId: z.string(), templateData: z.record(z.string(), z.string()) }).optional(),
    sms: z
      .object({
        text: z.string(),
        unicode: z.boolean(),
        encoding: z.enum(['gsm7', 'ucs2']),
        units: z.number().int(),
        segments: z.number().int(),
        perSegment: z.number().int(),
        remaining: z.number().int(),
      })
      .optional(),
    email: z.object({ subject: z.string(), text: z.string(), html: z.string() }).optional(),
    text: z.object({ title: z.string().optional(), body: z.string(), link: z.string().optional() }).optional(),
    costVnd: z.number(),
  })
  .openapi('ChannelPreview');

export const TemplatePreviewSchema = z
  .object({
    key: z.enum(notificationTypes),
    name: z.string(),
    description: z.string(),
    purpose: Purpose,
    urgent: z.boolean(),
    plan: z.array(Channel),
    variables: z.array(z.object({ name: z.string(), example: z.string(), optional: z.boolean() })),
    previews: z.array(ChannelPreviewSchema),
  })
  .openapi('TemplatePreview');

export const PreviewInputSchema = z
  .object({
    variables: z.record(z.string(), z.string().max(1_000)).optional(),
    smsUnicode: z.boolean().optional(),
  })
  .openapi('PreviewInput');

export const NotificationSummarySchema = z
  .object({
    id: z.uuid(),
    contactId: z.uuid(),
    contactName: z.string(),
    type: z.string(),
    purpose: Purpose,
    state: z.enum(notificationState.enumValues),
    channelPlan: z.array(AnyChannel),
    planIndex: z.number().int(),
    deliveredVia: AnyChannel.nullable(),
    lastError: z.string().nullable(),
    sendAfter: z.string(),
    createdAt: z.string(),
    completedAt: z.string().nullable(),
    attemptCount: z.number().int(),
    costVnd: z.number(),
  })
  .openapi('NotificationSummary');

export const NotificationPageSchema = z
  .object({ items: z.array(NotificationSummarySchema), nextCursor: z.string().nullable() })
  .openapi('NotificationPage');

export const NotificationDetailSchema = NotificationSummarySchema.extend({
  params: z.record(z.string(), z.union([z.string(), z.number()])),
  idempotencyKey: z.string(),
  attempts: z.array(
    z.object({
      id: z.uuid(),
      channel: AnyChannel,
      provider: z.string().nullable(),
      attemptNo: z.number().int(),
      state: z.enum(['queued', 'sent', 'delivered', 'read', 'failed']),
      providerMessageId: z.string().nullable(),
      errorClass: z.string().nullable(),
      errorCode: z.string().nullable(),
      errorMessage: z.string().nullable(),
      costVnd: z.number().nullable(),
      createdAt: z.string(),
      sentAt: z.string().nullable(),
      deliveredAt: z.string().nullable(),
      readAt: z.string().nullable(),
      failedAt: z.string().nullable(),
    }),
  ),
}).openapi('NotificationDetail');

export const NotificationQuerySchema = z.object({
  state: z.enum(notificationState.enumValues).optional(),
  channel: Channel.optional(),
  type: z.enum(notificationTypes).optional(),
  contactId: z.uuid().optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(30),
});

const ConsentChannel = z.enum(['zns', 'sms', 'email', 'zalo_oa', 'miniapp', 'hotline']);

export const ConsentsSchema = z
  .object({
    current: z.array(
      z.object({
        channel: AnyChannel,
        purpose: Purpose,
        status: z.enum(consentStatus.enumValues),
        source: z.string(),
        decidedAt: z.string(),
      }),
    ),
    history: z.array(
      z.object({
        id: z.number().int(),
        channel: AnyChannel,
        purpose: Purpose,
        status: z.enum(consentStatus.enumValues),
        source: z.string(),
        at: z.string(),
        staffName: z.string().nullable(),
        note: z.string().nullable(),
      }),
    ),
  })
  .openapi('Consents');

export const ConsentInputSchema = z
  .object({
    channel: ConsentChannel,
    purpose: Purpose,
    status: z.enum(consentStatus.enumValues),
    note: z.string().trim().max(500).optional(),
  })
  .openapi('ConsentInput');

export const ReExamInputSchema = z
  .object({
    patientId: z.uuid(),
    dueDate: z.iso.date(),
    serviceName: z.string().trim().min(1).max(200).optional(),
  })
  .openapi('ReExamInput');

export const ReExamSchema = z.object({ remindAt: z.string(), alreadyPlanned: z.boolean() }).openapi('ReExamPlanned');
