import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { authorize } from '../auth/authorize.ts';
import { rolePermissions } from '../auth/permissions.ts';
import { clientIp } from '../auth/request-meta.ts';
import type { AppDeps, AppEnv } from '../platform/context.ts';
import { cookieAuth, errorResponses, json } from '../platform/openapi.ts';
import { createFollowUp } from './create-follow-up.ts';
import type { StaffActor } from './follow-up-actor.ts';
import {
  AssignFollowUpSchema,
  CloseFollowUpSchema,
  CreateFollowUpRuleSchema,
  CreateFollowUpSchema,
  FollowUpQuerySchema,
  FollowUpRuleSchema,
  FollowUpSchema,
} from './follow-ups.schemas.ts';
import { listFollowUps } from './list-follow-ups.ts';
import { createFollowUpRule, disableFollowUpRule, listFollowUpRules } from './manage-rules.ts';
import { assignFollowUp, closeFollowUp } from './update-follow-up.ts';

const tags = ['Chăm sóc sau khám'];
const idParam = { params: z.object({ id: z.uuid({ error: 'Mã không hợp lệ' }) }) };
const body = <T extends z.ZodType>(schema: T) => ({ body: { ...json(schema), required: true } });

const routes = {
  list: createRoute({
    method: 'get',
    path: '/',
    tags,
    summary: 'Việc chăm sóc theo hạn (quá hạn trước), lọc theo trạng thái và người phụ trách',
    security: cookieAuth,
    request: { query: FollowUpQuerySchema },
    responses: {
      200: {
        description: 'Việc chăm sóc',
        ...json(z.object({ today: z.string(), items: z.array(FollowUpSchema), nextCursor: z.string().nullable() })),
      },
      ...errorResponses(400, 401, 403),
    },
  }),
  create: createRoute({
    method: 'post',
    path: '/',
    tags,
    summary: 'Tạo việc chăm sóc (thường từ ghi chú tái tiếp thị của khách hàng)',
    security: cookieAuth,
    request: body(CreateFollowUpSchema),
    responses: {
      201: { description: 'Đã tạo', ...json(FollowUpSchema) },
      ...errorResponses(400, 401, 403, 404),
    },
  }),
  assign: createRoute({
    method: 'post',
    path: '/{id}/assign',
    tags,
    summary: 'Giao việc (tự nhận việc, hoặc giám sát giao cho người khác)',
    security: cookieAuth,
    request: { ...idParam, ...body(AssignFollowUpSchema) },
    responses: {
      200: { description: 'Đã giao', ...json(FollowUpSchema) },
      ...errorResponses(400, 401, 403, 404, 409),
    },
  }),
  complete: createRoute({
    method: 'post',
    path: '/{id}/complete',
    tags,
    summary: 'Đánh dấu đã xong, kèm kết quả cuộc gọi',
    security: cookieAuth,
    request: { ...idParam, ...body(CloseFollowUpSchema) },
    responses: {
      200: { description: 'Đã xong', ...json(FollowUpSchema) },
      ...errorResponses(400, 401, 403, 404, 409),
    },
  }),
  cancel: createRoute({
    method: 'post',
    path: '/{id}/cancel',
    tags,
    summary: 'Huỷ việc không còn cần làm',
    security: cookieAuth,
    request: { ...idParam, ...body(CloseFollowUpSchema) },
    responses: {
      200: { description: 'Đã huỷ', ...json(FollowUpSchema) },
      ...errorResponses(400, 401, 403, 404, 409),
    },
  }),
  rules: createRoute({
    method: 'get',
    path: '/rules',
    tags,
    summary: 'Quy tắc tạo việc sau khi hoàn tất khám (theo gói khám hoặc chuyên khoa)',
    security: cookieAuth,
    responses: {
      200: { description: 'Quy tắc', ...json(z.object({ items: z.array(FollowUpRuleSchema) })) },
      ...errorResponses(401, 403),
    },
  }),
  createRule: createRoute({
    method: 'post',
    path: '/rules',
    tags,
    summary: 'Thêm quy tắc, ví dụ gọi hỏi thăm 3 ngày sau thủ thuật',
    security: cookieAuth,
    request: body(CreateFollowUpRuleSchema),
    responses: {
      201: { description: 'Đã thêm', ...json(FollowUpRuleSchema) },
      ...errorResponses(400, 401, 403, 404),
    },
  }),
  disableRule: createRoute({
    method: 'delete',
    path: '/rules/{id}',
    tags,
    summary: 'Tắt một quy tắc (việc đã tạo vẫn giữ nguyên)',
    security: cookieAuth,
    request: idParam,
    responses: { 204: { description: 'Đã tắt' }, ...errorResponses(401, 403, 404) },
  }),
};

/**
 * After-visit care tasks. Reading needs contacts.read; creating, taking and closing tasks contacts.write; giving
 * tasks to others and editing the rules inbox.assign (supervisors).
 */
export function followUpRoutes(deps: AppDeps) {
  const app = new OpenAPIHono<AppEnv>();
  app.use('*', authorize(deps, 'contacts.read'));
  app.on(['POST', 'DELETE'], '*', authorize(deps, 'contacts.write'));
  app.on(['POST', 'DELETE'], ['/rules', '/rules/*'], authorize(deps, 'inbox.assign'));
  const actor = (c: Context<AppEnv>): StaffActor => {
    const staff = c.get('staff')!;
    return {
      staffId: staff.id,
      permissions: rolePermissions[staff.role],
      ip: clientIp(c),
      requestId: c.get('requestId'),
    };
  };
  const tz = deps.config.CLINIC_TIMEZONE;

  return app
    .openapi(routes.rules, async (c) => c.json({ items: await listFollowUpRules(deps) }, 200))
    .openapi(routes.createRule, async (c) => c.json(await createFollowUpRule(deps, c.req.valid('json'), actor(c)), 201))
    .openapi(routes.disableRule, async (c) => {
      await disableFollowUpRule(deps, c.req.valid('param').id, actor(c));
      return c.body(null, 204);
    })
    .openapi(routes.list, async (c) =>
      c.json(await listFollowUps(deps.db, c.req.valid('query'), { staffId: c.get('staff')!.id, timeZone: tz }), 200),
    )
    .openapi(routes.create, async (c) => c.json(await createFollowUp(deps, c.req.valid('json'), actor(c)), 201))
    .openapi(routes.assign, async (c) =>
      c.json(await assignFollowUp(deps, c.req.valid('param').id, c.req.valid('json').staffId, actor(c)), 200),
    )
    .openapi(routes.complete, async (c) =>
      c.json(await closeFollowUp(deps, c.req.valid('param').id, 'done', c.req.valid('json').outcome, actor(c)), 200),
    )
    .openapi(routes.cancel, async (c) =>
      c.json(
        await closeFollowUp(deps, c.req.valid('param').id, 'cancelled', c.req.valid('json').outcome, actor(c)),
        200,
      ),
    );
}
