import { z } from '@hono/zod-openapi';
import { integrationStatus } from '../../db/schema/index.ts';
import { PageQuery } from '../platform/cursor.ts';

export const MessageQuerySchema = z.object({
  direction: z.enum(['inbound', 'outbound']).optional(),
  type: z
    .string()
    .regex(/^[A-Z0-9]{3}(\^[A-Z0-9]{3})?$/, 'như SIU hoặc ORU^R01')
    .optional()
    .openapi({ description: 'Loại thông điệp: SIU (mọi sự kiện) hoặc SIU^S12' }),
  status: z.enum(integrationStatus.enumValues).optional(),
  peer: z.string().max(100).optional().openapi({ description: 'Hệ thống bên kia: "ứng dụng|cơ sở", vd. HIS|BV_DEMO' }),
  patientId: z.uuid().optional(),
  controlId: z.string().max(40).optional().openapi({ description: 'MSH-10' }),
  parked: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional()
    .openapi({ description: 'Chỉ thông điệp đang bị giữ lại do lỗi (chờ xử lý)' }),
  ...PageQuery,
});
export type MessageQuery = z.infer<typeof MessageQuerySchema>;

export const MessageSummarySchema = z
  .object({
    id: z.string(),
    peer: z.string(),
    direction: z.enum(['inbound', 'outbound']),
    messageType: z.string(),
    controlId: z.string(),
    status: z.enum(integrationStatus.enumValues),
    ackCode: z.string().nullable(),
    // optional: an addition clients written before it need not know
    appAckCode: z
      .string()
      .nullable()
      .optional()
      .openapi({ description: 'Chế độ xác nhận nâng cao: mã ACK ứng dụng (AA/AE/AR) khi MSH-16 yêu cầu' }),
    attempts: z.number().int(),
    lastError: z.string().nullable(),
    patientId: z.string().nullable(),
    patientName: z.string().nullable(),
    parked: z.boolean(),
    replacedById: z.string().nullable(),
    replayOfId: z.string().nullable(),
    createdAt: z.string(),
    ackedAt: z.string().nullable(),
    processedAt: z.string().nullable(),
    nextAttemptAt: z.string().nullable(),
  })
  .openapi('IntegrationMessageSummary');

export const MessageDetailSchema = MessageSummarySchema.extend({
  payload: z.string().openapi({ description: 'Thông điệp ER7 đúng như đã gửi/nhận (đoạn cách nhau bởi \\r)' }),
  ackPayload: z.string().nullable().openapi({ description: 'ACK đã trả trên kết nối (CA… hoặc AA/AE/AR)' }),
  appAckPayload: z
    .string()
    .nullable()
    .optional()
    .openapi({ description: 'ACK ứng dụng đã lập sau khi xử lý (chế độ nâng cao)' }),
  correlationType: z.string().nullable(),
  correlationId: z.string().nullable(),
  sentAt: z.string().nullable(),
}).openapi('IntegrationMessage');

export const CountsSchema = z
  .object({
    byStatus: z.record(z.string(), z.number().int()),
    parked: z.number().int(),
    peers: z.array(z.string()),
  })
  .openapi('IntegrationCounts');

export const ReplayResultSchema = z
  .object({ id: z.string(), status: z.string(), replayId: z.string().optional() })
  .openapi('IntegrationReplay');
