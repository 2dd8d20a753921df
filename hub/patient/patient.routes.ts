import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { clientIp } from '../auth/request-meta.ts';
import {
  AppointmentDetailSchema,
  AppointmentSchema,
  bookingPolicy,
  bookingQrSvg,
  CancelSchema,
  cancelAppointment,
  confirmHold,
  HoldSchema,
  holdSlot,
  listMyAppointments,
  loadAppointment,
  loadTimeline,
  PageSchema,
  RescheduleSchema,
  rescheduleAppointment,
} from '../booking/index.ts';
import { requirePatient } from '../patient-auth/require-patient.ts';
import { startPatientSession } from '../patient-auth/start-session.ts';
import { verifyPhone } from '../patient-auth/verify-phone.ts';
import type { AppDeps, AppEnv } from '../platform/context.ts';
import { NotFoundError } from '../platform/errors.ts';
import { miniAppCors } from '../platform/miniapp-cors.ts';
import { errorResponses, json } from '../platform/openapi.ts';
import { rateLimitByIp } from '../platform/rate-limit.ts';
import { loadMe } from './load-me.ts';
import { createProfile, deleteProfile, getProfile, updateProfile } from './manage-profiles.ts';
import {
  CreateProfileSchema,
  MeSchema,
  MyAppointmentsQuerySchema,
  NotificationSchema,
  NotificationsQuerySchema,
  PermissionSchema,
  PhoneRequestSchema,
  PhoneResultSchema,
  ProfileSchema,
  RecordPermissionSchema,
  SessionRequestSchema,
  SessionSchema,
  UpdateProfileSchema,
} from './patient.schemas.ts';
import { listInbox, markAllRead, markRead } from './patient-inbox.ts';
import { recordPermission } from './record-permission.ts';

const body = <T extends z.ZodType>(schema: T) => ({ body: { ...json(schema), required: true } });
const security = [{ patientToken: [] }];
const idParam = (message: string) => ({ params: z.object({ id: z.uuid({ message }) }) });
const apptId = idParam('Mã lịch hẹn không hợp lệ');
const profileId = idParam('Mã hồ sơ không hợp lệ');

const sessionRoute = createRoute({
  method: 'post',
  path: '/session',
  tags: ['Bệnh nhân: đăng nhập'],
  summary: 'Đăng nhập Mini App bằng mã truy cập Zalo, nhận token của hệ thống',
  request: body(SessionRequestSchema),
  responses: { 200: { description: 'Đã đăng nhập', ...json(SessionSchema) }, ...errorResponses(400, 401, 429) },
});
const meRoute = createRoute({
  method: 'get',
  path: '/me',
  tags: ['Bệnh nhân: tài khoản'],
  summary: 'Tài khoản của tôi: liên hệ, hồ sơ gia đình, quyền đã cấp',
  security,
  responses: { 200: { description: 'Tài khoản', ...json(MeSchema) }, ...errorResponses(401) },
});
const phoneRoute = createRoute({
  method: 'post',
  path: '/phone',
  tags: ['Bệnh nhân: đăng nhập'],
  summary: 'Xác minh số điện thoại qua Zalo (đổi mã getPhoneNumber phía máy chủ)',
  security,
  request: body(PhoneRequestSchema),
  responses: { 200: { description: 'Đã xác minh', ...json(PhoneResultSchema) }, ...errorResponses(400, 401, 429) },
});
const profilesRoute = createRoute({
  method: 'get',
  path: '/profiles',
  tags: ['Bệnh nhân: hồ sơ'],
  summary: 'Hồ sơ gia đình của tôi',
  security,
  responses: {
    200: { description: 'Hồ sơ', ...json(z.object({ items: z.array(ProfileSchema) })) },
    ...errorResponses(401),
  },
});
const createProfileRoute = createRoute({
  method: 'post',
  path: '/profiles',
  tags: ['Bệnh nhân: hồ sơ'],
  summary: 'Thêm hồ sơ (bản thân, cha mẹ, con…)',
  security,
  request: body(CreateProfileSchema),
  responses: { 201: { description: 'Đã thêm', ...json(ProfileSchema) }, ...errorResponses(400, 401, 409) },
});
const getProfileRoute = createRoute({
  method: 'get',
  path: '/profiles/{id}',
  tags: ['Bệnh nhân: hồ sơ'],
  summary: 'Một hồ sơ của tôi',
  security,
  request: profileId,
  responses: { 200: { description: 'Hồ sơ', ...json(ProfileSchema) }, ...errorResponses(400, 401, 404) },
});
const updateProfileRoute = createRoute({
  method: 'patch',
  path: '/profiles/{id}',
  tags: ['Bệnh nhân: hồ sơ'],
  summary: 'Sửa hồ sơ',
  security,
  request: { ...profileId, ...body(UpdateProfileSchema) },
  responses: { 200: { description: 'Đã sửa', ...json(ProfileSchema) }, ...errorResponses(400, 401, 404, 409) },
});
const deleteProfileRoute = createRoute({
  method: 'delete',
  path: '/profiles/{id}',
  tags: ['Bệnh nhân: hồ sơ'],
  summary: 'Xoá hồ sơ chưa có lịch khám',
  security,
  request: profileId,
  responses: { 204: { description: 'Đã xoá' }, ...errorResponses(400, 401, 404, 409) },
});
const permissionsRoute = createRoute({
  method: 'get',
  path: '/permissions',
  tags: ['Bệnh nhân: tài khoản'],
  summary: 'Các quyền đã cấp trong Mini App (thông tin, số điện thoại, thông báo)',
  security,
  responses: {
    200: { description: 'Quyền', ...json(z.object({ items: z.array(PermissionSchema) })) },
    ...errorResponses(401),
  },
});
const recordPermissionRoute = createRoute({
  method: 'post',
  path: '/permissions',
  tags: ['Bệnh nhân: tài khoản'],
  summary: 'Ghi nhận đồng ý/từ chối cấp quyền (kèm lý do đã hiển thị, thời điểm)',
  security,
  request: body(RecordPermissionSchema),
  responses: {
    200: { description: 'Đã ghi nhận', ...json(z.object({ items: z.array(PermissionSchema) })) },
    ...errorResponses(400, 401),
  },
});
const myAppointmentsRoute = createRoute({
  method: 'get',
  path: '/appointments',
  tags: ['Bệnh nhân: lịch hẹn'],
  summary: 'Lịch hẹn của tôi và gia đình',
  security,
  request: { query: MyAppointmentsQuerySchema },
  responses: { 200: { description: 'Lịch hẹn', ...json(PageSchema(AppointmentSchema)) }, ...errorResponses(400, 401) },
});
const holdRoute = createRoute({
  method: 'post',
  path: '/appointments',
  tags: ['Bệnh nhân: lịch hẹn'],
  summary: 'Giữ chỗ một khung giờ (5 phút) trước khi xác nhận',
  security,
  request: body(HoldSchema),
  responses: {
    201: { description: 'Đang giữ chỗ', ...json(AppointmentSchema) },
    ...errorResponses(400, 401, 404, 409),
  },
});
const appointmentRoute = createRoute({
  method: 'get',
  path: '/appointments/{id}',
  tags: ['Bệnh nhân: lịch hẹn'],
  summary: 'Chi tiết lịch hẹn: mã đặt lịch, mã QR, tiến trình',
  security,
  request: apptId,
  responses: { 200: { description: 'Lịch hẹn', ...json(AppointmentDetailSchema) }, ...errorResponses(400, 401, 404) },
});
const qrRoute = createRoute({
  method: 'get',
  path: '/appointments/{id}/qr.svg',
  tags: ['Bệnh nhân: lịch hẹn'],
  summary: 'Mã QR của lịch hẹn (SVG) để quét tại quầy/kiosk',
  security,
  request: apptId,
  responses: {
    200: { description: 'Mã QR', content: { 'image/svg+xml': { schema: z.string() } } },
    ...errorResponses(400, 401, 404),
  },
});
const confirmRoute = createRoute({
  method: 'post',
  path: '/appointments/{id}/confirm',
  tags: ['Bệnh nhân: lịch hẹn'],
  summary: 'Xác nhận lịch đang giữ chỗ',
  security,
  request: apptId,
  responses: { 200: { description: 'Đã xác nhận', ...json(AppointmentSchema) }, ...errorResponses(400, 401, 404, 409) },
});
const cancelRoute = createRoute({
  method: 'post',
  path: '/appointments/{id}/cancel',
  tags: ['Bệnh nhân: lịch hẹn'],
  summary: 'Huỷ lịch (trước giờ khám theo chính sách)',
  security,
  request: { ...apptId, body: { ...json(CancelSchema), required: false } },
  responses: { 200: { description: 'Đã huỷ', ...json(AppointmentSchema) }, ...errorResponses(400, 401, 404, 409) },
});
const rescheduleRoute = createRoute({
  method: 'post',
  path: '/appointments/{id}/reschedule',
  tags: ['Bệnh nhân: lịch hẹn'],
  summary: 'Đổi sang khung giờ khác (trước giờ khám theo chính sách)',
  security,
  request: { ...apptId, ...body(RescheduleSchema) },
  responses: { 200: { description: 'Đã đổi lịch', ...json(AppointmentSchema) }, ...errorResponses(400, 401, 404, 409) },
});
const inboxRoute = createRoute({
  method: 'get',
  path: '/notifications',
  tags: ['Bệnh nhân: thông báo'],
  summary: 'Hộp thư thông báo (kèm số chưa đọc)',
  security,
  request: { query: NotificationsQuerySchema },
  responses: {
    200: { description: 'Thông báo', ...json(PageSchema(NotificationSchema).extend({ unread: z.number().int() })) },
    ...errorResponses(400, 401),
  },
});
const readRoute = createRoute({
  method: 'post',
  path: '/notifications/{id}/read',
  tags: ['Bệnh nhân: thông báo'],
  summary: 'Đánh dấu đã đọc',
  security,
  request: idParam('Mã thông báo không hợp lệ'),
  responses: { 200: { description: 'Đã đọc', ...json(NotificationSchema) }, ...errorResponses(400, 401, 404) },
});
const readAllRoute = createRoute({
  method: 'post',
  path: '/notifications/read-all',
  tags: ['Bệnh nhân: thông báo'],
  summary: 'Đánh dấu tất cả đã đọc',
  security,
  responses: {
    200: { description: 'Đã đọc', ...json(z.object({ marked: z.number().int() })) },
    ...errorResponses(401),
  },
});

/**
 * The Mini App's API. Sign-in is open; everything else needs the hub token, and reaches only what belongs to the
 * profiles of the token's contact: anything else answers 404 exactly as if it did not exist.
 */
export function patientRoutes(deps: AppDeps) {
  const policy = bookingPolicy(deps.config);
  const app = new OpenAPIHono<AppEnv>();
  app.use('*', miniAppCors(deps.config));
  app.openAPIRegistry.registerComponent('securitySchemes', 'patientToken', {
    type: 'http',
    scheme: 'bearer',
    description: 'Token của bệnh nhân do POST /api/patient/session cấp (hết hạn sau PATIENT_TOKEN_TTL_MINUTES)',
  });
  const meta = (c: Context<AppEnv>) => ({
    requestId: c.get('requestId'),
    ip: clientIp(c),
  });
  const contactOf = (c: { get(k: 'patient'): AppEnv['Variables']['patient'] }) => c.get('patient')!.contactId;

  // each sign-in costs two calls to Zalo's Graph API: a client cannot spend the app's quota for everyone
  app.use(
    '/session',
    rateLimitByIp(deps, {
      name: 'patient-session',
      limit: deps.config.PATIENT_SESSION_RATE_PER_MINUTE,
      windowSeconds: 60,
      message: 'Bạn đăng nhập quá nhiều lần, vui lòng thử lại sau ít phút',
    }),
  );
  const routes = app.openapi(sessionRoute, async (c) =>
    c.json(await startPatientSession(deps, c.req.valid('json'), meta(c)), 200),
  );
  // registered after the sign-in route, so it guards everything below and not the sign-in itself
  app.use('*', requirePatient(deps));
  return routes
    .openapi(meRoute, async (c) => c.json(await loadMe(deps.db, contactOf(c)), 200))
    .openapi(phoneRoute, async (c) =>
      c.json(await verifyPhone(deps, c.get('patient')!, c.req.valid('json'), meta(c)), 200),
    )
    .openapi(profilesRoute, async (c) => c.json({ items: (await loadMe(deps.db, contactOf(c))).profiles }, 200))
    .openapi(createProfileRoute, async (c) => c.json(await createProfile(deps, contactOf(c), c.req.valid('json')), 201))
    .openapi(getProfileRoute, async (c) => c.json(await getProfile(deps, contactOf(c), c.req.valid('param').id), 200))
    .openapi(updateProfileRoute, async (c) =>
      c.json(await updateProfile(deps, contactOf(c), c.req.valid('param').id, c.req.valid('json')), 200),
    )
    .openapi(deleteProfileRoute, async (c) => {
      await deleteProfile(deps, contactOf(c), c.req.valid('param').id);
      return c.body(null, 204);
    })
    .openapi(permissionsRoute, async (c) => c.json({ items: (await loadMe(deps.db, contactOf(c))).permissions }, 200))
    .openapi(recordPermissionRoute, async (c) =>
      c.json(await recordPermission(deps, contactOf(c), c.req.valid('json'), meta(c)), 200),
    )
    .openapi(myAppointmentsRoute, async (c) =>
      c.json(await listMyAppointments(deps, contactOf(c), c.req.valid('query')), 200),
    )
    .openapi(holdRoute, async (c) => c.json(await holdSlot(deps, contactOf(c), c.req.valid('json')), 201))
    .openapi(appointmentRoute, async (c) => {
      const appt = await loadAppointment(deps.db, policy, c.req.valid('param').id, contactOf(c));
      if (!appt) throw new NotFoundError('Không tìm thấy lịch hẹn', 'appointment_not_found');
      return c.json(
        { ...appt, timeline: await loadTimeline(deps.db, appt.id), qrSvg: await bookingQrSvg(appt.bookingCode) },
        200,
      );
    })
    .openapi(qrRoute, async (c) => {
      const appt = await loadAppointment(deps.db, policy, c.req.valid('param').id, contactOf(c));
      if (!appt) throw new NotFoundError('Không tìm thấy lịch hẹn', 'appointment_not_found');
      return c.body(await bookingQrSvg(appt.bookingCode), 200, {
        'content-type': 'image/svg+xml; charset=utf-8',
        'cache-control': 'private, max-age=300',
      });
    })
    .openapi(confirmRoute, async (c) => c.json(await confirmHold(deps, contactOf(c), c.req.valid('param').id), 200))
    .openapi(cancelRoute, async (c) => {
      const contactId = contactOf(c);
      // the body is optional: without one there is nothing to validate and no reason given
      const reason = (c.req.valid('json') as { reason?: string | null } | undefined)?.reason ?? null;
      return c.json(
        await cancelAppointment(
          deps,
          c.req.valid('param').id,
          { ownerContactId: contactId },
          { kind: 'patient', contactId },
          reason,
        ),
        200,
      );
    })
    .openapi(rescheduleRoute, async (c) => {
      const contactId = contactOf(c);
      return c.json(
        await rescheduleAppointment(
          deps,
          c.req.valid('param').id,
          c.req.valid('json').slotId,
          { ownerContactId: contactId },
          { kind: 'patient', contactId },
        ),
        200,
      );
    })
    .openapi(inboxRoute, async (c) => c.json(await listInbox(deps, contactOf(c), c.req.valid('query')), 200))
    .openapi(readAllRoute, async (c) => c.json(await markAllRead(deps, contactOf(c)), 200))
    .openapi(readRoute, async (c) => c.json(await markRead(deps, contactOf(c), c.req.valid('param').id), 200));
}
