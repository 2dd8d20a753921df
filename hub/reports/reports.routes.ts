import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { authorize } from '../auth/authorize.ts';
import type { AppDeps, AppEnv } from '../platform/context.ts';
import { ValidationError } from '../platform/errors.ts';
import { cookieAuth, errorResponses } from '../platform/openapi.ts';
import { appointmentOutcomes, appointmentOutcomeTables } from './appointment-outcomes.ts';
import { bookingFunnel, bookingFunnelTables } from './booking-funnel.ts';
import { contactVolume, contactVolumeTables } from './contact-volume.ts';
import { type CsvTable, toCsv } from './csv.ts';
import { notificationDelivery, notificationDeliveryTables } from './notification-delivery.ts';
import { type ReportRange, reportRange } from './report-range.ts';
import {
  AppointmentOutcomesSchema,
  BookingFunnelSchema,
  ContactVolumeSchema,
  NotificationDeliverySchema,
  ReportQuerySchema,
  ResponseTimesSchema,
  ResultTurnaroundSchema,
} from './reports.schemas.ts';
import { responseTimes, responseTimeTables } from './response-times.ts';
import { resultTurnaround, resultTurnaroundTables } from './result-turnaround.ts';

const tags = ['Báo cáo'];
const csvContent = { 'text/csv': { schema: z.string().openapi({ description: 'CSV, UTF-8 có BOM' }) } };

const reportRoute = <P extends string, S extends z.ZodType>(path: P, summary: string, schema: S) =>
  createRoute({
    method: 'get',
    path,
    tags,
    summary,
    security: cookieAuth,
    request: { query: ReportQuerySchema },
    responses: {
      200: {
        description: 'Số liệu (JSON) hoặc một bảng CSV khi format=csv',
        content: { 'application/json': { schema }, ...csvContent },
      },
      ...errorResponses(400, 401, 403),
    },
  });

const routes = {
  contacts: reportRoute('/contacts', 'Khách hàng mới và hội thoại mới theo kênh, theo ngày', ContactVolumeSchema),
  funnel: reportRoute('/funnel', 'Phễu đặt lịch và chuyển đổi theo kênh nguồn', BookingFunnelSchema),
  appointments: reportRoute('/appointments', 'Tỉ lệ vắng mặt và huỷ lịch theo kênh đặt', AppointmentOutcomesSchema),
  responseTimes: reportRoute(
    '/response-times',
    'Thời gian phản hồi, xử lý và tỉ lệ đạt SLA theo nhân viên và nhóm',
    ResponseTimesSchema,
  ),
  notifications: reportRoute(
    '/notifications',
    'Tỉ lệ gửi đến và chi phí thông báo theo kênh',
    NotificationDeliverySchema,
  ),
  results: reportRoute('/results', 'Thời gian trả kết quả từ chỉ định đến khi trả', ResultTurnaroundSchema),
};

const rangeOut = (r: ReportRange, branchApplies: boolean) => ({
  from: r.from,
  to: r.to,
  branchId: r.branchId,
  branchApplies,
});

function csvResponse(
  c: Context<AppEnv>,
  report: string,
  tables: Record<string, CsvTable>,
  table: string | undefined,
  range: ReportRange,
) {
  const key = table ?? Object.keys(tables)[0]!;
  const picked = tables[key];
  if (!picked) throw new ValidationError(`Báo cáo không có bảng "${key}"`, { tables: Object.keys(tables) });
  const name = `bao-cao-${report}-${key}-${range.from}_${range.to}.csv`;
  return c.body(toCsv(picked), 200, {
    'content-type': 'text/csv; charset=utf-8',
    'content-disposition': `attachment; filename="${name}"`,
    'cache-control': 'no-store',
  });
}

/** Read-only figures for managers and marketing (reports.read): JSON for the dashboard, CSV for spreadsheets. */
export function reportsRoutes(deps: AppDeps) {
  const app = new OpenAPIHono<AppEnv>();
  app.use('*', authorize(deps, 'reports.read'));
  const range = (q: { from?: string; to?: string; branchId?: string }) => reportRange(q, deps.config.CLINIC_TIMEZONE);

  return app
    .openapi(routes.contacts, async (c) => {
      const q = c.req.valid('query');
      const r = range(q);
      const data = await contactVolume(deps.db, r);
      if (q.format === 'csv') return csvResponse(c, 'khach-hang-moi', contactVolumeTables(data), q.table, r);
      return c.json({ range: rangeOut(r, false), ...data }, 200);
    })
    .openapi(routes.funnel, async (c) => {
      const q = c.req.valid('query');
      const r = range(q);
      const data = await bookingFunnel(deps.db, r);
      if (q.format === 'csv') return csvResponse(c, 'pheu-dat-lich', bookingFunnelTables(data), q.table, r);
      return c.json({ range: rangeOut(r, true), ...data }, 200);
    })
    .openapi(routes.appointments, async (c) => {
      const q = c.req.valid('query');
      const r = range(q);
      const data = await appointmentOutcomes(deps.db, r);
      if (q.format === 'csv') return csvResponse(c, 'vang-mat-huy-lich', appointmentOutcomeTables(data), q.table, r);
      return c.json({ range: rangeOut(r, true), ...data }, 200);
    })
    .openapi(routes.responseTimes, async (c) => {
      const q = c.req.valid('query');
      const r = range(q);
      const data = await responseTimes(deps.db, r);
      if (q.format === 'csv') return csvResponse(c, 'thoi-gian-phan-hoi', responseTimeTables(data), q.table, r);
      return c.json({ range: rangeOut(r, false), ...data }, 200);
    })
    .openapi(routes.notifications, async (c) => {
      const q = c.req.valid('query');
      const r = range(q);
      const data = await notificationDelivery(deps.db, r);
      if (q.format === 'csv') return csvResponse(c, 'thong-bao', notificationDeliveryTables(data), q.table, r);
      return c.json({ range: rangeOut(r, true), ...data }, 200);
    })
    .openapi(routes.results, async (c) => {
      const q = c.req.valid('query');
      const r = range(q);
      const data = await resultTurnaround(deps.db, r);
      if (q.format === 'csv') return csvResponse(c, 'tra-ket-qua', resultTurnaroundTables(data), q.table, r);
      return c.json({ range: rangeOut(r, true), ...data }, 200);
    });
}
