import { createHash, randomBytes } from 'node:crypto';
import { Hono } from 'hono';
import { type FakePatient, fakePatients } from '../patients.ts';
import { mountSandboxControls, webhookSender } from '../webhook-sender.ts';
import { sandboxZaloApp } from '../zalo-graph/index.ts';
import { type OaTokenAuthority, oaTokenAuthority } from '../zalo-oauth/index.ts';

/**
 * Twin of the Zalo Official Account API (openapi.zalo.me) as PROVIDERS.md §1 describes it: consultation messages with
 * the `{error, message, data}` envelope (errors on HTTP 200, negative codes of §1.7), the 7-day interaction rule, 8
 * free replies per 48 h then billable (or -320 without a Zalo Cloud Account), the app rate limit (-32), user detail,
 * and signed webhooks to the hub (§1.6): user messages, follows, submitted info, the OA's echo, delivery and seen.
 *
 * /_sandbox/* is the patient's phone: write as a fake patient, read what the OA sent with its delivery state.
 */
export interface ZaloOaTwinOptions {
  hubUrl: string;
  appId?: string;
  oaId?: string;
  oaSecretKey?: string;
  /** the OA's access tokens (shared with the OAuth and ZNS twins): expired ones answer -220, unknown ones -216 */
  tokens?: OaTokenAuthority;
  /** delay before the phone reports an OA message delivered */
  deliveryDelayMs?: number;
  retryDelaysMs?: number[];
}

/** The demo OA the hub uses when SANDBOX is on (hub/config.ts holds the same values). */
export const sandboxOa = {
  appId: '1000000000000000001',
  oaId: '2000000000000000001',
  oaSecretKey: 'medicrm-sandbox-oa-secret-key',
  accessToken: 'medicrm-sandbox-oa-access-token',
} as const;

interface ThreadMessage {
  msgId: string;
  from: 'user' | 'oa';
  text?: string;
  imageUrl?: string;
  at: number;
  /** OA messages only */
  state?: 'sent' | 'delivered' | 'seen';
}

interface ZaloUser {
  patient: FakePatient;
  follower: boolean;
  lastInteraction: number | null;
  /** free consultation replies used since the last interaction */
  freeUsed: number;
  thread: ThreadMessage[];
}

const day = 24 * 3_600_000;
const ok = (data: Record<string, unknown>) => ({ error: 0, message: 'Success', data });
const fail = (error: number, message: string) => ({ error, message });

export function zaloOaTwin(opts: ZaloOaTwinOptions) {
  const cfg = {
    ...sandboxOa,
    ...Object.fromEntries(Object.entries(opts).filter(([, v]) => v !== undefined)),
  } as typeof sandboxOa & ZaloOaTwinOptions;
  const webhookUrl = `${opts.hubUrl.replace(/\/$/, '')}/webhooks/zalo-oa`;
  const sender = webhookSender({ retryDelaysMs: opts.retryDelaysMs });
  const users = new Map<string, ZaloUser>(
    fakePatients.map((p) => [
      p.zaloUserId,
      { patient: p, follower: true, lastInteraction: null, freeUsed: 0, thread: [] },
    ]),
  );
  const settings = { freeRepliesPer48h: 8, zca: true, rateLimitPerMinute: 4000, transientFaults: 0 };
  const calls: number[] = [];
  const tokens =
    opts.tokens ?? oaTokenAuthority({ appId: cfg.appId, oaId: cfg.oaId, appSecret: sandboxZaloApp.secret });
  const tokenRefusal = (token: string | undefined) => {
    const state = tokens.check(token);
    if (state === 'expired') return fail(-220, 'access_token is expired or removed');
    return state === 'invalid' ? fail(-216, 'Access token is invalid') : null;
  };

  const msgId = () => randomBytes(10).toString('hex');
  const mac = (body: string, timestamp: string) =>
    createHash('sha256')
      .update(cfg.appId + body + timestamp + cfg.oaSecretKey)
      .digest('hex');

  /** Zalo's webhook POST: JSON body, X-ZEvent-Signature over appId + body + timestamp + OA secret key. */
  const emit = async (event: Record<string, unknown>) => {
    const timestamp = String(Date.now());
    const body = JSON.stringify({ app_id: cfg.appId, ...event, timestamp });
    return sender.send(webhookUrl, String(event.event_name), body, {
      'content-type': 'application/json',
      'x-zevent-signature': `mac=${mac(body, timestamp)}`,
    });
  };

  const userEnvelope = (u: ZaloUser) => ({
    sender: { id: u.patient.zaloUserId },
    recipient: { id: cfg.oaId },
    user_id_by_app: u.patient.zaloAppUserId,
  });
  const oaEnvelope = (u: ZaloUser) => ({
    sender: { id: cfg.oaId },
    recipient: { id: u.patient.zaloUserId },
    user_id_by_app: u.patient.zaloAppUserId,
  });

  const interact = (u: ZaloUser) => {
    u.lastInteraction = Date.now();
    u.freeUsed = 0;
  };

  const app = new Hono();

  app.post('/v3.0/oa/message/cs', async (c) => {
    const refused = tokenRefusal(c.req.header('access_token'));
    if (refused) return c.json(refused);
    const now = Date.now();
    while (calls.length && calls[0]! < now - 60_000) calls.shift();
    if (calls.length >= settings.rateLimitPerMinute) {
      return c.json(fail(-32, 'Your application reached limit call api'));
    }
    calls.push(now);
    if (settings.transientFaults > 0) {
      settings.transientFaults--;
      return c.json(fail(-200, 'Send message failed'));
    }
    let body: { recipient?: { user_id?: string }; message?: { text?: string; attachment?: unknown } };
    try {
      body = await c.req.json();
    } catch {
      return c.json(fail(-201, 'body is invalid!'));
    }
    const u = users.get(String(body.recipient?.user_id ?? ''));
    if (!u) return c.json(fail(-201, 'user_id is invalid!'));
    if (!u.follower) return c.json(fail(-213, 'User has not followed OA'));
    const text = body.message?.text;
    const image = (body.message?.attachment as { payload?: { elements?: { url?: string }[] } } | undefined)?.payload
      ?.elements?.[0]?.url;
    if (!text && !image) return c.json(fail(-201, 'message is invalid!'));
    if (text && [...text].length > 2000) return c.json(fail(-210, 'Parameter exceeds allowable limit'));
    if (!u.lastInteraction || now - u.lastInteraction > 7 * day) {
      return c.json(fail(-230, 'User has not interacted with the OA in the past 7 days'));
    }
    const free = now - u.lastInteraction < 2 * day && u.freeUsed < settings.freeRepliesPer48h;
    if (!free && !settings.zca) return c.json(fail(-320, 'Your app needs to connect with Zalo Cloud Account'));
    if (free) u.freeUsed++;
    const id = msgId();
    u.thread.push({ msgId: id, from: 'oa', text, imageUrl: image, at: now, state: 'sent' });
    // the OA's own echo, then the phone reports delivery
    void emit({
      ...oaEnvelope(u),
      event_name: image ? 'oa_send_image' : 'oa_send_text',
      message: { msg_id: id, text },
    });
    setTimeout(() => {
      const m = u.thread.find((x) => x.msgId === id);
      if (m?.state === 'sent') m.state = 'delivered';
      void emit({ ...oaEnvelope(u), event_name: 'user_received_message', message: { msg_id: id } });
    }, opts.deliveryDelayMs ?? 300).unref();
    return c.json(
      ok({
        message_id: id,
        user_id: u.patient.zaloUserId,
        ...(free
          ? {
              quota: {
                quota_type: 'reply',
                remain: String(settings.freeRepliesPer48h - u.freeUsed),
                total: String(settings.freeRepliesPer48h),
                expired_date: new Date(u.lastInteraction + 2 * day).toISOString(),
                owner_type: 'OA',
                owner_id: cfg.oaId,
              },
            }
          : {}),
      }),
    );
  });

  app.get('/v3.0/oa/user/detail', (c) => {
    const refused = tokenRefusal(c.req.header('access_token'));
    if (refused) return c.json(refused);
    let userId = '';
    try {
      userId = String((JSON.parse(c.req.query('data') ?? '{}') as { user_id?: string }).user_id ?? '');
    } catch {
      return c.json(fail(-201, 'data is invalid!'));
    }
    const u = users.get(userId);
    if (!u) return c.json(fail(-201, 'user_id is invalid!'));
    const last = u.lastInteraction ? new Date(u.lastInteraction) : null;
    return c.json(
      ok({
        user_id: u.patient.zaloUserId,
        user_id_by_app: u.patient.zaloAppUserId,
        display_name: u.patient.name,
        user_alias: '',
        is_sensitive: false,
        user_last_interaction_date: last
          ? `${String(last.getDate()).padStart(2, '0')}/${String(last.getMonth() + 1).padStart(2, '0')}/${last.getFullYear()}`
          : '',
        user_is_follower: u.follower,
        avatar: '',
        avatars: {},
        tags_and_notes_info: { tag_names: [], notes: [] },
        shared_info: {},
      }),
    );
  });

  // ---- the patient's phone ----
  const person = (id: string) => users.get(id) ?? [...users.values()].find((u) => u.patient.key === id);

  app.get('/_sandbox/users', (c) =>
    c.json({
      items: [...users.values()].map((u) => ({
        key: u.patient.key,
        userId: u.patient.zaloUserId,
        name: u.patient.name,
        follower: u.follower,
        lastInteraction: u.lastInteraction ? new Date(u.lastInteraction).toISOString() : null,
      })),
    }),
  );

  app.get('/_sandbox/users/:id/messages', (c) => {
    const u = person(c.req.param('id'));
    if (!u) return c.json({ error: 'unknown user' }, 404);
    return c.json({
      items: u.thread.map((m) => ({ ...m, at: new Date(m.at).toISOString() })),
    });
  });

  app.post('/_sandbox/users/:id/messages', async (c) => {
    const u = person(c.req.param('id'));
    if (!u) return c.json({ error: 'unknown user' }, 404);
    const b = (await c.req.json().catch(() => ({}))) as { text?: string; imageUrl?: string };
    if (!b.text?.trim() && !b.imageUrl) return c.json({ error: 'text or imageUrl required' }, 400);
    interact(u);
    const id = msgId();
    u.thread.push({ msgId: id, from: 'user', text: b.text?.normalize('NFC'), imageUrl: b.imageUrl, at: Date.now() });
    const d = await emit(
      b.imageUrl
        ? {
            ...userEnvelope(u),
            event_name: 'user_send_image',
            message: {
              msg_id: id,
              ...(b.text ? { text: b.text.normalize('NFC') } : {}),
              attachments: [{ type: 'image', payload: { url: b.imageUrl, thumbnail: b.imageUrl } }],
            },
          }
        : { ...userEnvelope(u), event_name: 'user_send_text', message: { msg_id: id, text: b.text!.normalize('NFC') } },
    );
    return c.json({ msgId: id, delivery: { id: d.id, status: d.lastStatus } });
  });

  app.post('/_sandbox/users/:id/seen', async (c) => {
    const u = person(c.req.param('id'));
    if (!u) return c.json({ error: 'unknown user' }, 404);
    const unseen = u.thread.filter((m) => m.from === 'oa' && m.state !== 'seen');
    for (const m of unseen) m.state = 'seen';
    if (unseen.length > 0) {
      interact(u);
      await emit({
        ...oaEnvelope(u),
        event_name: 'user_seen_message',
        message: { msg_ids: unseen.map((m) => m.msgId) },
      });
    }
    return c.json({ seen: unseen.length });
  });

  app.post('/_sandbox/users/:id/follow', async (c) => {
    const u = person(c.req.param('id'));
    if (!u) return c.json({ error: 'unknown user' }, 404);
    const follow = ((await c.req.json().catch(() => ({}))) as { follow?: boolean }).follow !== false;
    u.follower = follow;
    if (follow) interact(u);
    await emit({
      oa_id: cfg.oaId,
      follower: { id: u.patient.zaloUserId },
      user_id_by_app: u.patient.zaloAppUserId,
      event_name: follow ? 'follow' : 'unfollow',
      source: 'oa_profile',
    });
    return c.json({ follower: u.follower });
  });

  app.post('/_sandbox/users/:id/submit-info', async (c) => {
    const u = person(c.req.param('id'));
    if (!u) return c.json({ error: 'unknown user' }, 404);
    const b = (await c.req.json().catch(() => ({}))) as { name?: string; phone?: string };
    interact(u);
    await emit({
      ...userEnvelope(u),
      oa_id: cfg.oaId,
      event_name: 'user_submit_info',
      info: {
        name: b.name ?? u.patient.name,
        phone: b.phone ?? u.patient.phone,
        address: '',
        city: '',
        district: '',
        ward: '',
      },
    });
    return c.json({ ok: true });
  });

  /** Moves a user's last interaction into the past, to see the 48-hour and 7-day rules without waiting. */
  app.post('/_sandbox/users/:id/last-interaction', async (c) => {
    const u = person(c.req.param('id'));
    if (!u) return c.json({ error: 'unknown user' }, 404);
    const b = (await c.req.json().catch(() => ({}))) as { hoursAgo?: number };
    u.lastInteraction = Date.now() - Number(b.hoursAgo ?? 0) * 3_600_000;
    return c.json({ lastInteraction: new Date(u.lastInteraction).toISOString() });
  });

  /** Behaviour switches: free replies per 48 h, Zalo Cloud Account, app rate limit, and -200 failures to come. */
  mountSandboxControls(app, {
    settings,
    sender,
    onSettingsChanged: (b) => {
      if (b.rateLimitPerMinute !== undefined) calls.length = 0;
    },
  });

  app.get('/', (c) =>
    c.html(
      '<!doctype html><html lang="vi"><meta charset="utf-8"><title>Zalo OA (giả lập)</title><h1>Zalo OA API — giả lập</h1><p>POST /v3.0/oa/message/cs, GET /v3.0/oa/user/detail; điện thoại bệnh nhân: <a href="../phone/">/phone/</a></p>',
    ),
  );
  return app;
}
