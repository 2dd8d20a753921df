import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { notifyAdapters } from '../../hub/notify/adapters.ts';
import { type RunningSandbox, startSandbox } from '../../sandbox/server.ts';
import { freePort } from '../support/channels.ts';
import { createTestApp, type TestApp } from '../support/hub.ts';

/** With SANDBOX on and nothing else configured, the hub's notification adapters reach every twin. */

let sandbox: RunningSandbox;
let t: TestApp;

beforeAll(async () => {
  const smtpPort = await freePort();
  sandbox = await startSandbox({ hubUrl: 'http://127.0.0.1:9', smtpPort, webhookRetryDelaysMs: [] });
  t = await createTestApp({
    seed: false,
    env: { SANDBOX: 'true', SANDBOX_URL: sandbox.url, SANDBOX_SMTP_PORT: String(smtpPort) },
  });
  await fetch(`${sandbox.url}/zalo-oa/_sandbox/users/khoa/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ text: 'Chào phòng khám' }),
  });
  await fetch(`${sandbox.url}/miniapp-notify/_sandbox/settings`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ allowedFromHour: 0, allowedToHour: 24 }),
  });
});

afterAll(async () => {
  await t?.close();
  await sandbox?.stop();
});

describe('notification adapters from the configuration', () => {
  it('sends on every channel through the sandbox twins', async () => {
    const a = notifyAdapters(t.deps);
    const trackingId = () => randomUUID();
    const text = { title: 'Nhắc lịch khám', body: 'Anh Khoa có lịch khám lúc 08:30 ngày mai.' };
    const sent = await Promise.all([
      a.zns!.send({
        trackingId: trackingId(),
        to: '84866123456',
        zns: { templateId: '413007', templateData: { customer_name: 'Trần Minh Khoa', visit_date: '12/09/2026' } },
      }),
      a.sms!.send({ trackingId: trackingId(), to: '0866123456', sms: { text: 'Nhac lich kham', unicode: false } }),
      a.email!.send({
        trackingId: trackingId(),
        to: 'minhkhoa.tran@gmail.com',
        email: { subject: 'Nhắc lịch khám', text: text.body, html: `<p>${text.body}</p>` },
      }),
      a.zalo_oa!.send({ trackingId: trackingId(), to: '4356127890123456702', text }),
      a.miniapp!.send({ trackingId: trackingId(), to: '5512345678901234504', text }),
    ]);
    expect(sent.every((s) => s.providerMessageId)).toBe(true);
    expect(await a.zns!.quota!()).toEqual({ dailyQuota: 500, remainingQuota: 499 });
  });
});
