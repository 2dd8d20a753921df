import { type Context, Hono } from 'hono';
import type { AppDeps, AppEnv } from '../platform/context.ts';
import { notifyEngine } from './engine-registry.ts';
import { queryHeader, type ReportSource, rawRequest, reportAdapter, storeReport } from './report-intake.ts';

const keptHeaders = ['content-type', 'x-zevent-signature', 'x-zevent-server', 'authorization', 'x-signature'];
const errorBody = (code: string, message: string) => ({ error: { code, message } });

/** What each provider expects back once a callback is stored. */
type HttpSource = Exclude<ReportSource, 'email_dsn'>;

const acks: Record<HttpSource, (c: Context<AppEnv>) => Response> = {
  zns: (c) => c.json({ error: 0, message: 'Success' }),
  esms: (c) => c.json({ CodeResult: '100' }),
  speedsms: (c) => c.json({ status: 'success', code: '00' }),
};

/**
 * Delivery callbacks of the notification providers, outside /api (no session; each provider's own check instead):
 * POST /webhooks/zns (signed like every Zalo webhook), /webhooks/esms (eSMS calls back with GET query parameters;
 * POST is accepted too) and /webhooks/speedsms. Verified by the configured adapter on the exact bytes received
 * (malformed → 400, bad signature → 401, nothing stored), stored in webhook_events, and only then acknowledged.
 */
export function notifyWebhookRoutes(deps: AppDeps) {
  const app = new Hono<AppEnv>();
  const intake = (source: HttpSource) => reportIntake(deps, source);
  app.post('/zns', intake('zns'));
  app.get('/esms', intake('esms'));
  app.post('/esms', intake('esms'));
  app.post('/speedsms', intake('speedsms'));
  return app;
}

/**
 * Zalo posts every event of an app to its one webhook URL: ZNS delivery reports (header `X-ZEvent-Server: ZNS`) reach
 * the OA intake, which hands them here.
 */
export const znsReportIntake = (deps: AppDeps) => reportIntake(deps, 'zns');

function reportIntake(deps: AppDeps, source: HttpSource) {
  return async (c: Context<AppEnv>) => {
    const engine = notifyEngine(deps);
    const adapter = reportAdapter(engine, source);
    if (!adapter?.verifyCallback || !adapter.parseCallback) {
      return c.json(errorBody('channel_not_configured', 'Kênh chưa được cấu hình'), 404);
    }
    const headers: Record<string, string> = {};
    for (const k of keptHeaders) {
      const v = c.req.header(k);
      if (v !== undefined) headers[k] = v.slice(0, 500);
    }
    // eSMS calls back with GET parameters, SpeedSMS posts JSON to a URL whose query carries our token: both kept
    const query = new URL(c.req.url).search.replace(/^\?/, '');
    if (query) headers[queryHeader] = query.slice(0, 4_000);
    const rawBody = c.req.method === 'GET' ? '' : await c.req.text();
    if (rawBody.length > 256 * 1024) return c.json(errorBody('too_large', 'Dữ liệu quá lớn'), 413);
    const verdict = adapter.verifyCallback(rawRequest({ headers, rawBody }));
    if (!verdict.ok) {
      if (verdict.reason === 'malformed') return c.json(errorBody('malformed', 'Dữ liệu không đúng định dạng'), 400);
      c.var.log().warn({ source, reason: verdict.reason }, 'delivery callback refused');
      return c.json(errorBody('bad_signature', 'Chữ ký không hợp lệ'), 401);
    }
    await storeReport(engine, source, { headers, rawBody });
    return acks[source](c);
  };
}
