import { randomBytes } from 'node:crypto';
import { type Context, Hono } from 'hono';
import { acceptedLog, faults, mountFaults } from '../faults.ts';
import { mobile84, parts, telcoId } from '../sms-carriers.ts';
import { mountSandboxControls, webhookSender } from '../webhook-sender.ts';

/**
 * Twin of eSMS.vn's REST API (PROVIDERS.md §5.1): customer-care brandname SMS with CodeResult strings (100 accepted,
 * 101 bad keys, 103 balance, 104 brandname, 108 phone, 99 blocked number, 124 RequestId already used today, 146 text
 * not matching a registered template), `{"error":"Invalid request"}` for a malformed body, and the delivery report as
 * a GET to the request's CallbackUrl (retried when not answered 200). eSMS publishes no rate limit: the twin answers
 * HTTP 429 above `requestsPerSecond` (its own choice).
 *
 * /_sandbox/*: settings (balance, blocked and failing numbers, registered templates, rate), forced faults, the
 * accepted sends by RequestId, and the callback log with re-delivery.
 */
export interface EsmsTwinOptions {
  hubUrl: string;
  deliveryDelayMs?: number;
  retryDelaysMs?: number[];
}

/** The sandbox eSMS account (hub/config.ts holds the same values). */
export const sandboxEsms = {
  apiKey: 'medicrm-sandbox-esms-api-key',
  secretKey: 'medicrm-sandbox-esms-secret-key',
  brandname: 'MEDICRM',
} as const;

const vnDay = () => new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10);
const code = (CodeResult: string, ErrorMessage?: string, extra: Record<string, unknown> = {}) => ({
  CodeResult,
  CountRegenerate: 0,
  ...(ErrorMessage ? { ErrorMessage } : {}),
  ...extra,
});

interface Sent {
  smsId: string;
  requestId: string;
  phone: string;
  price: number;
  status: 5 | 7;
  success: boolean;
}

export function esmsTwin(opts: EsmsTwinOptions) {
  const sender = webhookSender({ retryDelaysMs: opts.retryDelaysMs ?? [1_000, 5_000, 15_000, 30_000, 60_000] });
  const settings = {
    balance: 5_000_000,
    /** VND per part of a customer-care message */
    pricePerPart: 850,
    requestsPerSecond: 50,
    /** numbers eSMS refuses (99) */
    blockedPhones: [] as string[],
    /** numbers the carrier fails to deliver to (report: SendFailed) */
    failPhones: ['84909000404'],
    /** registered customer-care templates as regular expressions; empty accepts any text */
    cskhTemplates: [] as string[],
    deliver: true,
  };
  const f = faults();
  const calls: number[] = [];
  const requestIds = new Map<string, string>();
  let requestDay = vnDay();
  const sent = new Map<string, Sent>();

  const app = new Hono();
  const accepted = acceptedLog(app);
  mountFaults(app, f);
  const authorized = (b: Record<string, unknown>) =>
    b.ApiKey === sandboxEsms.apiKey && b.SecretKey === sandboxEsms.secretKey;

  const report = (s: Sent, callbackUrl: string) => {
    const params = new URLSearchParams({
      SMSID: s.smsId,
      SendFailed: s.success ? '0' : '1',
      SendStatus: '5',
      SendSuccess: s.success ? '1' : '0',
      TotalPrice: s.success ? s.price.toFixed(4) : '0.0000',
      TotalReceiver: '1',
      TotalSent: '1',
      RequestId: s.requestId,
      TypeId: '2',
      telcoid: String(telcoId(s.phone)),
      phonenumber: `0${s.phone.slice(2)}`,
      error_info: s.success ? '' : 'Thue bao khong lien lac duoc',
      switchsmsid: '',
    });
    s.status = 5;
    const url = `${callbackUrl}${callbackUrl.includes('?') ? '&' : '?'}${params}`;
    return sender.send(url, 'delivery_report', '', {}, 'GET');
  };

  const send = async (c: Context) => {
    const now = Date.now();
    while (calls.length && calls[0]! < now - 1_000) calls.shift();
    if (calls.length >= settings.requestsPerSecond) {
      c.header('retry-after', '1');
      return c.json({ error: 'Too many requests' }, 429);
    }
    calls.push(now);
    let b: Record<string, unknown>;
    try {
      b = JSON.parse(await c.req.text()) as Record<string, unknown>;
    } catch {
      return c.json({ error: 'Invalid request' });
    }
    if (typeof b !== 'object' || b === null) return c.json({ error: 'Invalid request' });
    if (!authorized(b)) return c.json(code('101', 'Authorize Failed'));
    const forced = f.forcedCode();
    if (forced) return c.json(code(forced, 'Forced error (sandbox)'));
    if (b.Brandname !== sandboxEsms.brandname) return c.json(code('104', 'Brand name code is not exist'));
    if (!b.SmsType) return c.json(code('300', 'Missing message type'));
    const phone = mobile84(String(b.Phone ?? ''));
    if (!phone) return c.json(code('108', 'Phone number is invalid'));
    if (settings.blockedPhones.includes(phone)) return c.json(code('99', 'Phone number is blocked'));
    const content = String(b.Content ?? '');
    if (!content.trim()) return c.json(code('110', 'Content is empty'));
    if (settings.cskhTemplates.length && !settings.cskhTemplates.some((t) => new RegExp(t).test(content))) {
      return c.json(code('146', 'Sai template Brandname CSKH'));
    }
    if (requestDay !== vnDay()) {
      requestDay = vnDay();
      requestIds.clear();
    }
    const requestId = String(b.RequestId ?? '');
    if (requestId && requestIds.has(requestId)) return c.json(code('124', 'Request exist 1', { SendStatus: '5' }));
    const price = parts(content, b.IsUnicode === '1') * settings.pricePerPart;
    if (settings.balance < price) return c.json(code('103', 'Balance not enough to send message'));
    settings.balance -= price;
    const smsId = randomBytes(16).toString('hex');
    if (requestId) requestIds.set(requestId, smsId);
    const s: Sent = { smsId, requestId, phone, price, status: 7, success: !settings.failPhones.includes(phone) };
    sent.set(smsId, s);
    accepted.add({ trackingId: requestId, providerMessageId: smsId, to: phone, content, unicode: b.IsUnicode === '1' });
    const callbackUrl =
      typeof b.CallbackUrl === 'string' && b.CallbackUrl
        ? b.CallbackUrl
        : `${opts.hubUrl.replace(/\/$/, '')}/webhooks/esms`;
    if (settings.deliver) setTimeout(() => void report(s, callbackUrl), opts.deliveryDelayMs ?? 300).unref();
    return c.json(code('100', undefined, { SMSID: smsId }));
  };

  for (const path of ['SendMultipleMessage_V4_post_json', 'SendMultipleMessage_V4_post_json/']) {
    app.post(`/MainService.svc/json/${path}`, async (c) => (await f.before()) ?? send(c));
  }

  app.post('/MainService.svc/json/GetBalance_json', async (c) => {
    const b = (await c.req.json().catch(() => ({}))) as Record<string, unknown>;
    if (!authorized(b)) return c.json({ CodeResponse: '101', ErrorMessage: 'Authorize Failed' });
    return c.json({ Balance: settings.balance, CodeResponse: '100', UserID: 9999 });
  });

  app.get('/MainService.svc/json/GetSendStatus', (c) => {
    if (!authorized({ ApiKey: c.req.query('ApiKey'), SecretKey: c.req.query('SecretKey') })) {
      return c.json({ CodeResponse: '101', ErrorMessage: 'Authorize Failed' });
    }
    const s = sent.get(c.req.query('RefId') ?? '');
    if (!s) return c.json({ CodeResponse: '105', ErrorMessage: 'SMSID not found' });
    return c.json({
      CodeResponse: '100',
      SMSID: s.smsId,
      SendFailed: s.status === 5 && !s.success ? 1 : 0,
      SendStatus: s.status,
      SendSuccess: s.status === 5 && s.success ? 1 : 0,
      TotalPrice: s.price,
      TotalReceiver: 1,
      TotalSent: 1,
    });
  });

  mountSandboxControls(app, { settings, sender });

  app.get('/', (c) =>
    c.html(
      '<!doctype html><html lang="vi"><meta charset="utf-8"><title>eSMS (giả lập)</title><h1>eSMS.vn SMS Brandname — giả lập</h1><p>POST /MainService.svc/json/SendMultipleMessage_V4_post_json/, GetBalance_json, GetSendStatus</p>',
    ),
  );
  return app;
}
