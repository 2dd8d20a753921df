import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { notificationTypes } from '../../templates/index.ts';
import { authorize } from '../auth/authorize.ts';
import { actorOf } from '../platform/actor.ts';
import type { AppDeps, AppEnv } from '../platform/context.ts';
import { cookieAuth, errorResponses, json } from '../platform/openapi.ts';
import { contactConsents, setContactConsent } from './contact-consents.ts';
import { notifyEngine } from './engine-registry.ts';
import { getNotification, listNotifications } from './list-notifications.ts';
import {
  ConsentInputSchema,
  ConsentsSchema,
  NotificationDetailSchema,
  NotificationPageSchema,
  NotificationQuerySchema,
  PreviewInputSchema,
  ReExamInputSchema,
  ReExamSchema,
  TemplatePreviewSchema,
} from './notify.schemas.ts';
import { listTemplates, previewTemplate } from './preview-template.ts';
import { replayNotification } from './replay-notification.ts';
import { scheduleReExam } from './schedule-re-exam.ts';

const tags = ['Thông báo'];
const IdParam = z.object({ id: z.uuid() });

const templatesRoute = createRoute({
  method: 'get',
  path: '/templates',
  tags,
  summary: 'Mẫu thông báo với bản xem trước từng kênh, số phần SMS và chi phí ước tính (VND)',
  security: cookieAuth,
  responses: {
    200: { description: 'Mẫu', ...json(z.object({ items: z.array(TemplatePreviewSchema) })) },
    ...errorResponses(401, 403),
  },
});

const previewRoute = createRoute({
  method: 'post',
  path: '/templates/{key}/preview',
  tags,
  summary: 'Xem trước một mẫu với giá trị biến tự nhập (không gửi gì)',
  security: cookieAuth,
  request: {
    params: z.object({ key: z.enum(notificationTypes) }),
    body: { ...json(PreviewInputSchema), required: true },
  },
  responses: {
    200: { description: 'Bản xem trước', ...json(TemplatePreviewSchema) },
    ...errorResponses(400, 401, 403, 404),
  },
});

const listRoute = createRoute({
  method: 'get',
  path: '/notifications',
  tags,
  summary: 'Thông báo đã tạo (lọc theo trạng thái, kênh, loại, liên hệ), mới nhất trước',
  security: cookieAuth,
  request: { query: NotificationQuerySchema },
  responses: { 200: { description: 'Thông báo', ...json(NotificationPageSchema) }, ...errorResponses(400, 401, 403) },
});

const detailRoute = createRoute({
  method: 'get',
  path: '/notifications/{id}',
  tags,
  summary: 'Một thông báo với mọi lần gửi và phản hồi của nhà cung cấp',
  security: cookieAuth,
  request: { params: IdParam },
  responses: { 200: { description: 'Thông báo', ...json(NotificationDetailSchema) }, ...errorResponses(401, 403, 404) },
});

const replayRoute = createRoute({
  method: 'post',
  path: '/notifications/{id}/replay',
  tags,
  summary: 'Gửi lại một thông báo đã thất bại, từ kênh đầu tiên (ghi nhật ký)',
  security: cookieAuth,
  request: { params: IdParam },
  responses: {
    200: { description: 'Đã xếp lịch gửi lại', ...json(NotificationDetailSchema) },
    ...errorResponses(401, 403, 404, 409),
  },
});

const consentsRoute = createRoute({
  method: 'get',
  path: '/contacts/{id}/consents',
  tags,
  summary: 'Đồng ý nhận tin của một liên hệ theo kênh và mục đích, kèm lịch sử',
  security: cookieAuth,
  request: { params: IdParam },
  responses: { 200: { description: 'Đồng ý', ...json(ConsentsSchema) }, ...errorResponses(401, 403, 404) },
});

const setConsentRoute = createRoute({
  method: 'put',
  path: '/contacts/{id}/consents',
  tags,
  summary: 'Ghi nhận khách đồng ý hoặc từ chối nhận tin trên một kênh (ghi nhật ký)',
  security: cookieAuth,
  request: { params: IdParam, body: { ...json(ConsentInputSchema), required: true } },
  responses: { 200: { description: 'Đã ghi nhận', ...json(ConsentsSchema) }, ...errorResponses(400, 401, 403, 404) },
});

const reExamRoute = createRoute({
  method: 'post',
  path: '/re-exams',
  tags,
  summary: 'Hẹn tái khám cho người bệnh: lên lịch nhắc trước ngày tái khám',
  security: cookieAuth,
  request: { body: { ...json(ReExamInputSchema), required: true } },
  responses: { 201: { description: 'Đã lên lịch nhắc', ...json(ReExamSchema) }, ...errorResponses(400, 401, 403, 404) },
});

/** Staff API of the notifications: templates and previews, the notification log with replay, consents, re-exams. */
export function notifyRoutes(deps: AppDeps) {
  const app = new OpenAPIHono<AppEnv>();
  const manage = authorize(deps, 'notifications.manage');
  const readContacts = authorize(deps, 'contacts.read');
  const writeContacts = authorize(deps, 'contacts.write');
  app.use('/templates', manage);
  app.use('/templates/*', manage);
  app.use('/notifications', manage);
  app.use('/notifications/*', manage);
  app.use('/contacts/:id/consents', async (c, next) =>
    c.req.method === 'GET' ? readContacts(c, next) : writeContacts(c, next),
  );
  app.use('/re-exams', authorize(deps, 'booking.write'));
  const engine = () => notifyEngine(deps);

  return app
    .openapi(templatesRoute, (c) => c.json(listTemplates(engine()), 200))
    .openapi(previewRoute, (c) => c.json(previewTemplate(engine(), c.req.valid('param').key, c.req.valid('json')), 200))
    .openapi(listRoute, async (c) => c.json(await listNotifications(deps, c.req.valid('query')), 200))
    .openapi(detailRoute, async (c) => c.json(await getNotification(deps, c.req.valid('param').id), 200))
    .openapi(replayRoute, async (c) => {
      const { id } = c.req.valid('param');
      await replayNotification(engine(), id, actorOf(c));
      return c.json(await getNotification(deps, id), 200);
    })
    .openapi(consentsRoute, async (c) => c.json(await contactConsents(deps, c.req.valid('param').id), 200))
    .openapi(setConsentRoute, async (c) =>
      c.json(await setContactConsent(deps, c.req.valid('param').id, c.req.valid('json'), actorOf(c)), 200),
    )
    .openapi(reExamRoute, async (c) => c.json(await scheduleReExam(engine(), c.req.valid('json'), actorOf(c)), 201));
}
