import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mimeToRaw, startSmtpListener } from '../../adapters/channels/email/index.ts';
import { PermanentError, RateLimitError, TransientError } from '../../adapters/channels/errors.ts';
import type { RawRequest } from '../../adapters/channels/types.ts';
import { createNotifyEmailAdapter } from '../../adapters/notify/email/index.ts';
import { createMiniAppNotifyAdapter } from '../../adapters/notify/miniapp/index.ts';
import { createSmsAdapter } from '../../adapters/notify/sms/index.ts';
import type { NotifyAdapter, NotifyMessage } from '../../adapters/notify/types.ts';
import { createZaloOaMessageAdapter } from '../../adapters/notify/zalo-oa-message/index.ts';
import { createZnsAdapter } from '../../adapters/notify/zns/index.ts';
import { type RunningSandbox, startSandbox } from '../../sandbox/server.ts';
import { freePort } from '../support/channels.ts';

/**
 * One suite every notification adapter passes against its sandbox twin (STYLE.md): a message goes out and the twin
 * holds it; the twin's permanent refusal, rate limit or quota, and temporary failure (HTTP 5xx, a timeout) come back
 * as PermanentError / RateLimitError / TransientError; the twin's delivery callback verifies and parses into a
 * DeliveryReport naming the message; a forged callback is refused. The twins call back into a capture endpoint here.
 */

let sandbox: RunningSandbox;
let captureUrl = '';
const captured: RawRequest[] = [];
let captureServer: ReturnType<typeof serve>;
let smtpCapture: Awaited<ReturnType<typeof startSmtpListener>>;
let smtpPort = 0;

const call = async <T = unknown>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> => {
  const res = await fetch(`${sandbox.url}${path}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return (await res.json()) as T;
};

async function capture(match: (r: RawRequest) => boolean): Promise<RawRequest> {
  for (let i = 0; i < 400; i++) {
    const hit = captured.find(match);
    if (hit) return hit;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error('the twin delivered no callback');
}
const mentions = (id: string) => (r: RawRequest) => r.rawBody.includes(id) || (r.query ?? '').includes(id);

beforeAll(async () => {
  const app = new Hono();
  // GET (eSMS) and POST callbacks alike: headers, body and query string as the hub's webhook routes hand them over
  app.all('/webhooks/:provider', async (c) => {
    const headers: Record<string, string> = {};
    c.req.raw.headers.forEach((v, k) => {
      headers[k] = v;
    });
    const query = new URL(c.req.url).search.replace(/^\?/, '');
    captured.push({ headers, rawBody: await c.req.text(), query });
    return c.json({ ok: true });
  });
  captureServer = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 });
  await new Promise((r) => captureServer.once('listening', r));
  captureUrl = `http://127.0.0.1:${(captureServer.address() as AddressInfo).port}`;
  smtpCapture = await startSmtpListener({
    host: '127.0.0.1',
    port: 0,
    mailboxes: ['cskh@demo.medicrm.vn'],
    maxBytes: 1_000_000,
    async onMessage(mime) {
      captured.push(mimeToRaw(mime));
    },
  });
  smtpPort = await freePort();
  sandbox = await startSandbox({
    hubUrl: captureUrl,
    smtpPort,
    hubSmtp: { host: '127.0.0.1', port: smtpCapture.port },
    deliveryDelayMs: 10,
    webhookRetryDelaysMs: [],
  });
});

afterAll(async () => {
  await sandbox?.stop();
  await smtpCapture?.close();
  await new Promise<void>((r) => captureServer?.close(() => r()));
});

interface Subject {
  name: string;
  adapter(opts?: { timeoutMs?: number }): NotifyAdapter;
  /** a message the twin accepts */
  ok(): Promise<NotifyMessage>;
  /** a message the twin refuses for good */
  permanent(): Promise<NotifyMessage>;
  /** makes the twin answer its rate limit or exhausted quota; says which provider code to expect, if a fixed one */
  rateLimited(): Promise<string | undefined>;
  /** makes the twin answer HTTP 5xx (or its temporary failure) to the next request */
  transient(): Promise<void>;
  /** makes the twin slower than the adapter's timeout; omitted where the twin has no latency control */
  slow?(): Promise<void>;
  reset(): Promise<void>;
  /** the twin holds this message */
  holds(providerMessageId: string, trackingId: string): Promise<boolean>;
  /** the twin's delivery callback for this message; omitted where the provider has none */
  callback?(providerMessageId: string, trackingId: string): Promise<RawRequest>;
  forge?(req: RawRequest): RawRequest;
}

const faults = (prefix: string, body: Record<string, unknown>) => call('POST', `/${prefix}/_sandbox/faults`, body);
const accepted = async (prefix: string, id: string) =>
  (await call<{ items: { providerMessageId: string }[] }>('GET', `/${prefix}/_sandbox/accepted`)).items.some(
    (i) => i.providerMessageId === id,
  );

const zaloWebhook = {
  appId: '1000000000000000001',
  oaId: '2000000000000000001',
  oaSecretKey: 'medicrm-sandbox-oa-secret-key',
  variants: ['app_id+oa_secret'] as const,
  maxAgeSeconds: 3600,
};

const zns: Subject = {
  name: 'ZNS',
  adapter: (o) =>
    createZnsAdapter({
      apiUrl: `${sandbox.url}/zns`,
      accessToken: 'medicrm-sandbox-oa-access-token',
      oaId: zaloWebhook.oaId,
      webhook: zaloWebhook,
      timeoutMs: o?.timeoutMs,
    }),
  ok: async () => ({
    trackingId: randomUUID(),
    to: '0912 345 678',
    zns: {
      templateId: '413002',
      templateData: {
        customer_name: 'Nguyễn Thị Thu Hương',
        service_name: 'Khám tổng quát',
        appointment_time: '08:30 12/09/2026',
        clinic_address: 'Cơ sở Quận 1, 12 Lê Lợi',
        booking_code: 'PK0012',
      },
    },
  }),
  // a number with no Zalo account: -118
  permanent: async () => ({ ...(await zns.ok()), to: '84909118118' }),
  async rateLimited() {
    await call('POST', '/zns/_sandbox/settings', { remainingQuota: 0 });
    return 'quota';
  },
  transient: async () => void (await faults('zns', { http5xxRequests: 1 })),
  slow: async () => void (await faults('zns', { latencyMs: 3_000 })),
  async reset() {
    await faults('zns', { reset: true });
    await call('POST', '/zns/_sandbox/settings', { remainingQuota: 500 });
  },
  holds: (id) => accepted('zns', id),
  callback: (id) => capture(mentions(id)),
  forge: (req) => ({ ...req, rawBody: req.rawBody.replace(/"delivery_time":"\d/, '"delivery_time":"9') }),
};

const esms: Subject = {
  name: 'SMS via eSMS',
  adapter: (o) =>
    createSmsAdapter({
      provider: 'esms',
      esms: {
        apiUrl: `${sandbox.url}/esms/MainService.svc/json`,
        apiKey: 'medicrm-sandbox-esms-api-key',
        secretKey: 'medicrm-sandbox-esms-secret-key',
        brandname: 'MEDICRM',
        callbackUrl: `${captureUrl}/webhooks/esms`,
        timeoutMs: o?.timeoutMs,
      },
    }),
  ok: async () => ({
    trackingId: randomUUID(),
    to: '84866123456',
    sms: { text: 'Phong kham MediCRM: nhac lich kham PK0012 luc 08:30 12/09.', unicode: false },
  }),
  // a content that does not match the brandname's registered template: 146
  async permanent() {
    await faults('esms', { failNext: 1, failCode: '146' });
    return esms.ok();
  },
  async rateLimited() {
    await call('POST', '/esms/_sandbox/settings', { requestsPerSecond: 0 });
    return undefined;
  },
  transient: async () => void (await faults('esms', { http5xxRequests: 1 })),
  slow: async () => void (await faults('esms', { latencyMs: 3_000 })),
  async reset() {
    await faults('esms', { reset: true });
    await call('POST', '/esms/_sandbox/settings', { requestsPerSecond: 50 });
  },
  holds: (id) => accepted('esms', id),
  callback: (id) => capture(mentions(id)),
  forge: (req) => ({ ...req, query: req.query?.replace(/token=[0-9a-f]/, 'token=x') }),
};

const speedsms: Subject = {
  name: 'SMS via SpeedSMS',
  adapter: (o) =>
    createSmsAdapter({
      provider: 'speedsms',
      speedsms: {
        apiUrl: `${sandbox.url}/speedsms/index.php`,
        accessToken: 'medicrm-sandbox-speedsms-access-token',
        sender: 'MEDICRM',
        timeoutMs: o?.timeoutMs,
      },
    }),
  ok: async () => ({
    trackingId: randomUUID(),
    to: '0935667788',
    sms: { text: 'Phòng khám MediCRM: đã có kết quả xét nghiệm của bạn.', unicode: true },
  }),
  // longer than the gateway takes: 113
  permanent: async () => ({ ...(await speedsms.ok()), sms: { text: 'Nhắc lịch khám. '.repeat(60), unicode: true } }),
  async rateLimited() {
    await call('POST', '/speedsms/_sandbox/settings', { requestsPer60s: 0 });
    return 'http_429';
  },
  transient: async () => void (await faults('speedsms', { http5xxRequests: 1 })),
  slow: async () => void (await faults('speedsms', { latencyMs: 3_000 })),
  async reset() {
    await faults('speedsms', { reset: true });
    await call('POST', '/speedsms/_sandbox/settings', { requestsPer60s: 60_000 });
  },
  holds: (id) => accepted('speedsms', id),
  callback: (id) => capture((r) => r.rawBody.includes(`"tranId":${id},`)),
  forge: (req) => ({ ...req, query: 'token=0123456789abcdef0123456789abcdef' }),
};

let mails = 0;
const email: Subject = {
  name: 'Email (SMTP)',
  adapter: (o) =>
    createNotifyEmailAdapter({
      smtpUrl: `smtp://127.0.0.1:${smtpPort}`,
      fromAddress: 'no-reply@demo.medicrm.vn',
      fromName: 'Phòng khám Đa khoa MediCRM',
      bounceAddress: 'cskh@demo.medicrm.vn',
      signingSecret: 'conformance-signing-secret-0123456789',
      timeoutMs: o?.timeoutMs,
    }),
  ok: async () => ({
    trackingId: randomUUID(),
    to: 'minhkhoa.tran@gmail.com',
    email: {
      subject: `Nhắc lịch khám ${++mails}`,
      text: 'Kính gửi anh Khoa, phòng khám nhắc lịch khám lúc 08:30.',
      html: '<p>Kính gửi anh Khoa, phòng khám nhắc lịch khám lúc <b>08:30</b>.</p>',
      unsubscribeUrl: 'https://hub.example.vn/u/abc',
    },
  }),
  permanent: async () => ({ ...(await email.ok()), to: 'khong-ton-tai@gmail.com' }),
  async rateLimited() {
    await call('POST', '/smtp/_sandbox/settings', { messagesPerMinute: 0 });
    return '421';
  },
  transient: async () => void (await call('POST', '/smtp/_sandbox/settings', { transientFaults: 1 })),
  reset: async () =>
    void (await call('POST', '/smtp/_sandbox/settings', { messagesPerMinute: 600, transientFaults: 0 })),
  async holds(id) {
    const box = await call<{ items: { messageId: string }[] }>('GET', '/smtp/_sandbox/mailboxes/khoa');
    return box.items.some((m) => m.messageId === id);
  },
  callback: (_id, trackingId) => capture((r) => /multipart\/report/i.test(r.rawBody) && r.rawBody.includes(trackingId)),
  forge: (req) => ({ ...req, rawBody: req.rawBody.replace(/(Original-Envelope-Id: [^.\r\n]+\.)[0-9a-f]/, '$1x') }),
};

const oa: Subject = {
  name: 'Zalo OA consultation message',
  adapter: (o) =>
    createZaloOaMessageAdapter({
      apiUrl: `${sandbox.url}/zalo-oa`,
      accessToken: 'medicrm-sandbox-oa-access-token',
      oaId: zaloWebhook.oaId,
      webhook: zaloWebhook,
      timeoutMs: o?.timeoutMs,
    }),
  async ok() {
    await call('POST', '/zalo-oa/_sandbox/users/khoa/messages', { text: 'Cho em hỏi lịch khám' });
    return {
      trackingId: randomUUID(),
      to: '4356127890123456702',
      text: {
        title: 'Nhắc lịch khám',
        body: 'Anh Khoa có lịch khám lúc 08:30 ngày mai.',
        link: 'https://zalo.me/s/1/',
      },
    };
  },
  // outside the 7-day window: -230
  async permanent() {
    await call('POST', '/zalo-oa/_sandbox/users/lan/last-interaction', { hoursAgo: 8 * 24 });
    return { trackingId: randomUUID(), to: '4356127890123456703', text: { body: 'Tin sau 8 ngày' } };
  },
  async rateLimited() {
    await call('POST', '/zalo-oa/_sandbox/settings', { rateLimitPerMinute: 0 });
    return '-32';
  },
  transient: async () => void (await call('POST', '/zalo-oa/_sandbox/settings', { transientFaults: 1 })),
  reset: async () =>
    void (await call('POST', '/zalo-oa/_sandbox/settings', { rateLimitPerMinute: 4000, transientFaults: 0 })),
  async holds(id) {
    const t = await call<{ items: { msgId: string }[] }>('GET', '/zalo-oa/_sandbox/users/khoa/messages');
    return t.items.some((m) => m.msgId === id);
  },
  callback: (id) => capture((r) => r.rawBody.includes(id) && r.rawBody.includes('user_received_message')),
  forge: (req) => ({ ...req, rawBody: req.rawBody.replace('user_received_message', 'user_received_messagf') }),
};

const miniapp: Subject = {
  name: 'Mini App notification',
  adapter: (o) =>
    createMiniAppNotifyAdapter({
      apiUrl: `${sandbox.url}/miniapp-notify`,
      apiKey: 'medicrm-sandbox-miniapp-open-api-key',
      miniAppId: '3170000000000000001',
      templateId: '00126fd75392bacce383',
      appTitle: 'Phòng khám Đa khoa MediCRM',
      timeoutMs: o?.timeoutMs,
    }),
  ok: async () => ({
    trackingId: randomUUID(),
    to: '5512345678901234504',
    text: {
      title: 'Nhắc lịch khám',
      body: 'Bạn có lịch khám lúc 08:30 ngày mai.',
      link: 'https://zalo.me/s/3170000000000000001/',
    },
  }),
  // never opted in to notifications: -1101
  async permanent() {
    await call('POST', '/miniapp-notify/_sandbox/users/5512345678901234505', { optedIn: false });
    return { ...(await miniapp.ok()), to: '5512345678901234505' };
  },
  async rateLimited() {
    await call('POST', '/miniapp-notify/_sandbox/settings', { appDailyLimit: 0 });
    return 'quota';
  },
  transient: async () => void (await faults('miniapp-notify', { http5xxRequests: 1 })),
  slow: async () => void (await faults('miniapp-notify', { latencyMs: 3_000 })),
  async reset() {
    await faults('miniapp-notify', { reset: true });
    // the demo runs at any hour and sends several a day to one user: open the hours and lift the per-user limit
    await call('POST', '/miniapp-notify/_sandbox/settings', {
      appDailyLimit: 1000,
      perUserDaily: 1000,
      allowedFromHour: 0,
      allowedToHour: 24,
      resetCounters: true,
    });
  },
  holds: (id) => accepted('miniapp-notify', id),
};

describe.each([zns, esms, speedsms, email, oa, miniapp])('$name adapter against its twin', (subject) => {
  let adapter: NotifyAdapter;
  beforeAll(() => {
    adapter = subject.adapter();
  });

  it('sends, and the twin holds the message under the returned id', async () => {
    await subject.reset();
    const msg = await subject.ok();
    const res = await adapter.send(msg);
    expect(res.providerMessageId).toBeTruthy();
    expect(await subject.holds(res.providerMessageId, msg.trackingId)).toBe(true);
  });

  it('classifies a refusal for good as PermanentError with a Vietnamese reason', async () => {
    await subject.reset();
    const err = await adapter.send(await subject.permanent()).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PermanentError);
    expect((err as PermanentError).reason).toMatch(/[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]/i);
  });

  it('classifies the rate limit or used-up quota as RateLimitError with a wait', async () => {
    await subject.reset();
    const msg = await subject.ok();
    const code = await subject.rateLimited();
    const err = await adapter.send(msg).catch((e: unknown) => e);
    await subject.reset();
    expect(err).toBeInstanceOf(RateLimitError);
    expect((err as RateLimitError).retryAfterMs).toBeGreaterThan(0);
    if (code) expect((err as RateLimitError).providerCode).toBe(code);
    if (code === 'quota') expect((err as RateLimitError).retryAfterMs).toBeLessThanOrEqual(24 * 3_600_000);
  });

  it('classifies a temporary failure as TransientError, and the retry goes through', async () => {
    await subject.reset();
    const msg = await subject.ok();
    await subject.transient();
    const err = await adapter.send(msg).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TransientError);
    const retried = await adapter.send({ ...msg, trackingId: randomUUID() });
    expect(retried.providerMessageId).toBeTruthy();
  });

  it.skipIf(!subject.slow)('classifies a timeout as TransientError', async () => {
    await subject.reset();
    const msg = await subject.ok();
    await subject.slow!();
    const err = await subject
      .adapter({ timeoutMs: 200 })
      .send(msg)
      .catch((e: unknown) => e);
    await subject.reset();
    expect(err).toBeInstanceOf(TransientError);
  });

  it.skipIf(!subject.callback)('verifies the twin’s delivery callback and parses it into a report', async () => {
    await subject.reset();
    const msg = await subject.ok();
    const { providerMessageId } = await adapter.send(msg);
    const req = await subject.callback!(providerMessageId, msg.trackingId);
    expect(adapter.verifyCallback!(req)).toMatchObject({ ok: true });
    const reports = adapter.parseCallback!(req);
    expect(reports).toEqual([
      expect.objectContaining({
        channel: adapter.channel,
        providerMessageId,
        state: 'delivered',
        at: expect.any(Date),
      }),
    ]);
    if (reports[0]!.trackingId !== undefined) expect(reports[0]!.trackingId).toBe(msg.trackingId);
  });

  it.skipIf(!subject.forge)('refuses a forged or altered callback', async () => {
    await subject.reset();
    const msg = await subject.ok();
    const { providerMessageId } = await adapter.send(msg);
    const req = await subject.callback!(providerMessageId, msg.trackingId);
    expect(adapter.verifyCallback!(subject.forge!(req))).toEqual({ ok: false, reason: 'bad_signature' });
  });
});
