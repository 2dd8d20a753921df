import { OpenAPIHono } from '@hono/zod-openapi';
import { HTTPException } from 'hono/http-exception';
import { requestId } from 'hono/request-id';
import { secureHeaders } from 'hono/secure-headers';
import { auditRoutes } from './audit/audit.routes.ts';
import { authRoutes } from './auth/auth.routes.ts';
import { appointmentsRoutes } from './booking/appointments.routes.ts';
import { availabilityRoutes, catalogRoutes } from './booking/catalog.routes.ts';
import { campaignRoutes, clickRoutes } from './campaigns/index.ts';
import { webhookRoutes } from './channels/index.ts';
import { integrationRoutes } from './clinical/index.ts';
import { contactRoutes } from './contacts/index.ts';
import { followUpRoutes } from './follow-ups/index.ts';
import { inboxRoutes } from './inbox/index.ts';
import { leadRoutes } from './leads/index.ts';
import { notifyRoutes, notifyWebhookRoutes, unsubscribeRoutes } from './notify/index.ts';
import { patientRoutes } from './patient/patient.routes.ts';
import type { AppDeps, AppEnv } from './platform/context.ts';
import { DomainError, RateLimitedError } from './platform/errors.ts';
import { healthRoutes } from './platform/health.routes.ts';
import type { Logger } from './platform/logger.ts';
import { mountQueueBoard } from './platform/queue-board.ts';
import { mountConsole, mountDocs, mountMiniApp } from './platform/web.ts';
import { reportsRoutes } from './reports/index.ts';
import { patientResultsRoutes, resultLookupRoutes, resultsRoutes } from './results/index.ts';
import { schedulesRoutes } from './schedules/index.ts';
import { staffRoutes } from './staff/staff.routes.ts';

/** Turns a failed zod validation into the same error body every other error has. */
const validationHook = (
  result: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } },
  c: { get(k: 'requestId'): string; json(body: unknown, status: 400): Response },
) => {
  if (result.success) return;
  const issues = (result.error?.issues ?? []).map((i) => ({ path: i.path.map(String).join('.'), message: i.message }));
  return c.json(
    {
      error: {
        code: 'validation_failed',
        message: issues[0]?.message ?? 'Dữ liệu không hợp lệ',
        requestId: c.get('requestId'),
        details: { issues },
      },
    },
    400,
  );
};

const router = () => new OpenAPIHono<AppEnv>({ defaultHook: validationHook });

/** The JSON API under /api. Its type is what the console and the Mini App's typed clients are built from. */
export function apiRoutes(deps: AppDeps) {
  return router()
    .route('/auth', authRoutes(deps))
    .route('/admin/staff', staffRoutes(deps))
    .route('/admin/audit', auditRoutes(deps))
    .route('/contacts', contactRoutes(deps))
    .route('/inbox', inboxRoutes(deps))
    .route('/public', leadRoutes(deps))
    .route('/catalog', catalogRoutes(deps))
    .route('/availability', availabilityRoutes(deps))
    .route('/patient', patientRoutes(deps))
    .route('/patient/results', patientResultsRoutes(deps))
    .route('/results', resultsRoutes(deps))
    .route('/appointments', appointmentsRoutes(deps))
    .route('/notify', notifyRoutes(deps))
    .route('/campaigns', campaignRoutes(deps))
    .route('/integration', integrationRoutes(deps))
    .route('/admin/booking', schedulesRoutes(deps))
    .route('/reports', reportsRoutes(deps))
    .route('/follow-ups', followUpRoutes(deps));
}

export type ApiType = ReturnType<typeof apiRoutes>;

export function createApp(deps: AppDeps) {
  const app = router();

  app.use(requestId({ headerName: 'x-request-id', limitLength: 64 }));
  app.use(async (c, next) => {
    const started = performance.now();
    let child: Logger | undefined;
    c.set('log', () => {
      child ??= deps.logger.child({ requestId: c.get('requestId') });
      return child;
    });
    await next();
    const route = c.req.routePath || 'unmatched';
    const seconds = (performance.now() - started) / 1000;
    deps.metrics.httpDuration.observe({ method: c.req.method, route, status: String(c.res.status) }, seconds);
    // The path is logged, never the query string: it may carry a phone or a token.
    if (deps.logger.isLevelEnabled('info')) {
      c.var
        .log()
        .info({ method: c.req.method, path: c.req.path, status: c.res.status, ms: Math.round(seconds * 1000) }, 'http');
    }
  });
  app.use(secureHeaders({ crossOriginResourcePolicy: 'same-origin', xFrameOptions: 'DENY' }));

  app.onError((err, c) => {
    const rid = c.get('requestId');
    if (err instanceof DomainError) {
      if (err instanceof RateLimitedError) c.header('retry-after', String(err.retryAfterSeconds));
      return c.json(
        { error: { code: err.code, message: err.message, requestId: rid, details: err.details } },
        err.status,
      );
    }
    if (err instanceof HTTPException) {
      const status = err.status;
      return c.json(
        { error: { code: status === 400 ? 'bad_request' : 'http_error', message: err.message, requestId: rid } },
        status,
      );
    }
    (c.get('log')?.() ?? deps.logger).error({ err }, 'unhandled error');
    return c.json(
      { error: { code: 'internal_error', message: 'Lỗi hệ thống, vui lòng thử lại', requestId: rid } },
      500,
    );
  });
  app.notFound((c) =>
    c.json({ error: { code: 'not_found', message: 'Không tìm thấy đường dẫn', requestId: c.get('requestId') } }, 404),
  );

  app.route('/', healthRoutes(deps));
  app.route('/api', apiRoutes(deps));
  app.route('/webhooks', webhookRoutes(deps));
  // delivery callbacks of ZNS and the SMS gateways (hub/notify)
  app.route('/webhooks', notifyWebhookRoutes(deps));
  // the one-click opt-out link of non-transactional mail: an HTML page, before the console's catch-all
  app.route('/unsubscribe', unsubscribeRoutes(deps));
  // the web result lookup link ("link tra cứu kết quả"): HTML pages, before the console's catch-all
  app.route('/kq', resultLookupRoutes(deps));
  // the tracked link of campaign messages: records the click, redirects to the campaign's page (hub/campaigns)
  app.route('/c', clickRoutes(deps));

  app.openAPIRegistry.registerComponent('securitySchemes', 'staffSession', {
    type: 'apiKey',
    in: 'cookie',
    name: 'medicrm_session',
    description: 'Cookie phiên của nhân viên; yêu cầu thay đổi dữ liệu cần thêm header x-csrf-token',
  });
  app.doc31('/openapi.json', {
    openapi: '3.1.0',
    info: {
      title: 'MediCRM API',
      version: '0.1.0',
      description: 'Trung tâm chăm sóc khách hàng cho phòng khám và bệnh viện',
    },
    servers: [{ url: deps.config.PUBLIC_URL }],
  });
  mountDocs(app);
  mountQueueBoard(app, deps);
  if (deps.config.SERVE_WEB && deps.config.SANDBOX_URL) mountMiniApp(app, { sandboxUrl: deps.config.SANDBOX_URL });
  if (deps.config.SERVE_WEB) mountConsole(app);
  return app;
}
