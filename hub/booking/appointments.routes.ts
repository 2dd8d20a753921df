import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { authorize } from '../auth/authorize.ts';
import { actorOf } from '../platform/actor.ts';
import type { AppDeps, AppEnv } from '../platform/context.ts';
import { cookieAuth, errorResponses, json } from '../platform/openapi.ts';
import { findByBookingCode, loadAppointment } from './appointment-view.ts';
import { bookForCaller } from './book-for-caller.ts';
import {
  AppointmentSchema,
  CancelSchema,
  PageSchema,
  RescheduleSchema,
  StaffAppointmentDetailSchema,
  StaffAppointmentSchema,
  StaffBookSchema,
  StaffListQuerySchema,
} from './booking.schemas.ts';
import { normaliseBookingCode } from './booking-code.ts';
import { appointmentNotFound } from './booking-errors.ts';
import { cancelAppointment } from './cancel-appointment.ts';
import { listAppointments } from './list-appointments.ts';
import { markVisit } from './mark-visit.ts';
import { bookingPolicy } from './policy.ts';
import { bookingQrSvg } from './qr.ts';
import { rescheduleAppointment } from './reschedule-appointment.ts';
import { loadStaffAppointment } from './staff-appointment-view.ts';

const tags = ['Lịch hẹn (nhân viên)'];
const apptId = { params: z.object({ id: z.uuid({ message: 'Mã lịch hẹn không hợp lệ' }) }) };

const listRoute = createRoute({
  method: 'get',
  path: '/',
  tags,
  summary: 'Tìm lịch hẹn (lọc theo ngày, cơ sở, khoa, bác sĩ, trạng thái; mã đặt lịch, SĐT, tên)',
  security: cookieAuth,
  request: { query: StaffListQuerySchema },
  responses: {
    200: { description: 'Lịch hẹn', ...json(PageSchema(StaffAppointmentSchema)) },
    ...errorResponses(400, 401, 403),
  },
});
const bookRoute = createRoute({
  method: 'post',
  path: '/',
  tags,
  summary: 'Đặt lịch cho khách gọi tổng đài (xác nhận ngay, cùng quy tắc); hồ sơ có sẵn hoặc hồ sơ mới',
  description:
    'Với `newProfile`, khách hàng (theo `contactId` hoặc số `callerPhone`) và hồ sơ được tạo trong cùng giao dịch ' +
    'với lịch hẹn: nếu không đặt được (hết chỗ, dữ liệu sai) thì không có gì được tạo.',
  security: cookieAuth,
  request: { body: { ...json(StaffBookSchema), required: true } },
  responses: {
    201: { description: 'Đã đặt lịch', ...json(AppointmentSchema) },
    ...errorResponses(400, 401, 403, 404, 409),
  },
});
const byCodeRoute = createRoute({
  method: 'get',
  path: '/by-code/{code}',
  tags,
  summary: 'Tra lịch hẹn theo mã đặt lịch (quét QR tại quầy/kiosk)',
  security: cookieAuth,
  request: { params: z.object({ code: z.string().max(20) }) },
  responses: {
    200: { description: 'Lịch hẹn', ...json(StaffAppointmentDetailSchema) },
    ...errorResponses(400, 401, 403, 404),
  },
});
const detailRoute = createRoute({
  method: 'get',
  path: '/{id}',
  tags,
  summary: 'Chi tiết lịch hẹn với tiến trình và mã QR',
  security: cookieAuth,
  request: apptId,
  responses: {
    200: { description: 'Lịch hẹn', ...json(StaffAppointmentDetailSchema) },
    ...errorResponses(400, 401, 403, 404),
  },
});
const qrRoute = createRoute({
  method: 'get',
  path: '/{id}/qr.svg',
  tags,
  summary: 'Mã QR của lịch hẹn (SVG)',
  security: cookieAuth,
  request: apptId,
  responses: {
    200: { description: 'Mã QR', content: { 'image/svg+xml': { schema: z.string() } } },
    ...errorResponses(400, 401, 403, 404),
  },
});
const cancelRoute = createRoute({
  method: 'post',
  path: '/{id}/cancel',
  tags,
  summary: 'Huỷ lịch hẹn (theo chính sách)',
  security: cookieAuth,
  request: { ...apptId, body: { ...json(CancelSchema), required: false } },
  responses: { 200: { description: 'Đã huỷ', ...json(AppointmentSchema) }, ...errorResponses(400, 401, 403, 404, 409) },
});
const rescheduleRoute = createRoute({
  method: 'post',
  path: '/{id}/reschedule',
  tags,
  summary: 'Đổi lịch hẹn sang khung giờ khác (theo chính sách)',
  security: cookieAuth,
  request: { ...apptId, body: { ...json(RescheduleSchema), required: true } },
  responses: {
    200: { description: 'Đã đổi lịch', ...json(AppointmentSchema) },
    ...errorResponses(400, 401, 403, 404, 409),
  },
});
// Generic over the path, and one handler per step below (not a shared helper typed by one route): otherwise the typed
// clients see a single step path and lose the others.
const stepRoute = <P extends string>(path: P, summary: string) =>
  createRoute({
    method: 'post',
    path,
    tags,
    summary,
    security: cookieAuth,
    request: apptId,
    responses: {
      200: { description: 'Đã cập nhật', ...json(AppointmentSchema) },
      ...errorResponses(400, 401, 403, 404, 409),
    },
  });
const checkInRoute = stepRoute('/{id}/check-in', 'Tiếp đón (check-in) bệnh nhân');
const completeRoute = stepRoute('/{id}/complete', 'Hoàn tất lượt khám');
const noShowRoute = stepRoute('/{id}/no-show', 'Đánh dấu bệnh nhân vắng mặt');

/** Staff side of booking: reading needs booking.read, every change booking.write (agents, supervisors, admins). */
export function appointmentsRoutes(deps: AppDeps) {
  const policy = bookingPolicy(deps.config);
  const app = new OpenAPIHono<AppEnv>();
  app.on('GET', '*', authorize(deps, 'booking.read'));
  app.on(['POST', 'PUT', 'PATCH', 'DELETE'], '*', authorize(deps, 'booking.write'));
  const staffId = (c: { get(k: 'staff'): AppEnv['Variables']['staff'] }) => c.get('staff')!.id;
  const detail = (id: string) => loadStaffAppointment(deps.db, policy, id);

  return app
    .openapi(listRoute, async (c) => c.json(await listAppointments(deps, c.req.valid('query')), 200))
    .openapi(bookRoute, async (c) => c.json(await bookForCaller(deps, c.req.valid('json'), actorOf(c)), 201))
    .openapi(byCodeRoute, async (c) => {
      const code = normaliseBookingCode(c.req.valid('param').code);
      const found = code ? await findByBookingCode(deps.db, policy, code) : undefined;
      if (!found) throw appointmentNotFound();
      return c.json(await detail(found.id), 200);
    })
    .openapi(detailRoute, async (c) => c.json(await detail(c.req.valid('param').id), 200))
    .openapi(qrRoute, async (c) => {
      const appt = await loadAppointment(deps.db, policy, c.req.valid('param').id);
      if (!appt) throw appointmentNotFound();
      return c.body(await bookingQrSvg(appt.bookingCode), 200, { 'content-type': 'image/svg+xml; charset=utf-8' });
    })
    .openapi(cancelRoute, async (c) => {
      const reason = (c.req.valid('json') as { reason?: string | null } | undefined)?.reason ?? null;
      const actor = { kind: 'staff', staffId: staffId(c) } as const;
      return c.json(await cancelAppointment(deps, c.req.valid('param').id, { staff: true }, actor, reason), 200);
    })
    .openapi(rescheduleRoute, async (c) => {
      const actor = { kind: 'staff', staffId: staffId(c) } as const;
      return c.json(
        await rescheduleAppointment(deps, c.req.valid('param').id, c.req.valid('json').slotId, { staff: true }, actor),
        200,
      );
    })
    .openapi(checkInRoute, async (c) =>
      c.json(await markVisit(deps, c.req.valid('param').id, 'check_in', staffId(c)), 200),
    )
    .openapi(completeRoute, async (c) =>
      c.json(await markVisit(deps, c.req.valid('param').id, 'complete', staffId(c)), 200),
    )
    .openapi(noShowRoute, async (c) =>
      c.json(await markVisit(deps, c.req.valid('param').id, 'no_show', staffId(c)), 200),
    );
}
