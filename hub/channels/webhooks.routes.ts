import { type Context, Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { ChannelAdapter, RawRequest } from '../../adapters/channels/types.ts';
import { znsReportIntake } from '../notify/index.ts';
import type { AppDeps, AppEnv } from '../platform/context.ts';
import { channelAdapters } from './channel-registry.ts';
import { webhookStore } from './webhook-store.ts';

/** Only the headers worth keeping with a stored event (signature, retries, content type). */
const keptHeaders = [
  'content-type',
  'x-zevent-signature',
  'x-zevent-server',
  'num_retry',
  'x-hub-signature-256',
  'x-hub-signature',
];

function rawRequest(headers: Headers, rawBody: string): RawRequest & { headers: Record<string, string> } {
  const h: Record<string, string> = {};
  for (const k of keptHeaders) {
    const v = headers.get(k);
    if (v !== null) h[k] = v.slice(0, 500);
  }
  return { headers: h, rawBody };
}

const maxBody = 1024 * 1024;

const errorBody = (code: string, message: string) => ({ error: { code, message } });

/**
 * Provider webhooks, outside /api: no session, a signature instead. Each delivery is checked (malformed → 400,
 * bad signature → 401, replayed too late → 401; nothing stored in any of these cases), stored in webhook_events,
 * and only then acknowledged: the `inbound` workers do the rest, so Zalo's 2-second limit is never at risk.
 */
export function webhookRoutes(deps: AppDeps) {
  const app = new Hono<AppEnv>();
  const adapters = channelAdapters(deps);
  const store = webhookStore(deps);
  const tooLarge = (c: Context<AppEnv>) => c.json(errorBody('too_large', 'Dữ liệu quá lớn'), 413);
  const limit = bodyLimit({ maxSize: maxBody, onError: tooLarge });
  app.use('*', async (c, next) => {
    // a declared length is checked as is, without touching the body: reading c.req.raw.body (as bodyLimit does first)
    // would build a web Request and stream around every delivery, a good part of an acknowledgement's cost
    const length = c.req.header('content-length');
    if (length !== undefined && c.req.header('transfer-encoding') === undefined) {
      return Number(length) > maxBody ? tooLarge(c) : next();
    }
    return limit(c, next);
  });

  const intake =
    (source: string, adapter: ChannelAdapter | undefined, ack: (c: Context<AppEnv>) => Response) =>
    async (c: Context<AppEnv>) => {
      if (!adapter?.verifyWebhook || !adapter.webhookEnvelope) {
        return c.json(errorBody('channel_not_configured', 'Kênh chưa được cấu hình'), 404);
      }
      const req = rawRequest(c.req.raw.headers, await c.req.text());
      const verdict = adapter.verifyWebhook(req);
      if (!verdict.ok) {
        if (verdict.reason === 'malformed') return c.json(errorBody('malformed', 'Dữ liệu không đúng định dạng'), 400);
        c.var.log().warn({ source, reason: verdict.reason }, 'webhook refused');
        return c.json(
          verdict.reason === 'stale'
            ? errorBody('stale_event', 'Sự kiện quá cũ (có thể là gửi lại trái phép)')
            : errorBody('bad_signature', 'Chữ ký không hợp lệ'),
          401,
        );
      }
      const envelope = adapter.webhookEnvelope(req);
      if (!envelope) return c.json(errorBody('malformed', 'Dữ liệu không đúng định dạng'), 400);
      await store.store({ source, ...envelope, rawBody: req.rawBody, headers: req.headers });
      return ack(c);
    };

  const zaloOa = intake('zalo_oa', adapters.zaloOa, (c) => c.json({ error: 0, message: 'Success' }));
  const znsReports = znsReportIntake(deps);
  // one webhook URL per Zalo app: ZNS delivery reports arrive here too, marked by their server header
  app.post('/zalo-oa', (c) => (c.req.header('x-zevent-server')?.toUpperCase() === 'ZNS' ? znsReports(c) : zaloOa(c)));

  // Meta's subscription handshake (PROVIDERS.md §4.1)
  app.get('/messenger', (c) => {
    const challenge = adapters.messenger?.handshake({
      'hub.mode': c.req.query('hub.mode'),
      'hub.verify_token': c.req.query('hub.verify_token'),
      'hub.challenge': c.req.query('hub.challenge'),
    });
    if (!challenge) return c.text('Forbidden', 403);
    return c.text(challenge, 200);
  });
  app.post(
    '/messenger',
    intake('messenger', adapters.messenger, (c) => c.json({ status: 'EVENT_RECEIVED' })),
  );
  return app;
}
