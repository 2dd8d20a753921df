import { z } from '@hono/zod-openapi';

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Ngày phải có dạng YYYY-MM-DD');

/** Every field optional, all combined with AND (hub/campaigns/segment-filter.ts compiles it to SQL). */
export const SegmentFilterSchema = z
  .object({
    lastVisitFrom: day.optional(),
    lastVisitTo: day.optional(),
    packageIds: z.array(z.uuid()).max(100).optional(),
    departmentIds: z.array(z.uuid()).max(100).optional(),
    branchIds: z.array(z.uuid()).max(100).optional(),
    ageMin: z.number().int().min(0).max(130).optional(),
    ageMax: z.number().int().min(0).max(130).optional(),
    sex: z.enum(['male', 'female']).optional(),
    tags: z.array(z.string().trim().min(1).max(50)).max(50).optional(),
    reExamDue: z.boolean().optional(),
    noShowMin: z.number().int().min(1).max(100).optional(),
    consentChannel: z.enum(['zns', 'sms', 'email', 'zalo_oa']).optional(),
  })
  .strict()
  .refine((f) => f.ageMin === undefined || f.ageMax === undefined || f.ageMin <= f.ageMax, {
    message: 'Tuổi từ phải nhỏ hơn hoặc bằng tuổi đến',
    path: ['ageMin'],
  })
  .refine((f) => !f.lastVisitFrom || !f.lastVisitTo || f.lastVisitFrom <= f.lastVisitTo, {
    message: 'Ngày khám gần nhất: ngày bắt đầu phải trước ngày kết thúc',
    path: ['lastVisitFrom'],
  })
  .openapi('SegmentFilter');
export type SegmentFilter = z.infer<typeof SegmentFilterSchema>;

export const SegmentSchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    description: z.string().nullable(),
    filter: SegmentFilterSchema,
    lastCount: z.number().int().nullable(),
    lastCountedAt: z.string().nullable(),
    createdAt: z.string(),
  })
  .openapi('Segment');

export const SegmentInputSchema = z.object({
  name: z.string().trim().min(1, 'Cần đặt tên nhóm khách').max(200),
  description: z.string().trim().max(1000).optional(),
  filter: SegmentFilterSchema,
});
export const SegmentPatchSchema = z.object({
  name: z.string().trim().min(1, 'Cần đặt tên nhóm khách').max(200).optional(),
  description: z.string().trim().max(1000).optional(),
  filter: SegmentFilterSchema.optional(),
});

const consentCounts = z.object({ zns: z.number(), sms: z.number(), email: z.number(), zalo_oa: z.number() });

export const SegmentPreviewSchema = z
  .object({
    count: z.number().int(),
    withConsent: consentCounts,
    sample: z.array(z.object({ contactId: z.uuid(), displayName: z.string(), phoneMasked: z.string().nullable() })),
  })
  .openapi('SegmentPreview');

export const CampaignTemplateSchema = z.object({
  key: z.string(),
  name: z.string(),
  channel: z.literal('zns'),
  znsTemplateId: z.string(),
  priceVnd: z.number(),
  variables: z.array(z.string()),
});

export const ProgressSchema = z
  .object({
    total: z.number().int(),
    pending: z.number().int(),
    queued: z.number().int(),
    sent: z.number().int(),
    delivered: z.number().int(),
    read: z.number().int(),
    failed: z.number().int(),
    skipped: z.number().int(),
    clicked: z.number().int(),
    booked: z.number().int(),
  })
  .openapi('CampaignProgress');
export type Progress = z.infer<typeof ProgressSchema>;

export const campaignStatuses = ['draft', 'scheduled', 'running', 'paused', 'completed', 'cancelled'] as const;

export const CampaignSchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    description: z.string().nullable(),
    segmentId: z.uuid(),
    segmentName: z.string(),
    templateKey: z.string(),
    params: z.record(z.string(), z.union([z.string(), z.number()])),
    smsFallbackText: z.string().nullable(),
    targetUrl: z.string(),
    status: z.enum(campaignStatuses),
    scheduledAt: z.string().nullable(),
    throttlePerMinute: z.number().int(),
    attributionDays: z.number().int(),
    totalRecipients: z.number().int().nullable(),
    startedAt: z.string().nullable(),
    completedAt: z.string().nullable(),
    createdAt: z.string(),
    progress: ProgressSchema,
  })
  .openapi('Campaign');
export type CampaignDto = z.infer<typeof CampaignSchema>;

/** The marketer's words: headline (ZNS "offer"), message (SMS, e-mail) and the link the tracked link leads to. */
export const CampaignParamsSchema = z.object({
  headline: z.string().trim().min(1, 'Cần nhập tiêu đề ưu đãi').max(65),
  message: z.string().trim().min(1).max(300).optional(),
  link: z.url('Đường dẫn phải là địa chỉ web đầy đủ (https://…)'),
});

export const CampaignInputSchema = z.object({
  name: z.string().trim().min(1, 'Cần đặt tên chiến dịch').max(200),
  description: z.string().trim().max(1000).optional(),
  segmentId: z.uuid(),
  templateKey: z.string().min(1),
  params: CampaignParamsSchema,
  smsFallbackText: z.string().trim().min(1).max(300).optional(),
  /** 0: no campaign throttle (the provider accounts' own rates still apply) */
  throttlePerMinute: z.number().int().min(0).max(100_000).optional(),
  attributionDays: z.number().int().min(1).max(90).optional(),
});
/** `smsFallbackText: null` turns the SMS fallback off. */
export const CampaignPatchSchema = CampaignInputSchema.partial().extend({
  smsFallbackText: z.string().trim().min(1).max(300).nullable().optional(),
});

export const CampaignQuerySchema = z.object({
  status: z.enum(campaignStatuses).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});

export const LaunchSchema = z.object({ scheduledAt: z.iso.datetime({ offset: true }).optional() });

export const PlanSchema = z
  .object({
    audience: z.number().int(),
    withConsent: z.number().int(),
    costVnd: z.object({ zns: z.number(), sms: z.number(), total: z.number() }),
    znsDailyQuota: z.number().int(),
    quotaShare: z.number(),
    days: z.number().int(),
    perDay: z.array(z.object({ date: z.string(), count: z.number().int() })),
  })
  .openapi('CampaignPlan');

export const ReportSchema = z
  .object({
    progress: ProgressSchema,
    failuresByCode: z.array(z.object({ code: z.string(), count: z.number().int() })),
    costVnd: z.number(),
    bookedWithinDays: z.number().int(),
    series: z.array(
      z.object({ hour: z.string(), sent: z.number(), delivered: z.number(), read: z.number(), clicked: z.number() }),
    ),
    conversionRate: z.number(),
  })
  .openapi('CampaignReport');
