import { createHmac, randomInt } from 'node:crypto';
import { Hono } from 'hono';
import { acceptedLog, faults, mountFaults } from '../faults.ts';
import { mobile84, parts } from '../sms-carriers.ts';
import { mountSandboxControls, webhookSender } from '../webhook-sender.ts';

/**
 * Twin of SpeedSMS.vn's API (PROVIDERS.md §5.2): HTTP Basic with the access token, `{status, code, data}` answers
 * (`00` accepted, `101` bad parameters, `105` invalid phone, `113` too long, `300` balance, `500` internal error),
 * 60 requests per 60 s then HTTP 429 with X-Rate-Limit-Reset, and delivery reports POSTed as JSON
 * `{type: "report", tranId, phone, status}` (0 delivered, ≥ 64 failed) to the URL set in the dashboard — here the
 * hub's /webhooks/speedsms with the token the hub derives from the access token.
 *
 * /_sandbox/*: settings (balance, failing numbers, rate, callback URL), forced faults, the accepted sends (keyed by
 * tranId: the API takes no request id), the callback log with re-delivery.
 */
export interface SpeedSmsTwinOptions {
  hubUrl: string;
  deliveryDelayMs?: number;
  retryDelaysMs?: number[];
}

/** The sandbox SpeedSMS account (hub/config.ts holds the same values). */
export const sandboxSpeedSms = { accessToken: 'medicrm-sandbox-speedsms-access-token', sender: 'MEDICRM' } as const;

const error = (code: string, message: string) => ({ status: 'error', code, message });

export function speedSmsTwin(opts: SpeedSmsTwinOptions) {
  const sender = webhookSender({ retryDelaysMs: opts.retryDelaysMs });
  // the URL an admin registers in the dashboard: the hub's callback with its token
  const token = createHmac('sha256', sandboxSpeedSms.accessToken)
    .update('medicrm-speedsms-callback')
    .digest('hex')
    .slice(0, 32);
  const settings = {
    balance: 5_000_000,
    pricePerPart: 750,
    requestsPer60s: 60,
    /** longest content accepted (113 above) */
    maxLength: 612,
    /** numbers the carrier fails to deliver to (report status 64) */
    failPhones: ['84909000404'],
    callbackUrl: `${opts.hubUrl.replace(/\/$/, '')}/webhooks/speedsms?token=${token}`,
    deliver: true,
  };
  const f = faults();
  const calls: number[] = [];
  const reports = new Map<string, { phone: string; status: number | null }[]>();
  let nextTranId = randomInt(100_000, 900_000);

  const app = new Hono();
  const accepted = acceptedLog(app);
  mountFaults(app, f);

  app.use('/index.php/*', async (c, next) => {
    const down = await f.before();
    if (down) return down;
    const auth = c.req.header('authorization') ?? '';
    const user = Buffer.from(auth.replace(/^Basic\s+/i, ''), 'base64')
      .toString('utf8')
      .split(':')[0];
    if (!auth.startsWith('Basic ') || user !== sandboxSpeedSms.accessToken) {
      return c.json(error('401', 'Unauthorized'), 401);
    }
    await next();
  });

  app.post('/index.php/sms/send', async (c) => {
    const now = Date.now();
    while (calls.length && calls[0]! < now - 60_000) calls.shift();
    if (calls.length >= settings.requestsPer60s) {
      c.header('x-rate-limit-reset', String(Math.max(1, Math.ceil((calls[0]! + 60_000 - now) / 1000))));
      return c.json(error('429', 'Too many requests'), 429);
    }
    calls.push(now);
    const b = (await c.req.json().catch(() => null)) as Record<string, unknown> | null;
    if (!b) return c.json(error('101', 'Invalid parameters'));
    const forced = f.forcedCode();
    if (forced) return c.json(error(forced, 'Forced error (sandbox)'));
    const to = Array.isArray(b.to) ? b.to.map(String) : [];
    const content = typeof b.content === 'string' ? b.content : '';
    if (to.length === 0 || !content.trim()) return c.json(error('101', 'Missing to or content'));
    if (b.sms_type === 3 && b.sender !== sandboxSpeedSms.sender)
      return c.json(error('101', 'Sender is not registered'));
    if ([...content].length > settings.maxLength) return c.json(error('113', 'Content is too long'));
    const valid = to.map(mobile84).filter((p): p is string => p !== null);
    const invalidPhone = to.filter((p) => mobile84(p) === null);
    if (valid.length === 0) return c.json(error('105', 'Invalid phone number'));
    const unicode = [...content].some((ch) => ch.charCodeAt(0) > 0x7f);
    const totalSMS = parts(content, unicode) * valid.length;
    const totalPrice = totalSMS * settings.pricePerPart;
    if (settings.balance < totalPrice) return c.json(error('300', 'Not enough balance'));
    settings.balance -= totalPrice;
    const tranId = nextTranId++;
    const list = valid.map((phone) => ({ phone, status: null as number | null }));
    reports.set(String(tranId), list);
    for (const phone of valid)
      accepted.add({ trackingId: String(tranId), providerMessageId: String(tranId), to: phone, content });
    if (settings.deliver) {
      setTimeout(() => {
        for (const r of list) {
          r.status = settings.failPhones.includes(r.phone) ? 64 : 0;
          const body = JSON.stringify({ type: 'report', tranId, phone: r.phone, status: r.status });
          void sender.send(settings.callbackUrl, 'report', body, { 'content-type': 'application/json' });
        }
      }, opts.deliveryDelayMs ?? 300).unref();
    }
    return c.json({ status: 'success', code: '00', data: { tranId, totalSMS, totalPrice, invalidPhone } });
  });

  app.get('/index.php/sms/status/:tranId', (c) => {
    const list = reports.get(c.req.param('tranId'));
    if (!list) return c.json(error('101', 'Transaction not found'));
    return c.json({
      status: 'success',
      code: '00',
      data: list.map((r) => ({ phone: r.phone, status: r.status ?? -1 })),
    });
  });

  app.get('/index.php/user/info', (c) =>
    c.json({
      status: 'success',
      code: '00',
      data: { email: 'sandbox@medicrm.vn', balance: settings.balance, currency: 'VND' },
    }),
  );

  mountSandboxControls(app, { settings, sender });

  app.get('/', (c) =>
    c.html(
      '<!doctype html><html lang="vi"><meta charset="utf-8"><title>SpeedSMS (giả lập)</title><h1>SpeedSMS.vn — giả lập</h1><p>POST /index.php/sms/send, GET /index.php/sms/status/{tranId}, GET /index.php/user/info</p>',
    ),
  );
  return app;
}
