import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PermanentError, RateLimitError } from '../../adapters/channels/errors.ts';
import { createMiniAppNotifyAdapter, miniAppCodes } from '../../adapters/notify/miniapp/index.ts';
import { createSmsAdapter } from '../../adapters/notify/sms/index.ts';
import { type RunningSandbox, startSandbox } from '../../sandbox/server.ts';
import { freePort } from '../support/channels.ts';

/** Provider rules the SMS and Mini App twins enforce, as the adapters report them (PROVIDERS.md §3.3, §5). */

let sandbox: RunningSandbox;
const sb = async <T = unknown>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> => {
  const res = await fetch(`${sandbox.url}${path}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return (await res.json()) as T;
};
const refusal = (p: Promise<unknown>) => p.then(() => undefined).catch((e: unknown) => e as Error);

beforeAll(async () => {
  sandbox = await startSandbox({ hubUrl: 'http://127.0.0.1:9', smtpPort: await freePort(), webhookRetryDelaysMs: [] });
});
afterAll(async () => sandbox?.stop());

describe('SMS through eSMS', () => {
  const sms = () =>
    createSmsAdapter({
      provider: 'esms',
      esms: {
        apiUrl: `${sandbox.url}/esms/MainService.svc/json`,
        apiKey: 'medicrm-sandbox-esms-api-key',
        secretKey: 'medicrm-sandbox-esms-secret-key',
        brandname: 'MEDICRM',
        callbackUrl: 'http://127.0.0.1:9/webhooks/esms',
      },
    });

  it('a retry with the same tracking id is reported as a duplicate, and only one message went out', async () => {
    const msg = { trackingId: randomUUID(), to: '0866123456', sms: { text: 'Nhac lich kham PK0012', unicode: false } };
    const first = await sms().send(msg);
    const again = await sms().send(msg);
    expect(first.duplicate).toBeUndefined();
    expect(again).toEqual({ providerMessageId: msg.trackingId, duplicate: true });
    const log = await sb<{ counts: Record<string, number> }>(
      'GET',
      `/esms/_sandbox/accepted?trackingId=${msg.trackingId}`,
    );
    expect(log.counts).toEqual({ [msg.trackingId]: 1 });
  });

  it('sends Vietnamese marks as Unicode even when the message says otherwise, and counts parts the same way', async () => {
    const adapter = sms() as ReturnType<typeof sms>;
    const text = 'Phòng khám nhắc lịch khám lúc 08:30';
    const msg = { trackingId: randomUUID(), to: '84866123456', sms: { text, unicode: false } };
    await adapter.send(msg);
    const log = await sb<{ items: { unicode: boolean }[] }>(
      'GET',
      `/esms/_sandbox/accepted?trackingId=${msg.trackingId}`,
    );
    expect(log.items[0]!.unicode).toBe(true);
    expect(adapter.segments(text)).toMatchObject({ encoding: 'ucs2', segments: 1 });
  });

  it('refuses a number that is not a Vietnamese mobile before calling the gateway', async () => {
    const err = await refusal(
      sms().send({ trackingId: randomUUID(), to: '02838221234', sms: { text: 'x', unicode: false } }),
    );
    expect(err).toBeInstanceOf(PermanentError);
  });
});

describe('Mini App notifications', () => {
  const miniapp = () =>
    createMiniAppNotifyAdapter({
      apiUrl: `${sandbox.url}/miniapp-notify`,
      apiKey: 'medicrm-sandbox-miniapp-open-api-key',
      miniAppId: '3170000000000000001',
      templateId: '00126fd75392bacce383',
      appTitle: 'Phòng khám Đa khoa MediCRM',
    });
  const note = (to: string) => ({
    trackingId: randomUUID(),
    to,
    text: { title: 'Nhắc lịch', body: 'Bạn có lịch khám.' },
  });
  const allDay = { allowedFromHour: 0, allowedToHour: 24, perUserDaily: 1, appDailyLimit: 1000, resetCounters: true };

  it('one per user per day: the second waits for midnight under its own code', async () => {
    await sb('POST', '/miniapp-notify/_sandbox/settings', allDay);
    await miniapp().send(note('5512345678901234501'));
    const err = await refusal(miniapp().send(note('5512345678901234501')));
    expect(err).toBeInstanceOf(RateLimitError);
    expect(err).toMatchObject({ providerCode: String(miniAppCodes.userDailyLimit) });
    const inbox = await sb<{ items: { title: string }[] }>(
      'GET',
      '/miniapp-notify/_sandbox/users/5512345678901234501/notifications',
    );
    expect(inbox.items).toHaveLength(1);
  });

  it('outside the allowed hours it waits; a user who has not opened the app for 7 days is out of reach', async () => {
    await sb('POST', '/miniapp-notify/_sandbox/settings', { ...allDay, allowedFromHour: 0, allowedToHour: 0 });
    const night = await refusal(miniapp().send(note('5512345678901234502')));
    expect(night).toBeInstanceOf(RateLimitError);
    expect(night).toMatchObject({ providerCode: String(miniAppCodes.outsideHours) });
    await sb('POST', '/miniapp-notify/_sandbox/settings', allDay);
    await sb('POST', '/miniapp-notify/_sandbox/users/5512345678901234503', { lastOpenedHoursAgo: 8 * 24 });
    const away = await refusal(miniapp().send(note('5512345678901234503')));
    expect(away).toBeInstanceOf(PermanentError);
    expect(away).toMatchObject({ providerCode: String(miniAppCodes.inactiveUser) });
  });
});
