import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { authorize } from '../auth/authorize.ts';
import { clientIp } from '../auth/request-meta.ts';
import type { AppDeps, AppEnv } from '../platform/context.ts';
import { cookieAuth, errorResponses, json } from '../platform/openapi.ts';
import { addDayOff, listDaysOff, removeDayOff } from './manage-days-off.ts';
import { createSchedule, endSchedule, listSchedules } from './manage-schedules.ts';
import {
  CreateDayOffSchema,
  CreateScheduleSchema,
  DayOffChangeSchema,
  DayOffQuerySchema,
  DayOffSchema,
  ScheduleChangeSchema,
  ScheduleQuerySchema,
  ScheduleSchema,
} from './schedules.schemas.ts';

const tags = ['Lịch làm việc'];
const idParam = z.object({ id: z.uuid({ error: 'Mã không hợp lệ' }) });

const listSchedulesRoute = createRoute({
  method: 'get',
  path: '/schedules',
  tags,
  summary: 'Lịch làm việc hằng tuần và các buổi riêng từ hôm nay',
  security: cookieAuth,
  request: { query: ScheduleQuerySchema },
  responses: {
    200: { description: 'Lịch làm việc', ...json(z.object({ items: z.array(ScheduleSchema) })) },
    ...errorResponses(400, 401, 403),
  },
});
const createScheduleRoute = createRoute({
  method: 'post',
  path: '/schedules',
  tags,
  summary: 'Thêm lịch hằng tuần hoặc một buổi làm việc; mở khung giờ ngay',
  security: cookieAuth,
  request: { body: { ...json(CreateScheduleSchema), required: true } },
  responses: {
    201: { description: 'Đã thêm', ...json(ScheduleChangeSchema) },
    ...errorResponses(400, 401, 403),
  },
});
const endScheduleRoute = createRoute({
  method: 'post',
  path: '/schedules/{id}/end',
  tags,
  summary: 'Ngừng một lịch: đóng khung giờ còn trống, liệt kê lịch hẹn bị ảnh hưởng',
  security: cookieAuth,
  request: { params: idParam },
  responses: {
    200: { description: 'Đã ngừng', ...json(ScheduleChangeSchema) },
    ...errorResponses(401, 403, 404),
  },
});
const listDaysOffRoute = createRoute({
  method: 'get',
  path: '/days-off',
  tags,
  summary: 'Ngày nghỉ (lễ, Tết, đóng cửa, bác sĩ nghỉ) trong khoảng ngày',
  security: cookieAuth,
  request: { query: DayOffQuerySchema },
  responses: {
    200: { description: 'Ngày nghỉ', ...json(z.object({ items: z.array(DayOffSchema) })) },
    ...errorResponses(400, 401, 403),
  },
});
const addDayOffRoute = createRoute({
  method: 'post',
  path: '/days-off',
  tags,
  summary: 'Đánh dấu ngày nghỉ; liệt kê lịch hẹn cần liên hệ dời',
  security: cookieAuth,
  request: { body: { ...json(CreateDayOffSchema), required: true } },
  responses: {
    201: { description: 'Đã thêm', ...json(DayOffChangeSchema) },
    ...errorResponses(400, 401, 403, 409),
  },
});
const removeDayOffRoute = createRoute({
  method: 'delete',
  path: '/days-off/{id}',
  tags,
  summary: 'Bỏ ngày nghỉ: mở lại khung giờ của ngày đó',
  security: cookieAuth,
  request: { params: idParam },
  responses: {
    200: { description: 'Đã bỏ', ...json(DayOffChangeSchema) },
    ...errorResponses(401, 403, 404),
  },
});

/** Doctors' working hours and days off (admins and supervisors). */
export function schedulesRoutes(deps: AppDeps) {
  const app = new OpenAPIHono<AppEnv>();
  app.use('*', authorize(deps, 'schedules.manage'));
  const actor = (c: Context<AppEnv>) => ({
    staffId: c.get('staff')!.id,
    requestId: c.get('requestId'),
    ip: clientIp(c),
  });
  return app
    .openapi(listSchedulesRoute, async (c) => c.json({ items: await listSchedules(deps, c.req.valid('query')) }, 200))
    .openapi(createScheduleRoute, async (c) => c.json(await createSchedule(deps, c.req.valid('json'), actor(c)), 201))
    .openapi(endScheduleRoute, async (c) => c.json(await endSchedule(deps, c.req.valid('param').id, actor(c)), 200))
    .openapi(listDaysOffRoute, async (c) => c.json({ items: await listDaysOff(deps, c.req.valid('query')) }, 200))
    .openapi(addDayOffRoute, async (c) => c.json(await addDayOff(deps, c.req.valid('json'), actor(c)), 201))
    .openapi(removeDayOffRoute, async (c) => c.json(await removeDayOff(deps, c.req.valid('param').id, actor(c)), 200));
}
