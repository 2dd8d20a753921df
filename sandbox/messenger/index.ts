import { createHmac, randomBytes } from 'node:crypto';
import { Hono } from 'hono';
import { type FakePatient, fakePatients } from '../patients.ts';
import { asciiJson, mountSandboxControls, webhookSender } from '../webhook-sender.ts';

/**
 * Twin of the Messenger Send API and page webhooks (PROVIDERS.md §4): errors as HTTP 4xx/5xx with
 * `{error:{message,type,code,error_subcode,fbtrace_id}}`, the 24-hour standard window and HUMAN_AGENT up to 7 days
 * (code 10 / 2018278 outside), unknown PSID (100 / 2018001), rate limit (613), temporary error (2); webhooks batched
 * in entry[].messaging[], signed with X-Hub-Signature-256 (and the legacy sha1), non-ASCII escaped as Meta does:
 * messages, postbacks, echoes, delivery and read with watermarks (§4.6).
 */
export interface MessengerTwinOptions {
  hubUrl: string;
  pageId?: string;
  pageToken?: string;
  appSecret?: string;
  appId?: string;
  deliveryDelayMs?: number;
  retryDelaysMs?: number[];
}

/** The demo Page the hub uses when SANDBOX is on (hub/config.ts holds the same values). */
export const sandboxPage = {
  pageId: '3000000000000000001',
  pageToken: 'medicrm-sandbox-page-access-token',
  appSecret: 'medicrm-sandbox-meta-app-secret',
  appId: '4000000000000000001',
} as const;

interface ThreadMessage {
  mid: string;
  from: 'user' | 'page';
  text?: string;
  at: number;
  state?: 'sent' | 'delivered' | 'read';
  tag?: string;
}

interface MessengerUser {
  patient: FakePatient;
  lastUserMessage: number | null;
  thread: ThreadMessage[];
}

const hour = 3_600_000;

function graphError(code: number, message: string, subcode?: number) {
  return {
    error: {
      message,
      type: code === 190 ? 'OAuthException' : 'OAuthException',
      code,
      ...(subcode ? { error_subcode: subcode } : {}),
      fbtrace_id: randomBytes(8).toString('base64url'),
    },
  };
}

export function messengerTwin(opts: MessengerTwinOptions) {
  const cfg = {
    ...sandboxPage,
    ...Object.fromEntries(Object.entries(opts).filter(([, v]) => v !== undefined)),
  } as typeof sandboxPage & MessengerTwinOptions;
  const webhookUrl = `${opts.hubUrl.replace(/\/$/, '')}/webhooks/messenger`;
  const sender = webhookSender({ retryDelaysMs: opts.retryDelaysMs });
  const users = new Map<string, MessengerUser>(
    fakePatients.map((p) => [p.messengerPsid, { patient: p, lastUserMessage: null, thread: [] }]),
  );
  const settings = { rateLimitPerSecond: 300, transientFaults: 0, humanAgentAllowed: true };
  const calls: number[] = [];
  const mid = () => `m_${randomBytes(24).toString('base64url')}`;

  const emit = async (messaging: Record<string, unknown>[]) => {
    const body = asciiJson({ object: 'page', entry: [{ id: cfg.pageId, time: Date.now(), messaging }] });
    const kinds = messaging.map((m) => ['message', 'postback', 'delivery', 'read'].find((k) => k in m)).join('+');
    return sender.send(webhookUrl, kinds, body, {
      'content-type': 'application/json',
      'x-hub-signature-256': `sha256=${createHmac('sha256', cfg.appSecret).update(body).digest('hex')}`,
      'x-hub-signature': `sha1=${createHmac('sha1', cfg.appSecret).update(body).digest('hex')}`,
    });
  };

  const app = new Hono();

  app.post('/:version/me/messages', async (c) => {
    const token = c.req.query('access_token') ?? c.req.header('authorization')?.replace(/^Bearer /, '');
    if (token !== cfg.pageToken)
      return c.json(graphError(190, 'Invalid OAuth access token - Cannot parse access token'), 400);
    const now = Date.now();
    while (calls.length && calls[0]! < now - 1_000) calls.shift();
    if (calls.length >= settings.rateLimitPerSecond) {
      return c.json(graphError(613, '(#613) Calls to this api have exceeded the rate limit.'), 400);
    }
    calls.push(now);
    if (settings.transientFaults > 0) {
      settings.transientFaults--;
      return c.json(graphError(2, 'An unexpected error has occurred. Please retry your request later.'), 500);
    }
    let body: {
      recipient?: { id?: string };
      messaging_type?: string;
      tag?: string;
      message?: { text?: string; attachment?: { payload?: { url?: string } } };
    };
    try {
      body = await c.req.json();
    } catch {
      return c.json(graphError(100, '(#100) Invalid JSON'), 400);
    }
    const u = users.get(String(body.recipient?.id ?? ''));
    if (!u) return c.json(graphError(100, '(#100) No matching user found', 2018001), 400);
    const text = body.message?.text;
    if (!text && !body.message?.attachment)
      return c.json(graphError(100, '(#100) The parameter message is required'), 400);
    if (text && [...text].length > 2000)
      return c.json(graphError(100, '(#100) Length of param message[text] must be less than or equal to 2000'), 400);
    const age = u.lastUserMessage ? now - u.lastUserMessage : Number.POSITIVE_INFINITY;
    const tagged = body.messaging_type === 'MESSAGE_TAG' && body.tag === 'HUMAN_AGENT' && settings.humanAgentAllowed;
    if (age > 24 * hour && !(tagged && age <= 7 * 24 * hour)) {
      return c.json(graphError(10, '(#10) This message is sent outside of allowed window.', 2018278), 400);
    }
    const id = mid();
    u.thread.push({ mid: id, from: 'page', text, at: now, state: 'sent', ...(tagged ? { tag: 'HUMAN_AGENT' } : {}) });
    void emit([
      {
        sender: { id: cfg.pageId },
        recipient: { id: u.patient.messengerPsid },
        timestamp: now,
        message: { mid: id, is_echo: true, app_id: Number(cfg.appId), ...(text ? { text } : {}) },
      },
    ]);
    setTimeout(() => {
      const m = u.thread.find((x) => x.mid === id);
      if (m?.state === 'sent') m.state = 'delivered';
      void emit([
        {
          sender: { id: u.patient.messengerPsid },
          recipient: { id: cfg.pageId },
          timestamp: Date.now(),
          delivery: { mids: [id], watermark: Date.now() },
        },
      ]);
    }, opts.deliveryDelayMs ?? 300).unref();
    return c.json({ recipient_id: u.patient.messengerPsid, message_id: id });
  });

  // ---- the patient's phone ----
  const person = (id: string) => users.get(id) ?? [...users.values()].find((u) => u.patient.key === id);

  app.get('/_sandbox/users', (c) =>
    c.json({
      items: [...users.values()].map((u) => ({
        key: u.patient.key,
        psid: u.patient.messengerPsid,
        name: u.patient.name,
        lastUserMessage: u.lastUserMessage ? new Date(u.lastUserMessage).toISOString() : null,
      })),
    }),
  );

  app.get('/_sandbox/users/:id/messages', (c) => {
    const u = person(c.req.param('id'));
    if (!u) return c.json({ error: 'unknown user' }, 404);
    return c.json({ items: u.thread.map((m) => ({ ...m, at: new Date(m.at).toISOString() })) });
  });

  app.post('/_sandbox/users/:id/messages', async (c) => {
    const u = person(c.req.param('id'));
    if (!u) return c.json({ error: 'unknown user' }, 404);
    const b = (await c.req.json().catch(() => ({}))) as { text?: string; imageUrl?: string };
    if (!b.text?.trim() && !b.imageUrl) return c.json({ error: 'text or imageUrl required' }, 400);
    const now = Date.now();
    u.lastUserMessage = now;
    const id = mid();
    const text = b.text?.normalize('NFC');
    u.thread.push({ mid: id, from: 'user', text, at: now });
    const d = await emit([
      {
        sender: { id: u.patient.messengerPsid },
        recipient: { id: cfg.pageId },
        timestamp: now,
        message: {
          mid: id,
          ...(text ? { text } : {}),
          ...(b.imageUrl ? { attachments: [{ type: 'image', payload: { url: b.imageUrl } }] } : {}),
        },
      },
    ]);
    return c.json({ mid: id, delivery: { id: d.id, status: d.lastStatus } });
  });

  app.post('/_sandbox/users/:id/postback', async (c) => {
    const u = person(c.req.param('id'));
    if (!u) return c.json({ error: 'unknown user' }, 404);
    const b = (await c.req.json().catch(() => ({}))) as { title?: string; payload?: string };
    const now = Date.now();
    u.lastUserMessage = now;
    const id = mid();
    await emit([
      {
        sender: { id: u.patient.messengerPsid },
        recipient: { id: cfg.pageId },
        timestamp: now,
        postback: { mid: id, title: b.title ?? 'Đặt lịch khám', payload: b.payload ?? 'BOOK_APPOINTMENT' },
      },
    ]);
    return c.json({ mid: id });
  });

  app.post('/_sandbox/users/:id/seen', async (c) => {
    const u = person(c.req.param('id'));
    if (!u) return c.json({ error: 'unknown user' }, 404);
    const unseen = u.thread.filter((m) => m.from === 'page' && m.state !== 'read');
    for (const m of unseen) m.state = 'read';
    if (unseen.length > 0) {
      // everything the page sent before this moment has been read
      const watermark = Date.now();
      await emit([
        {
          sender: { id: u.patient.messengerPsid },
          recipient: { id: cfg.pageId },
          timestamp: Date.now(),
          read: { watermark },
        },
      ]);
    }
    return c.json({ seen: unseen.length });
  });

  app.post('/_sandbox/users/:id/last-message', async (c) => {
    const u = person(c.req.param('id'));
    if (!u) return c.json({ error: 'unknown user' }, 404);
    const b = (await c.req.json().catch(() => ({}))) as { hoursAgo?: number };
    u.lastUserMessage = Date.now() - Number(b.hoursAgo ?? 0) * hour;
    return c.json({ lastUserMessage: new Date(u.lastUserMessage).toISOString() });
  });

  mountSandboxControls(app, {
    settings,
    sender,
    onSettingsChanged: (b) => {
      if (b.rateLimitPerSecond !== undefined) calls.length = 0;
    },
  });

  app.get('/', (c) =>
    c.html(
      '<!doctype html><html lang="vi"><meta charset="utf-8"><title>Messenger (giả lập)</title><h1>Messenger Send API — giả lập</h1><p>POST /v25.0/me/messages; điện thoại bệnh nhân: <a href="../phone/">/phone/</a></p>',
    ),
  );
  return app;
}
