import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { authorize } from '../auth/authorize.ts';
import { notifyEngine } from '../notify/index.ts';
import { actorOf } from '../platform/actor.ts';
import type { AppDeps, AppEnv } from '../platform/context.ts';
import { cookieAuth, errorResponses, json } from '../platform/openapi.ts';
import { campaignReport } from './campaign-report.ts';
import { listCampaignTemplates } from './campaign-templates.ts';
import {
  CampaignInputSchema,
  CampaignPatchSchema,
  CampaignQuerySchema,
  CampaignSchema,
  CampaignTemplateSchema,
  LaunchSchema,
  PlanSchema,
  ReportSchema,
  SegmentFilterSchema,
  SegmentInputSchema,
  SegmentPatchSchema,
  SegmentPreviewSchema,
  SegmentSchema,
} from './campaigns.schemas.ts';
import { mountCampaignStream } from './campaigns.stream.ts';
import { cancelCampaign, launchCampaign, pauseCampaign, resumeCampaign } from './control-campaign.ts';
import { exportRecipients } from './export-recipients.ts';
import { createCampaign, deleteDraftCampaign, getCampaign, listCampaigns, updateCampaign } from './manage-campaigns.ts';
import { createSegment, deleteSegment, getSegment, listSegments, updateSegment } from './manage-segments.ts';
import { planCampaign } from './plan-campaign.ts';
import { previewSegment } from './preview-segment.ts';
import { trackClick } from './track-click.ts';

const tags = ['Chiến dịch'];
const IdParam = z.object({ id: z.uuid() });

const route = <M extends 'get' | 'post' | 'patch' | 'delete', P extends string>(
  method: M,
  path: P,
  summary: string,
) => ({
  method,
  path,
  tags,
  summary,
  security: cookieAuth,
});

const segmentsList = createRoute({
  ...route('get', '/segments', 'Nhóm khách hàng đã lưu'),
  responses: {
    200: { description: 'Nhóm', ...json(z.object({ items: z.array(SegmentSchema) })) },
    ...errorResponses(401, 403),
  },
});
const segmentCreate = createRoute({
  ...route('post', '/segments', 'Lưu một nhóm khách hàng (bộ lọc)'),
  request: { body: { ...json(SegmentInputSchema), required: true } },
  responses: { 201: { description: 'Đã lưu', ...json(SegmentSchema) }, ...errorResponses(400, 401, 403) },
});
const segmentPreview = createRoute({
  ...route('post', '/segments/preview', 'Đếm trực tiếp số khách theo bộ lọc, số đã đồng ý theo kênh'),
  request: { body: { ...json(z.object({ filter: SegmentFilterSchema })), required: true } },
  responses: { 200: { description: 'Số khách', ...json(SegmentPreviewSchema) }, ...errorResponses(400, 401, 403) },
});
const segmentGet = createRoute({
  ...route('get', '/segments/{id}', 'Một nhóm khách hàng'),
  request: { params: IdParam },
  responses: { 200: { description: 'Nhóm', ...json(SegmentSchema) }, ...errorResponses(401, 403, 404) },
});
const segmentPatch = createRoute({
  ...route('patch', '/segments/{id}', 'Sửa nhóm khách hàng'),
  request: { params: IdParam, body: { ...json(SegmentPatchSchema), required: true } },
  responses: { 200: { description: 'Đã sửa', ...json(SegmentSchema) }, ...errorResponses(400, 401, 403, 404) },
});
const Deleted = z.object({ id: z.uuid(), deleted: z.literal(true) });
const segmentDelete = createRoute({
  ...route('delete', '/segments/{id}', 'Xoá nhóm khách hàng chưa dùng cho chiến dịch nào (ghi nhật ký)'),
  request: { params: IdParam },
  responses: { 200: { description: 'Đã xoá', ...json(Deleted) }, ...errorResponses(401, 403, 404, 409) },
});
const campaignDelete = createRoute({
  ...route('delete', '/{id}', 'Xoá bản nháp chiến dịch (ghi nhật ký)'),
  request: { params: IdParam },
  responses: { 200: { description: 'Đã xoá', ...json(Deleted) }, ...errorResponses(401, 403, 404, 409) },
});
const templatesList = createRoute({
  ...route('get', '/templates', 'Mẫu ZNS tiếp thị dùng được cho chiến dịch'),
  responses: {
    200: { description: 'Mẫu', ...json(z.object({ items: z.array(CampaignTemplateSchema) })) },
    ...errorResponses(401, 403),
  },
});
const campaignsList = createRoute({
  ...route('get', '/', 'Chiến dịch, mới nhất trước'),
  request: { query: CampaignQuerySchema },
  responses: {
    200: { description: 'Chiến dịch', ...json(z.object({ items: z.array(CampaignSchema), total: z.number() })) },
    ...errorResponses(400, 401, 403),
  },
});
const campaignCreate = createRoute({
  ...route('post', '/', 'Tạo chiến dịch (bản nháp)'),
  request: { body: { ...json(CampaignInputSchema), required: true } },
  responses: { 201: { description: 'Đã tạo', ...json(CampaignSchema) }, ...errorResponses(400, 401, 403) },
});
const campaignGet = createRoute({
  ...route('get', '/{id}', 'Một chiến dịch với tiến độ gửi'),
  request: { params: IdParam },
  responses: { 200: { description: 'Chiến dịch', ...json(CampaignSchema) }, ...errorResponses(401, 403, 404) },
});
const campaignPatch = createRoute({
  ...route('patch', '/{id}', 'Sửa chiến dịch (chỉ bản nháp)'),
  request: { params: IdParam, body: { ...json(CampaignPatchSchema), required: true } },
  responses: { 200: { description: 'Đã sửa', ...json(CampaignSchema) }, ...errorResponses(400, 401, 403, 404, 409) },
});
const campaignPlan = createRoute({
  ...route('get', '/{id}/plan', 'Kế hoạch gửi: số khách, đồng ý, chi phí ước tính, hạn mức ZNS theo ngày'),
  request: { params: IdParam },
  responses: { 200: { description: 'Kế hoạch', ...json(PlanSchema) }, ...errorResponses(401, 403, 404) },
});
const campaignLaunch = createRoute({
  ...route('post', '/{id}/launch', 'Phát động ngay hoặc hẹn giờ (ghi nhật ký)'),
  request: { params: IdParam, body: { ...json(LaunchSchema), required: false } },
  responses: {
    200: { description: 'Đã phát động', ...json(CampaignSchema) },
    ...errorResponses(400, 401, 403, 404, 409),
  },
});
const control = <A extends 'pause' | 'resume' | 'cancel'>(action: A, summary: string) =>
  createRoute({
    ...route('post', `/{id}/${action}` as `/{id}/${A}`, summary),
    request: { params: IdParam },
    responses: { 200: { description: 'Đã cập nhật', ...json(CampaignSchema) }, ...errorResponses(401, 403, 404, 409) },
  });
const campaignReportRoute = createRoute({
  ...route('get', '/{id}/report', 'Kết quả: đã gửi, nhận, đọc, bấm, đặt lịch, lỗi theo mã, chi phí'),
  request: { params: IdParam },
  responses: { 200: { description: 'Kết quả', ...json(ReportSchema) }, ...errorResponses(401, 403, 404) },
});
const campaignCsv = createRoute({
  ...route('get', '/{id}/recipients.csv', 'Danh sách người nhận (CSV cho Excel, số điện thoại che bớt)'),
  request: { params: IdParam },
  responses: {
    200: { description: 'CSV', content: { 'text/csv': { schema: z.string() } } },
    ...errorResponses(401, 403, 404),
  },
});

/** Segments, campaigns (planner, launch and control, progress stream) and their results. */
export function campaignRoutes(deps: AppDeps) {
  const app = new OpenAPIHono<AppEnv>();
  // the list, a campaign, its progress and results are read by reports.read too; the rest is campaigns.manage
  const manage = authorize(deps, 'campaigns.manage');
  app.use('*', authorize(deps, ['campaigns.manage', 'reports.read']));
  app.on(['POST', 'PATCH', 'DELETE'], '*', manage);
  app.on('GET', ['/segments', '/segments/*', '/templates', '/:id/plan'], manage);
  mountCampaignStream(app, deps);
  return app
    .openapi(segmentsList, async (c) => c.json(await listSegments(deps), 200))
    .openapi(segmentPreview, async (c) => c.json(await previewSegment(deps, c.req.valid('json').filter), 200))
    .openapi(segmentCreate, async (c) => c.json(await createSegment(deps, c.req.valid('json'), actorOf(c)), 201))
    .openapi(segmentGet, async (c) => c.json(await getSegment(deps, c.req.valid('param').id), 200))
    .openapi(segmentPatch, async (c) =>
      c.json(await updateSegment(deps, c.req.valid('param').id, c.req.valid('json')), 200),
    )
    .openapi(segmentDelete, async (c) => c.json(await deleteSegment(deps, c.req.valid('param').id, actorOf(c)), 200))
    .openapi(templatesList, (c) => c.json(listCampaignTemplates(notifyEngine(deps)), 200))
    .openapi(campaignsList, async (c) => c.json(await listCampaigns(deps, c.req.valid('query')), 200))
    .openapi(campaignCreate, async (c) => c.json(await createCampaign(deps, c.req.valid('json'), actorOf(c)), 201))
    .openapi(campaignGet, async (c) => c.json(await getCampaign(deps, c.req.valid('param').id), 200))
    .openapi(campaignPatch, async (c) =>
      c.json(await updateCampaign(deps, c.req.valid('param').id, c.req.valid('json')), 200),
    )
    .openapi(campaignDelete, async (c) =>
      c.json(await deleteDraftCampaign(deps, c.req.valid('param').id, actorOf(c)), 200),
    )
    .openapi(campaignPlan, async (c) => c.json(await planCampaign(deps, c.req.valid('param').id), 200))
    .openapi(campaignLaunch, async (c) => {
      const body = (c.req.header('content-type')?.includes('json') ? c.req.valid('json') : undefined) ?? {};
      return c.json(await launchCampaign(deps, c.req.valid('param').id, body, actorOf(c)), 200);
    })
    .openapi(control('pause', 'Tạm dừng gửi (ghi nhật ký)'), async (c) =>
      c.json(await pauseCampaign(deps, c.req.valid('param').id, actorOf(c)), 200),
    )
    .openapi(control('resume', 'Tiếp tục gửi (ghi nhật ký)'), async (c) =>
      c.json(await resumeCampaign(deps, c.req.valid('param').id, actorOf(c)), 200),
    )
    .openapi(control('cancel', 'Huỷ chiến dịch (ghi nhật ký)'), async (c) =>
      c.json(await cancelCampaign(deps, c.req.valid('param').id, actorOf(c)), 200),
    )
    .openapi(campaignReportRoute, async (c) => c.json(await campaignReport(deps, c.req.valid('param').id), 200))
    .openapi(campaignCsv, async (c) => {
      const id = c.req.valid('param').id;
      const body = await exportRecipients(deps, id);
      return new Response(body, {
        status: 200,
        headers: {
          'content-type': 'text/csv; charset=utf-8',
          'content-disposition': `attachment; filename="chien-dich-${id}.csv"`,
          'cache-control': 'no-store',
        },
      }) as never;
    });
}

/** GET /c/:token: the tracked link of campaign messages (public); records the click once, then redirects. */
export function clickRoutes(deps: AppDeps) {
  const app = new OpenAPIHono<AppEnv>();
  app.get('/:token', async (c) => {
    const target = await trackClick(deps, c.req.param('token'));
    if (!target) return c.text('Liên kết không tồn tại hoặc đã hết hạn', 404);
    c.header('cache-control', 'no-store');
    c.header('referrer-policy', 'no-referrer');
    return c.redirect(target, 302);
  });
  return app;
}
