import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { authorize } from '../auth/authorize.ts';
import { clientIp } from '../auth/request-meta.ts';
import type { AppDeps, AppEnv } from '../platform/context.ts';
import { cookieAuth, errorResponses, json } from '../platform/openapi.ts';
import { createStaff, listStaff, updateStaff } from './manage-staff.ts';
import { resetStaffPassword } from './reset-staff-password.ts';
import { CreateStaffSchema, ResetPasswordSchema, StaffSchema, UpdateStaffSchema } from './staff.schemas.ts';

const listRoute = createRoute({
  method: 'get',
  path: '/',
  tags: ['Nhân viên'],
  summary: 'Danh sách nhân viên',
  security: cookieAuth,
  responses: {
    200: { description: 'Nhân viên', ...json(z.object({ items: z.array(StaffSchema) })) },
    ...errorResponses(401, 403),
  },
});

const createStaffRoute = createRoute({
  method: 'post',
  path: '/',
  tags: ['Nhân viên'],
  summary: 'Tạo tài khoản nhân viên',
  security: cookieAuth,
  request: { body: { ...json(CreateStaffSchema), required: true } },
  responses: { 201: { description: 'Đã tạo', ...json(StaffSchema) }, ...errorResponses(400, 401, 403, 409) },
});

const updateStaffRoute = createRoute({
  method: 'patch',
  path: '/{id}',
  tags: ['Nhân viên'],
  summary: 'Đổi vai trò, khoá/mở tài khoản',
  security: cookieAuth,
  request: { params: z.object({ id: z.uuid() }), body: { ...json(UpdateStaffSchema), required: true } },
  responses: {
    200: { description: 'Đã cập nhật', ...json(StaffSchema) },
    ...errorResponses(400, 401, 403, 404, 409),
  },
});

const resetPasswordRoute = createRoute({
  method: 'post',
  path: '/{id}/password',
  tags: ['Nhân viên'],
  summary: 'Đặt lại mật khẩu cho nhân viên khác',
  description:
    'Đặt mật khẩu mới do quản trị viên chọn; mọi phiên của người đó bị đăng xuất. Không dùng cho chính mình (dùng POST /api/auth/password).',
  security: cookieAuth,
  request: { params: z.object({ id: z.uuid() }), body: { ...json(ResetPasswordSchema), required: true } },
  responses: {
    200: { description: 'Đã đặt lại', ...json(z.object({ revokedSessions: z.number().int() })) },
    ...errorResponses(400, 401, 403, 404, 409),
  },
});

export function staffRoutes(deps: AppDeps) {
  const app = new OpenAPIHono<AppEnv>();
  app.use('*', authorize(deps, 'staff.manage'));
  const actor = (c: Context<AppEnv>) => ({
    staffId: c.get('staff')!.id,
    requestId: c.get('requestId'),
    ip: clientIp(c),
  });
  return app
    .openapi(listRoute, async (c) => c.json({ items: await listStaff(deps) }, 200))
    .openapi(createStaffRoute, async (c) => c.json(await createStaff(deps, c.req.valid('json'), actor(c)), 201))
    .openapi(updateStaffRoute, async (c) =>
      c.json(await updateStaff(deps, c.req.valid('param').id, c.req.valid('json'), actor(c)), 200),
    )
    .openapi(resetPasswordRoute, async (c) =>
      c.json(await resetStaffPassword(deps, c.req.valid('param').id, c.req.valid('json').password, actor(c)), 200),
    );
}
