import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { recordAudit } from '../audit/record-audit.ts';
import { authorize } from '../auth/authorize.ts';
import { clientIp } from '../auth/request-meta.ts';
import type { AppDeps, AppEnv } from '../platform/context.ts';
import { cookieAuth, errorResponses, json } from '../platform/openapi.ts';
import { listContactOrders } from './contact-orders.ts';
import { loadResult } from './load-result.ts';
import { imageHeaders, loadPreview } from './previews.ts';
import { listReleaseQueue } from './release-queue.ts';
import { releaseResult, resultNotFound } from './release-result.ts';
import {
  ContactOrderSchema,
  ReleaseOutcomeSchema,
  ReleaseQueueItemSchema,
  ReleaseQueueQuerySchema,
  StaffResultDetailSchema,
  UnlinkedStudySchema,
} from './results.schemas.ts';
import { toStaffDetail } from './staff-result.ts';
import { listUnlinkedStudies } from './unlinked-studies.ts';

const tags = ['Kết quả (nhân viên)'];
const id = (message: string) => ({ params: z.object({ id: z.uuid({ message }) }) });
const resultId = id('Mã kết quả không hợp lệ');
const image = {
  description: 'Ảnh xem trước (JPEG)',
  content: { 'image/jpeg': { schema: z.string().openapi({ format: 'binary' }) } },
};

const routes = {
  queue: createRoute({
    method: 'get',
    path: '/release-queue',
    tags,
    summary: 'Kết quả chờ bác sĩ duyệt trả cho bệnh nhân (cũ nhất trước)',
    security: cookieAuth,
    request: { query: ReleaseQueueQuerySchema },
    responses: {
      200: {
        description: 'Hàng chờ',
        ...json(z.object({ items: z.array(ReleaseQueueItemSchema), nextCursor: z.string().nullable() })),
      },
      ...errorResponses(400, 401, 403),
    },
  }),
  unlinked: createRoute({
    method: 'get',
    path: '/unlinked-studies',
    tags,
    summary: 'Ca chụp trên PACS chưa khớp chỉ định nào (mã chỉ định + mã bệnh nhân)',
    security: cookieAuth,
    responses: {
      200: { description: 'Ca chụp', ...json(z.object({ items: z.array(UnlinkedStudySchema) })) },
      ...errorResponses(401, 403),
    },
  }),
  byContact: createRoute({
    method: 'get',
    path: '/by-contact/{id}',
    tags,
    summary: 'Chỉ định và kết quả của các hồ sơ người bệnh thuộc một khách hàng',
    security: cookieAuth,
    request: id('Mã khách hàng không hợp lệ'),
    responses: {
      200: { description: 'Chỉ định', ...json(z.object({ items: z.array(ContactOrderSchema) })) },
      ...errorResponses(400, 401, 403),
    },
  }),
  preview: createRoute({
    method: 'get',
    path: '/previews/{id}',
    tags,
    summary: 'Ảnh xem trước của một ca chụp',
    security: cookieAuth,
    request: id('Mã ảnh không hợp lệ'),
    responses: { 200: image, ...errorResponses(400, 401, 403, 404) },
  }),
  detail: createRoute({
    method: 'get',
    path: '/{id}',
    tags,
    summary: 'Chi tiết kết quả: chỉ số, báo cáo, ảnh (mỗi lần xem được ghi nhật ký)',
    security: cookieAuth,
    request: resultId,
    responses: {
      200: { description: 'Kết quả', ...json(StaffResultDetailSchema) },
      ...errorResponses(400, 401, 403, 404),
    },
  }),
  release: createRoute({
    method: 'post',
    path: '/{id}/release',
    tags,
    summary: 'Duyệt trả kết quả cho bệnh nhân (gửi thông báo có kết quả)',
    security: cookieAuth,
    request: resultId,
    responses: {
      200: { description: 'Đã trả kết quả', ...json(ReleaseOutcomeSchema) },
      ...errorResponses(400, 401, 403, 404),
    },
  }),
};

/** Clinicians' side of results: reading needs results.read; releasing, results.release. Every detail view is audited. */
export function resultsRoutes(deps: AppDeps) {
  const app = new OpenAPIHono<AppEnv>();
  app.on('GET', '*', authorize(deps, 'results.read'));
  app.on(['POST', 'PUT', 'PATCH', 'DELETE'], '*', authorize(deps, 'results.release'));
  const meta = (c: Context<AppEnv>) => ({ ip: clientIp(c), requestId: c.get('requestId') });

  return app
    .openapi(routes.queue, async (c) => c.json(await listReleaseQueue(deps.db, c.req.valid('query')), 200))
    .openapi(routes.unlinked, async (c) => c.json({ items: await listUnlinkedStudies(deps.db) }, 200))
    .openapi(routes.byContact, async (c) =>
      c.json({ items: await listContactOrders(deps.db, c.req.valid('param').id) }, 200),
    )
    .openapi(routes.preview, async (c) => {
      const preview = await loadPreview(deps.db, c.req.valid('param').id);
      return c.body(new Uint8Array(preview.bytes), 200, imageHeaders(preview));
    })
    .openapi(routes.detail, async (c) => {
      const r = await loadResult(deps.db, c.req.valid('param').id);
      if (!r) throw resultNotFound();
      await recordAudit(deps.db, {
        action: 'result.view',
        actorStaffId: c.get('staff')!.id,
        subjectType: 'result',
        subjectId: r.id,
        ...meta(c),
      });
      return c.json(toStaffDetail(r), 200);
    })
    .openapi(routes.release, async (c) => {
      const resultIdValue = c.req.valid('param').id;
      const out = await deps.db.transaction((tx) =>
        releaseResult(tx, resultIdValue, { kind: 'staff', staffId: c.get('staff')!.id, ...meta(c) }),
      );
      return c.json(
        { id: resultIdValue, releasedAt: out.releasedAt.toISOString(), alreadyReleased: !out.released },
        200,
      );
    });
}
