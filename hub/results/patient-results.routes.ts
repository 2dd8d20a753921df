import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { recordAudit } from '../audit/record-audit.ts';
import { clientIp } from '../auth/request-meta.ts';
import { requirePatient } from '../patient-auth/require-patient.ts';
import type { AppDeps, AppEnv } from '../platform/context.ts';
import { miniAppCors } from '../platform/miniapp-cors.ts';
import { errorResponses, json } from '../platform/openapi.ts';
import { listPatientResults, loadPatientResult, toPatientDetail } from './patient-results.ts';
import { imageHeaders, loadPreview, previewNotFound } from './previews.ts';
import { PatientResultDetailSchema, PatientResultSummarySchema, PatientResultsQuerySchema } from './results.schemas.ts';

const tags = ['Bệnh nhân: kết quả'];
const security = [{ patientToken: [] }];
const resultId = z.uuid({ message: 'Mã kết quả không hợp lệ' });

const routes = {
  list: createRoute({
    method: 'get',
    path: '/',
    tags,
    summary: 'Kết quả đã trả của tôi và gia đình (theo hồ sơ), mới nhất trước',
    security,
    request: { query: PatientResultsQuerySchema },
    responses: {
      200: {
        description: 'Kết quả',
        ...json(z.object({ items: z.array(PatientResultSummarySchema), nextCursor: z.string().nullable() })),
      },
      ...errorResponses(400, 401, 404),
    },
  }),
  detail: createRoute({
    method: 'get',
    path: '/{id}',
    tags,
    summary: 'Một kết quả: chỉ số với khoảng tham chiếu, hoặc báo cáo và ảnh chẩn đoán hình ảnh',
    security,
    request: { params: z.object({ id: resultId }) },
    responses: {
      200: { description: 'Kết quả', ...json(PatientResultDetailSchema) },
      ...errorResponses(400, 401, 404),
    },
  }),
  preview: createRoute({
    method: 'get',
    path: '/{id}/previews/{previewId}',
    tags,
    summary: 'Ảnh xem trước của kết quả chẩn đoán hình ảnh',
    security,
    request: { params: z.object({ id: resultId, previewId: z.uuid({ message: 'Mã ảnh không hợp lệ' }) }) },
    responses: {
      200: {
        description: 'Ảnh (JPEG)',
        content: { 'image/jpeg': { schema: z.string().openapi({ format: 'binary' }) } },
      },
      ...errorResponses(400, 401, 404),
    },
  }),
};

/**
 * The Mini App's results, under /api/patient/results. A patient reaches only released results of their own contact's
 * profiles: anything else answers 404 exactly as if it did not exist.
 */
export function patientResultsRoutes(deps: AppDeps) {
  const app = new OpenAPIHono<AppEnv>();
  const guard = requirePatient(deps);
  app.use('*', miniAppCors(deps.config));
  // mounted beside /api/patient, whose own guard may already have verified the token for this request
  app.use('*', async (c, next) => (c.get('patient') ? next() : guard(c, next)));
  const contactOf = (c: Context<AppEnv>) => c.get('patient')!.contactId;

  return app
    .openapi(routes.list, async (c) => c.json(await listPatientResults(deps, contactOf(c), c.req.valid('query')), 200))
    .openapi(routes.detail, async (c) => {
      const r = await loadPatientResult(deps, contactOf(c), c.req.valid('param').id);
      await recordAudit(deps.db, {
        action: 'result.view',
        actorKind: 'patient',
        subjectType: 'result',
        subjectId: r.id,
        ip: clientIp(c),
        requestId: c.get('requestId'),
        detail: { contactId: contactOf(c), via: 'miniapp' },
      });
      return c.json(toPatientDetail(r), 200);
    })
    .openapi(routes.preview, async (c) => {
      const { id, previewId } = c.req.valid('param');
      await loadPatientResult(deps, contactOf(c), id);
      const preview = await loadPreview(deps.db, previewId);
      if (preview.resultId !== id) throw previewNotFound();
      return c.body(new Uint8Array(preview.bytes), 200, imageHeaders(preview));
    });
}
