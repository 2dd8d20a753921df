import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { integrationMessages } from '../../db/schema/index.ts';
import { authorize } from '../auth/authorize.ts';
import { clientIp } from '../auth/request-meta.ts';
import type { AppDeps, AppEnv } from '../platform/context.ts';
import { NotFoundError } from '../platform/errors.ts';
import { cookieAuth, errorResponses, json } from '../platform/openapi.ts';
import {
  CountsSchema,
  MessageDetailSchema,
  MessageQuerySchema,
  MessageSummarySchema,
  ReplayResultSchema,
} from './integration.schemas.ts';
import { countMessages, getMessage, listMessages, listPeers } from './query-messages.ts';
import { replayMessage } from './replay-message.ts';

const tags = ['Tích hợp HL7'];
const iso = (d: Date | null) => d?.toISOString() ?? null;

type Summary = Pick<
  typeof integrationMessages.$inferSelect,
  | 'id'
  | 'peer'
  | 'direction'
  | 'messageType'
  | 'controlId'
  | 'status'
  | 'ackCode'
  | 'appAckCode'
  | 'attempts'
  | 'lastError'
  | 'patientId'
  | 'replacedById'
  | 'replayOfId'
  | 'createdAt'
  | 'ackedAt'
  | 'processedAt'
  | 'nextAttemptAt'
>;

const summary = (r: Summary, patientName: string | null) => ({
  ...r,
  patientName,
  parked: (r.status === 'nacked' && !r.replacedById) || r.status === 'failed',
  createdAt: r.createdAt.toISOString(),
  ackedAt: iso(r.ackedAt),
  processedAt: iso(r.processedAt),
  nextAttemptAt: iso(r.nextAttemptAt),
});

const listRoute = createRoute({
  method: 'get',
  path: '/messages',
  tags,
  summary: 'Mọi thông điệp HL7 gửi và nhận, mới nhất trước',
  security: cookieAuth,
  request: { query: MessageQuerySchema },
  responses: {
    200: {
      description: 'Một trang; `nextCursor` mở trang sau',
      ...json(z.object({ items: z.array(MessageSummarySchema), nextCursor: z.string().nullable() })),
    },
    ...errorResponses(400, 401, 403),
  },
});

const countsRoute = createRoute({
  method: 'get',
  path: '/counts',
  tags,
  summary: 'Số thông điệp theo trạng thái (cùng bộ lọc, trừ trạng thái)',
  security: cookieAuth,
  request: { query: MessageQuerySchema.omit({ status: true, parked: true, cursor: true, limit: true }) },
  responses: { 200: { description: 'Đếm', ...json(CountsSchema) }, ...errorResponses(400, 401, 403) },
});

const detailRoute = createRoute({
  method: 'get',
  path: '/messages/{id}',
  tags,
  summary: 'Một thông điệp với nội dung và ACK',
  security: cookieAuth,
  request: { params: z.object({ id: z.uuid() }) },
  responses: { 200: { description: 'Thông điệp', ...json(MessageDetailSchema) }, ...errorResponses(401, 403, 404) },
});

const replayRoute = createRoute({
  method: 'post',
  path: '/messages/{id}/replay',
  tags,
  summary: 'Gửi lại / xử lý lại một thông điệp bị giữ lại (ghi nhật ký)',
  security: cookieAuth,
  request: { params: z.object({ id: z.uuid() }) },
  responses: {
    200: { description: 'Đã đưa vào gửi lại hoặc đã xử lý lại', ...json(ReplayResultSchema) },
    ...errorResponses(401, 403, 404, 409),
  },
});

/** The integration monitor's API: reading needs integration.read, replaying integration.manage. */
export function integrationRoutes(deps: AppDeps) {
  const app = new OpenAPIHono<AppEnv>();
  app.use('*', authorize(deps, 'integration.read'));
  app.use('/messages/:id/replay', authorize(deps, 'integration.manage'));
  return app
    .openapi(listRoute, async (c) => {
      const res = await listMessages(deps, c.req.valid('query'));
      return c.json({ items: res.items.map((r) => summary(r, r.patientName)), nextCursor: res.nextCursor }, 200);
    })
    .openapi(countsRoute, async (c) => {
      const [counts, peers] = await Promise.all([countMessages(deps, c.req.valid('query')), listPeers(deps)]);
      return c.json({ ...counts, peers }, 200);
    })
    .openapi(detailRoute, async (c) => {
      const row = await getMessage(deps, c.req.valid('param').id);
      if (!row) throw new NotFoundError('Không tìm thấy thông điệp');
      const msg = row.message;
      return c.json(
        {
          ...summary(msg, row.patientName),
          payload: msg.payload,
          ackPayload: msg.ackPayload,
          appAckPayload: msg.appAckPayload,
          correlationType: msg.correlationType,
          correlationId: msg.correlationId,
          sentAt: iso(msg.sentAt),
        },
        200,
      );
    })
    .openapi(replayRoute, async (c) => {
      const staff = c.get('staff')!;
      const outcome = await replayMessage(deps, c.req.valid('param').id, {
        staffId: staff.id,
        ip: clientIp(c),
        requestId: c.get('requestId'),
      });
      return c.json(outcome, 200);
    });
}
