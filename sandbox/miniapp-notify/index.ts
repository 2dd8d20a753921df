import { randomBytes } from 'node:crypto';
import { Hono } from 'hono';
import { acceptedLog, faults, mountFaults } from '../faults.ts';
import { fakePatients } from '../patients.ts';

/**
 * Twin of the Mini App notification API (openapi.mini.zalo.me, PROVIDERS.md §3.3): `X-Api-Key: Bearer <key>`,
 * `X-User-Id` (app-scoped), `X-MiniApp-Id`; only to users who opted in (requestSendNotification) and opened the app
 * in the last 7 days; 1 per user per day, 1,000 per app per day, 06:00–22:00 Vietnam time. Zalo publishes neither the
 * answer's shape nor the codes: `{error, message, data}` and the codes -1101…-1107 are this twin's (the adapter's
 * miniAppCodes). No delivery callback exists.
 *
 * /_sandbox/*: users (opt in or out, last opened), what each received, settings (limits, hours), forced faults, the
 * accepted sends (listed by user id: the API takes no tracking id).
 */
export interface MiniAppNotifyTwinOptions {
  /** how long ago the demo patients last opened the Mini App, in hours (default: just now) */
  lastOpenedHoursAgo?: number;
}

/** The sandbox Mini App and its open-API key (hub/config.ts holds the same values). */
export const sandboxMiniApp = {
  miniAppId: '3170000000000000001',
  apiKey: 'medicrm-sandbox-miniapp-open-api-key',
  templateId: '00126fd75392bacce383',
} as const;

interface AppUser {
  optedIn: boolean;
  lastOpened: number;
  received: { msgId: string; title: string; body: string; url: string; at: string }[];
}

const day = 24 * 3_600_000;
const vn = (t = Date.now()) => new Date(t + 7 * 3_600_000);
const fail = (error: number, message: string) => ({ error, message });
const required = ['buttonText', 'buttonUrl', 'title', 'contentTitle', 'contentDescription'] as const;

export function miniAppNotifyTwin(opts: MiniAppNotifyTwinOptions = {}) {
  const opened = Date.now() - (opts.lastOpenedHoursAgo ?? 0) * 3_600_000;
  const users = new Map<string, AppUser>(
    fakePatients.map((p) => [p.zaloAppUserId, { optedIn: true, lastOpened: opened, received: [] }]),
  );
  const settings = { appDailyLimit: 1000, perUserDaily: 1, allowedFromHour: 6, allowedToHour: 22 };
  const f = faults();
  let counterDay = vn().toISOString().slice(0, 10);
  let appToday = 0;
  const userToday = new Map<string, number>();

  const app = new Hono();
  const accepted = acceptedLog(app);
  mountFaults(app, f);

  app.post('/notification/template', async (c) => {
    const down = await f.before();
    if (down) return down;
    if (c.req.header('x-api-key') !== `Bearer ${sandboxMiniApp.apiKey}`) {
      return c.json(fail(-401, 'Api key is invalid'), 401);
    }
    if (c.req.header('x-miniapp-id') !== sandboxMiniApp.miniAppId) return c.json(fail(-1107, 'MiniApp id is invalid'));
    const forced = f.forcedCode();
    if (forced) return c.json(fail(Number(forced), 'Forced error (sandbox)'));
    const userId = c.req.header('x-user-id') ?? '';
    const u = users.get(userId);
    if (!u?.optedIn) return c.json(fail(-1101, 'User has not allowed the Mini App to send notifications'));
    if (Date.now() - u.lastOpened > 7 * day) return c.json(fail(-1102, 'User has not accessed the Mini App in 7 days'));
    const b = (await c.req.json().catch(() => ({}))) as { templateId?: string; templateData?: Record<string, unknown> };
    if (b.templateId !== sandboxMiniApp.templateId) return c.json(fail(-1106, 'Template id is invalid'));
    const data = b.templateData ?? {};
    if (required.some((k) => typeof data[k] !== 'string' || !(data[k] as string).trim())) {
      return c.json(fail(-1107, 'Template data is invalid'));
    }
    const hour = vn().getUTCHours();
    if (hour < settings.allowedFromHour || hour >= settings.allowedToHour) {
      return c.json(fail(-1105, 'Notifications can only be sent from 06:00 to 22:00'));
    }
    const today = vn().toISOString().slice(0, 10);
    if (today !== counterDay) {
      counterDay = today;
      appToday = 0;
      userToday.clear();
    }
    if (appToday >= settings.appDailyLimit) return c.json(fail(-1104, 'App has reached its daily notification limit'));
    if ((userToday.get(userId) ?? 0) >= settings.perUserDaily) {
      return c.json(fail(-1103, 'User has reached the daily notification limit'));
    }
    appToday++;
    userToday.set(userId, (userToday.get(userId) ?? 0) + 1);
    const msgId = randomBytes(10).toString('hex');
    const record = {
      msgId,
      title: String(data.contentTitle),
      body: String(data.contentDescription),
      url: String(data.buttonUrl),
      at: new Date().toISOString(),
    };
    u.received.push(record);
    accepted.add({ trackingId: userId, providerMessageId: msgId, to: userId, title: record.title });
    return c.json({ error: 0, message: 'Success', data: { msgId } });
  });

  /** Opt a user in or out, or move their last visit: {optedIn?, lastOpenedHoursAgo?}; unknown ids are created. */
  app.post('/_sandbox/users/:id', async (c) => {
    const id = c.req.param('id');
    const b = (await c.req.json().catch(() => ({}))) as { optedIn?: boolean; lastOpenedHoursAgo?: number };
    const u = users.get(id) ?? { optedIn: false, lastOpened: Date.now(), received: [] };
    if (typeof b.optedIn === 'boolean') u.optedIn = b.optedIn;
    if (typeof b.lastOpenedHoursAgo === 'number') u.lastOpened = Date.now() - b.lastOpenedHoursAgo * 3_600_000;
    users.set(id, u);
    return c.json({ id, optedIn: u.optedIn, lastOpened: new Date(u.lastOpened).toISOString() });
  });
  app.get('/_sandbox/users/:id/notifications', (c) => c.json({ items: users.get(c.req.param('id'))?.received ?? [] }));

  app.post('/_sandbox/settings', async (c) => {
    const b = (await c.req.json().catch(() => ({}))) as Partial<typeof settings> & { resetCounters?: boolean };
    for (const k of Object.keys(settings) as (keyof typeof settings)[]) {
      if (typeof b[k] === 'number') settings[k] = b[k];
    }
    if (b.resetCounters) {
      appToday = 0;
      userToday.clear();
    }
    return c.json(settings);
  });

  app.get('/', (c) =>
    c.html(
      '<!doctype html><html lang="vi"><meta charset="utf-8"><title>Thông báo Mini App (giả lập)</title><h1>Zalo Mini App — thông báo, giả lập</h1><p>POST /notification/template</p>',
    ),
  );
  return app;
}
