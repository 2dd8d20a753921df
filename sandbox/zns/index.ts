import { createHash, randomBytes } from 'node:crypto';
import { Hono } from 'hono';
import { acceptedLog, faults, mountFaults } from '../faults.ts';
import { mountSandboxControls, webhookSender } from '../webhook-sender.ts';
import { sandboxZaloApp } from '../zalo-graph/index.ts';
import { sandboxOa } from '../zalo-oa/index.ts';
import { type OaTokenAuthority, oaTokenAuthority } from '../zalo-oauth/index.ts';
import { sandboxZnsTemplates, type ZnsTemplate } from './templates.ts';

/**
 * Twin of ZNS / ZBS template messages by phone (business.openapi.zalo.me, PROVIDERS.md §2, behaviour of §2.7): the
 * `{error, message, data}` envelope on HTTP 200, the OA token (-124 when invalid or expired), phone (-108), template
 * (-109, -131) and parameter (-1122, -1121, -1124) checks, development mode only to admin phones (-127), phones
 * without a Zalo account (-118), a daily quota that resets at midnight in Vietnam (-144), and a signed
 * `user_received_message` to the hub's /webhooks/zns after a delay, echoing the tracking id.
 *
 * /_sandbox/*: settings (quota, admin phones, phones without Zalo, delivery), forced faults, the accepted sends by
 * tracking id, extra templates, and the webhook log with re-delivery.
 */
export interface ZnsTwinOptions {
  hubUrl: string;
  tokens?: OaTokenAuthority;
  oaSecretKey?: string;
  deliveryDelayMs?: number;
  retryDelaysMs?: number[];
}

const vnMobile = /^(?:84|0)?((?:3[2-9]|5[25689]|7[06-9]|8[1-9]|9[0-46-9])\d{7})$/;
const ok = (data: Record<string, unknown>) => ({ error: 0, message: 'Success', data });
const fail = (error: number, message: string) => ({ error, message });
const vnDay = () => new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10);

/** Zalo's English messages for the codes the twin answers (forced codes get a generic one). */
const messages: Record<number, string> = {
  [-108]: 'Phone number is invalid',
  [-109]: 'Template id is invalid',
  [-111]: 'Template data is empty',
  [-1121]: 'Parameter exceeds max length',
  [-1122]: 'Missing parameter',
  [-1124]: 'Parameter format is invalid',
  [-118]: 'Zalo account is not existed or is deactivated',
  [-121]: 'Body is empty',
  [-122]: 'Body is not a JSON',
  [-124]: 'Access token is invalid',
  [-127]: 'Template in development mode can only be sent to admins',
  [-131]: 'Template is not approved',
  [-132]: 'Parameter is invalid',
  [-144]: 'OA has exceeded its daily sending quota',
};

export function znsTwin(opts: ZnsTwinOptions) {
  const tokens = opts.tokens ?? oaTokenAuthority({ ...sandboxOa, appSecret: sandboxZaloApp.secret });
  const oaSecretKey = opts.oaSecretKey ?? sandboxOa.oaSecretKey;
  const webhookUrl = `${opts.hubUrl.replace(/\/$/, '')}/webhooks/zns`;
  const sender = webhookSender({ retryDelaysMs: opts.retryDelaysMs });
  const templates = new Map<string, ZnsTemplate>(sandboxZnsTemplates.map((t) => [t.templateId, t]));
  const settings = {
    dailyQuota: 500,
    remainingQuota: 500,
    /** who receives development-mode sends (the app's and OA's admins) */
    adminPhones: ['84912345678'],
    /** numbers with no Zalo account: -118 */
    noZaloPhones: ['84909118118'],
    /** report delivery to the hub */
    deliver: true,
  };
  let quotaDay = vnDay();
  const f = faults();
  const delivered = new Map<string, number>();

  const mac = (body: string, timestamp: string) =>
    createHash('sha256')
      .update(tokens.appId + body + timestamp + oaSecretKey)
      .digest('hex');
  const emit = (event: Record<string, unknown>) => {
    const timestamp = String(Date.now());
    const body = JSON.stringify({ app_id: tokens.appId, ...event, timestamp });
    return sender.send(webhookUrl, String(event.event_name), body, {
      'content-type': 'application/json',
      'x-zevent-signature': `mac=${mac(body, timestamp)}`,
      'x-zevent-server': 'ZNS',
    });
  };
  const rollQuota = () => {
    if (quotaDay === vnDay()) return;
    quotaDay = vnDay();
    settings.remainingQuota = settings.dailyQuota;
  };

  const app = new Hono();
  const accepted = acceptedLog(app);
  mountFaults(app, f);

  /** every provider route: latency and forced 5xx first, then the OA token */
  app.use('/message/*', async (c, next) => {
    const down = await f.before();
    if (down) return down;
    if (tokens.check(c.req.header('access_token')) !== 'ok') return c.json(fail(-124, messages[-124]!));
    await next();
  });
  app.use('/template/*', async (c, next) => {
    if (tokens.check(c.req.header('access_token')) !== 'ok') return c.json(fail(-124, messages[-124]!));
    await next();
  });

  app.post('/message/template', async (c) => {
    const raw = await c.req.text();
    if (!raw.trim()) return c.json(fail(-121, messages[-121]!));
    let body: Record<string, unknown>;
    try {
      body = JSON.parse(raw) as Record<string, unknown>;
    } catch {
      return c.json(fail(-122, messages[-122]!));
    }
    const forced = f.forcedCode();
    if (forced) return c.json(fail(Number(forced), messages[Number(forced)] ?? 'Forced error (sandbox)'));
    const m = String(body.phone ?? '').match(vnMobile);
    if (!m) return c.json(fail(-108, messages[-108]!));
    const phone = `84${m[1]}`;
    const t = templates.get(String(body.template_id ?? ''));
    if (!t) return c.json(fail(-109, messages[-109]!));
    if (t.status !== 'ENABLE') return c.json(fail(-131, messages[-131]!));
    const data = body.template_data;
    if (typeof data !== 'object' || data === null || Object.keys(data).length === 0) {
      return c.json(fail(-111, messages[-111]!));
    }
    for (const param of t.params) {
      const v = (data as Record<string, unknown>)[param.name];
      if (v === undefined || v === '') {
        if (param.require) return c.json(fail(-1122, `${messages[-1122]}: ${param.name}`));
        continue;
      }
      if (typeof v !== 'string') return c.json(fail(-1124, `${messages[-1124]}: ${param.name}`));
      if ([...v.normalize('NFC')].length > param.maxLength) {
        return c.json(fail(-1121, `${messages[-1121]}: ${param.name}`));
      }
    }
    const trackingId = typeof body.tracking_id === 'string' ? body.tracking_id : '';
    if (trackingId.length > 48) return c.json(fail(-132, `${messages[-132]}: tracking_id`));
    if (body.mode === 'development' && !settings.adminPhones.includes(phone)) {
      return c.json(fail(-127, messages[-127]!));
    }
    if (settings.noZaloPhones.includes(phone)) return c.json(fail(-118, messages[-118]!));
    rollQuota();
    if (settings.remainingQuota <= 0) return c.json(fail(-144, messages[-144]!));
    settings.remainingQuota--;
    const msgId = randomBytes(10).toString('hex');
    const sentTime = Date.now();
    accepted.add({ trackingId, providerMessageId: msgId, to: phone, templateId: t.templateId, price: t.price });
    if (settings.deliver) {
      setTimeout(() => {
        const deliveryTime = Date.now();
        delivered.set(msgId, deliveryTime);
        void emit({
          event_name: 'user_received_message',
          sender: { id: tokens.oaId },
          recipient: { id: phone },
          message: { msg_id: msgId, delivery_time: String(deliveryTime), tracking_id: trackingId },
        });
      }, opts.deliveryDelayMs ?? 300).unref();
    }
    return c.json(
      ok({
        msg_id: msgId,
        sent_time: String(sentTime),
        sending_mode: String(body.sending_mode ?? '1'),
        quota: { dailyQuota: String(settings.dailyQuota), remainingQuota: String(settings.remainingQuota) },
      }),
    );
  });

  app.get('/message/quota', (c) => {
    rollQuota();
    return c.json(
      ok({
        dailyQuota: String(settings.dailyQuota),
        remainingQuota: String(settings.remainingQuota),
        dailyQuotaPromotion: null,
        remainingQuotaPromotion: null,
        monthlyPromotionQuota: 0,
        remainingMonthlyPromotionQuota: 0,
        estimatedNextMonthPromotionQuota: 0,
      }),
    );
  });

  app.get('/message/status', (c) => {
    const id = c.req.query('message_id') ?? '';
    if (!accepted.items().some((a) => a.providerMessageId === id)) return c.json(fail(-107, 'Message id is invalid'));
    const at = delivered.get(id);
    return c.json(
      ok(
        at
          ? { delivery_time: String(at), message: "The message was delivered to the user's phone", status: 1 }
          : { delivery_time: null, message: 'The message has not been delivered yet', status: 0 },
      ),
    );
  });

  const statusCode = { ENABLE: 1, PENDING_REVIEW: 2, REJECT: 3, DISABLE: 4 } as const;
  app.get('/template/all', (c) => {
    const status = c.req.query('status');
    if (status !== undefined && !/^[1-4]$/.test(status)) return c.json(fail(-132, messages[-132]!));
    const list = [...templates.values()].filter((t) => !status || statusCode[t.status] === Number(status));
    const offset = Number(c.req.query('offset') ?? 0) || 0;
    const limit = Math.min(Number(c.req.query('limit') ?? 100) || 100, 100);
    return c.json({
      ...ok({}),
      data: list.slice(offset, offset + limit).map((t) => ({
        templateId: t.templateId,
        templateName: t.templateName,
        createdTime: 1767225600000,
        status: t.status,
        templateQuality: 'HIGH',
      })),
      metadata: { total: list.length },
    });
  });

  app.get('/template/info/v2', (c) => {
    const t = templates.get(c.req.query('template_id') ?? '');
    if (!t) return c.json(fail(-109, messages[-109]!));
    return c.json(
      ok({
        templateId: t.templateId,
        templateName: t.templateName,
        status: t.status,
        reason: '',
        listParams: t.params.map((x) => ({
          name: x.name,
          require: x.require,
          type: String(x.type),
          maxLength: x.maxLength,
          minLength: 0,
          acceptNull: !x.require,
        })),
        listButtons: [],
        timeout: 7_200_000,
        previewUrl: '',
        templateQuality: 'HIGH',
        templateTag: ['TRANSACTION', 'CUSTOMER_CARE', 'PROMOTION'][t.tag - 1],
        price: String(t.price),
        price_sdt: String(t.price),
        price_uid: String(Math.round(t.price * 0.8)),
        applyTemplateQuota: false,
      }),
    );
  });

  /** Registers or replaces a template: {templateId, templateName, status, tag, price, params[{name,type,maxLength,require}]}. */
  app.post('/_sandbox/templates', async (c) => {
    const b = (await c.req.json().catch(() => ({}))) as Partial<ZnsTemplate>;
    if (!b.templateId || !Array.isArray(b.params)) return c.json({ error: 'templateId and params required' }, 400);
    const t: ZnsTemplate = {
      templateId: String(b.templateId),
      templateName: b.templateName ?? b.templateId,
      status: b.status ?? 'ENABLE',
      tag: b.tag ?? 1,
      price: b.price ?? 300,
      params: b.params,
    };
    templates.set(t.templateId, t);
    return c.json(t, 201);
  });
  app.get('/_sandbox/templates', (c) => c.json({ items: [...templates.values()] }));

  mountSandboxControls(app, {
    settings,
    sender,
    onSettingsChanged: (b) => {
      if (b.dailyQuota !== undefined && b.remainingQuota === undefined) settings.remainingQuota = b.dailyQuota;
    },
  });

  app.get('/', (c) =>
    c.html(
      '<!doctype html><html lang="vi"><meta charset="utf-8"><title>ZNS (giả lập)</title><h1>ZNS / ZBS theo số điện thoại — giả lập</h1><p>POST /message/template, GET /message/quota, GET /message/status, GET /template/all, GET /template/info/v2</p>',
    ),
  );
  return app;
}
