import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEmailAdapter, mimeToRaw, startSmtpListener } from '../../adapters/channels/email/index.ts';
import { PermanentError, RateLimitError, TransientError } from '../../adapters/channels/errors.ts';
import { createMessengerAdapter } from '../../adapters/channels/messenger/index.ts';
import type { ChannelAdapter, InboundEvent, RawRequest } from '../../adapters/channels/types.ts';
import { createZaloOaAdapter } from '../../adapters/channels/zalo-oa/index.ts';
import { type RunningSandbox, startSandbox } from '../../sandbox/server.ts';
import { freePort } from '../support/channels.ts';

/**
 * One suite every channel adapter passes against its sandbox twin (STYLE.md): a message goes out, the twin's
 * permanent refusal, rate limit and temporary failure come back as PermanentError / RateLimitError / TransientError,
 * a delivery the twin makes (webhook or SMTP) parses into the normalised event, and a forged one is refused.
 * The twins call back into a capture endpoint here instead of a hub.
 */

let sandbox: RunningSandbox;
const captured: RawRequest[] = [];
let captureServer: ReturnType<typeof serve>;
let smtpCapture: Awaited<ReturnType<typeof startSmtpListener>>;

const call = async <T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> => {
  const res = await fetch(`${sandbox.url}${path}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return (await res.json()) as T;
};

async function nextCapture(match: (r: RawRequest) => boolean): Promise<RawRequest> {
  for (let i = 0; i < 200; i++) {
    const hit = captured.find(match);
    if (hit) return hit;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error('the twin delivered nothing');
}

beforeAll(async () => {
  const capture = new Hono();
  capture.post('/webhooks/:provider', async (c) => {
    const headers: Record<string, string> = {};
    c.req.raw.headers.forEach((v, k) => {
      headers[k] = v;
    });
    captured.push({ headers, rawBody: await c.req.text() });
    return c.json({ ok: true });
  });
  captureServer = serve({ fetch: capture.fetch, hostname: '127.0.0.1', port: 0 });
  await new Promise((r) => captureServer.once('listening', r));
  const captureUrl = `http://127.0.0.1:${(captureServer.address() as AddressInfo).port}`;
  smtpCapture = await startSmtpListener({
    host: '127.0.0.1',
    port: 0,
    mailboxes: ['cskh@demo.medicrm.vn'],
    maxBytes: 1_000_000,
    async onMessage(mime) {
      captured.push(mimeToRaw(mime));
    },
  });
  sandbox = await startSandbox({
    hubUrl: captureUrl,
    smtpPort: await freePort(),
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
  adapter(): ChannelAdapter;
  /** a message the twin accepts (after the person wrote in, where the channel needs it) */
  ready(): Promise<{ to: string; text: string; email?: { subject: string; messageId: string } }>;
  permanent(): Promise<{ to: string; text: string; email?: { subject: string; messageId: string } }>;
  rateLimited(): Promise<void>;
  transient(): Promise<void>;
  reset(): Promise<void>;
  /** the person writes: the twin delivers it to us; returns what to expect in the parsed event */
  inbound(): Promise<{ req: RawRequest; text: string; externalId: string }>;
  tamper?(req: RawRequest): RawRequest;
  /** where the message shows on the twin's side */
  received(providerMessageId: string): Promise<boolean>;
}

const zalo: Subject = {
  name: 'Zalo OA',
  adapter: () =>
    createZaloOaAdapter({
      apiUrl: `${sandbox.url}/zalo-oa`,
      accessToken: 'medicrm-sandbox-oa-access-token',
      appId: '1000000000000000001',
      oaId: '2000000000000000001',
      oaSecretKey: 'medicrm-sandbox-oa-secret-key',
      variants: ['app_id+oa_secret'],
      maxAgeSeconds: 3600,
    }),
  async ready() {
    await call('POST', '/zalo-oa/_sandbox/users/khoa/messages', { text: 'Xin chào' });
    return { to: '4356127890123456702', text: 'Dạ phòng khám xin chào anh Khoa' };
  },
  async permanent() {
    await call('POST', '/zalo-oa/_sandbox/users/lan/last-interaction', { hoursAgo: 8 * 24 });
    return { to: '4356127890123456703', text: 'Tin sau 8 ngày' };
  },
  rateLimited: () => call('POST', '/zalo-oa/_sandbox/settings', { rateLimitPerMinute: 0 }),
  transient: () => call('POST', '/zalo-oa/_sandbox/settings', { transientFaults: 1 }),
  reset: () => call('POST', '/zalo-oa/_sandbox/settings', { rateLimitPerMinute: 4000, transientFaults: 0 }),
  async inbound() {
    const { msgId } = await call<{ msgId: string }>('POST', '/zalo-oa/_sandbox/users/minhthu/messages', {
      text: 'Cho em đặt lịch khám da liễu',
    });
    return {
      req: await nextCapture((r) => r.rawBody.includes(msgId) && r.rawBody.includes('user_send_text')),
      text: 'Cho em đặt lịch khám da liễu',
      externalId: '4356127890123456790',
    };
  },
  tamper: (req) => ({ ...req, rawBody: req.rawBody.replace('da liễu', 'răng hàm mặt') }),
  async received(id) {
    const t = await call<{ items: { msgId: string }[] }>('GET', '/zalo-oa/_sandbox/users/khoa/messages');
    return t.items.some((m) => m.msgId === id);
  },
};

const messenger: Subject = {
  name: 'Messenger',
  adapter: () =>
    createMessengerAdapter({
      graphUrl: `${sandbox.url}/messenger`,
      graphVersion: 'v25.0',
      pageAccessToken: 'medicrm-sandbox-page-access-token',
      appSecret: 'medicrm-sandbox-meta-app-secret',
      verifyToken: 'medicrm-sandbox-verify-token',
      pageId: '3000000000000000001',
    }),
  async ready() {
    await call('POST', '/messenger/_sandbox/users/khoa/messages', { text: 'Chào trang' });
    return { to: '7012345678901297', text: 'Dạ trang xin chào anh' };
  },
  async permanent() {
    await call('POST', '/messenger/_sandbox/users/lan/last-message', { hoursAgo: 8 * 24 });
    return { to: '7012345678901296', text: 'Tin sau 8 ngày' };
  },
  rateLimited: () => call('POST', '/messenger/_sandbox/settings', { rateLimitPerSecond: 0 }),
  transient: () => call('POST', '/messenger/_sandbox/settings', { transientFaults: 1 }),
  reset: () => call('POST', '/messenger/_sandbox/settings', { rateLimitPerSecond: 300, transientFaults: 0 }),
  async inbound() {
    const { mid } = await call<{ mid: string }>('POST', '/messenger/_sandbox/users/ngocanh/messages', {
      text: 'Em muốn hỏi lịch siêu âm',
    });
    return {
      req: await nextCapture((r) => r.rawBody.includes(mid)),
      text: 'Em muốn hỏi lịch siêu âm',
      externalId: '7012345678901234',
    };
  },
  // Meta escapes non-ASCII: the signed bytes hold "si\u00eau"; changing one escaped letter breaks the signature
  tamper: (req) => ({ ...req, rawBody: req.rawBody.replace('\\u00eau', '\\u00e2u') }),
  async received(id) {
    const t = await call<{ items: { mid: string }[] }>('GET', '/messenger/_sandbox/users/khoa/messages');
    return t.items.some((m) => m.mid === id);
  },
};

/** the twin's SMTP port, read from the twin before the email adapter is made */
let smtpPort = 0;
let mailCounter = 0;
const email: Subject = {
  name: 'Email (SMTP)',
  adapter: () =>
    createEmailAdapter({
      smtpUrl: `smtp://127.0.0.1:${smtpPort}`,
      fromAddress: 'cskh@demo.medicrm.vn',
      fromName: 'Phòng khám Đa khoa MediCRM',
    }),
  async ready() {
    return {
      to: 'minhkhoa.tran@gmail.com',
      text: 'Kính gửi anh Khoa, phòng khám gửi lịch hẹn.',
      email: { subject: 'Lịch hẹn khám', messageId: `conformance-${++mailCounter}@demo.medicrm.vn` },
    };
  },
  async permanent() {
    return {
      to: 'khong-ton-tai@gmail.com',
      text: 'Thư tới hộp thư không tồn tại',
      email: { subject: 'Thử', messageId: `conformance-${++mailCounter}@demo.medicrm.vn` },
    };
  },
  rateLimited: () => call('POST', '/smtp/_sandbox/settings', { messagesPerMinute: 0 }),
  transient: () => call('POST', '/smtp/_sandbox/settings', { transientFaults: 1 }),
  reset: () => call('POST', '/smtp/_sandbox/settings', { messagesPerMinute: 600, transientFaults: 0 }),
  async inbound() {
    const { messageId } = await call<{ messageId: string }>('POST', '/smtp/_sandbox/mailboxes/huong/send', {
      subject: 'Hỏi lịch khám cho con',
      text: 'Bé nhà tôi 5 tuổi, muốn khám nhi sáng thứ Bảy.',
    });
    return {
      req: await nextCapture((r) => r.rawBody.includes(messageId)),
      text: 'Bé nhà tôi 5 tuổi, muốn khám nhi sáng thứ Bảy.',
      externalId: 'thuhuong.nguyen@gmail.com',
    };
  },
  async received(id) {
    const box = await call<{ items: { messageId: string }[] }>('GET', '/smtp/_sandbox/mailboxes/khoa');
    return box.items.some((m) => m.messageId === id);
  },
};

describe.each([zalo, messenger, email])('$name adapter against its twin', (subject) => {
  let adapter: ChannelAdapter;
  beforeAll(async () => {
    const s = await call<{ smtpPort: number }>('POST', '/smtp/_sandbox/settings', {});
    smtpPort = s.smtpPort;
    adapter = subject.adapter();
  });

  it('sends a message and gets the provider id back', async () => {
    await subject.reset();
    const msg = await subject.ready();
    const res = await adapter.send(msg);
    expect(res.providerMessageId).toBeTruthy();
    expect(await subject.received(res.providerMessageId)).toBe(true);
  });

  it('classifies a refusal for good as PermanentError with a Vietnamese reason', async () => {
    await subject.reset();
    const err = await adapter.send(await subject.permanent()).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PermanentError);
    expect((err as PermanentError).reason).toMatch(/[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]/i);
  });

  it('classifies the rate limit as RateLimitError with a wait', async () => {
    await subject.reset();
    const msg = await subject.ready();
    await subject.rateLimited();
    const err = await adapter.send(msg).catch((e: unknown) => e);
    await subject.reset();
    expect(err).toBeInstanceOf(RateLimitError);
    expect((err as RateLimitError).retryAfterMs).toBeGreaterThan(0);
  });

  it('classifies a temporary failure as TransientError, and the retry goes through', async () => {
    await subject.reset();
    const msg = await subject.ready();
    await subject.transient();
    const err = await adapter.send(msg).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TransientError);
    const retried = await adapter.send(
      msg.email ? { ...msg, email: { ...msg.email, messageId: `r-${msg.email.messageId}` } } : msg,
    );
    expect(retried.providerMessageId).toBeTruthy();
  });

  it('parses what the twin delivers into a normalised message event', async () => {
    const { req, text, externalId } = await subject.inbound();
    expect(adapter.webhookEnvelope?.(req)?.dedupeKey).toBeTruthy();
    const events = (await adapter.parseWebhook!(req)) as InboundEvent[];
    const message = events.find((e) => e.type === 'message');
    expect(message).toMatchObject({ type: 'message', text, echo: false, person: { externalId } });
  });

  it.skipIf(!subject.tamper)('accepts the twin’s signature and refuses a forged or altered delivery', async () => {
    const { req } = await subject.inbound();
    expect(adapter.verifyWebhook!(req)).toMatchObject({ ok: true });
    expect(adapter.verifyWebhook!(subject.tamper!(req))).toEqual({ ok: false, reason: 'bad_signature' });
    const unsigned = {
      ...req,
      headers: { ...req.headers, 'x-zevent-signature': undefined, 'x-hub-signature-256': undefined },
    };
    expect(adapter.verifyWebhook!(unsigned)).toEqual({ ok: false, reason: 'bad_signature' });
  });
});
