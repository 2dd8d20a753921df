import type { Hono } from 'hono';
/**
 * How the twins call the hub back: POST with the provider's headers, retried on failure like the providers do
 * (shortened to seconds here), and remembered so the phone page and tests can see what was sent and answered.
 */
export interface Delivery {
  id: number;
  /** POST with the body (most providers), or GET with everything in the URL (eSMS) */
  method: 'POST' | 'GET';
  url: string;
  event: string;
  body: string;
  headers: Record<string, string>;
  attempts: number;
  lastStatus: number | null;
  at: string;
}

export interface WebhookSender {
  send(
    url: string,
    event: string,
    body: string,
    headers: Record<string, string>,
    method?: 'POST' | 'GET',
  ): Promise<Delivery>;
  /** re-sends a past delivery byte for byte (a provider retry), answering its status */
  resend(id: number): Promise<number | null>;
  log(): Delivery[];
}

export function webhookSender(opts: { retryDelaysMs?: number[]; keep?: number } = {}): WebhookSender {
  const delays = opts.retryDelaysMs ?? [1_000, 5_000, 15_000];
  const keep = opts.keep ?? 500;
  const deliveries: Delivery[] = [];
  let nextId = 1;
  const post = async (d: Delivery): Promise<number | null> => {
    try {
      const res = await fetch(d.url, {
        method: d.method,
        headers: d.headers,
        body: d.method === 'GET' ? undefined : d.body,
      });
      await res.arrayBuffer();
      return res.status;
    } catch {
      return null;
    }
  };
  return {
    async send(url, event, body, headers, method = 'POST') {
      const d: Delivery = {
        id: nextId++,
        method,
        url,
        event,
        body,
        headers,
        attempts: 0,
        lastStatus: null,
        at: new Date().toISOString(),
      };
      deliveries.push(d);
      if (deliveries.length > keep) deliveries.shift();
      const attempt = async (i: number) => {
        d.attempts++;
        d.lastStatus = await post(d);
        if (d.lastStatus !== 200 && i < delays.length) {
          setTimeout(() => void attempt(i + 1), delays[i]).unref();
        }
      };
      await attempt(0);
      return d;
    },
    async resend(id) {
      const d = deliveries.find((x) => x.id === id);
      if (!d) return null;
      d.attempts++;
      d.lastStatus = await post(d);
      return d.lastStatus;
    },
    log: () => deliveries,
  };
}

/** JSON with every non-ASCII character escaped as \uXXXX, as Meta serialises webhook payloads. */
export function asciiJson(value: unknown): string {
  return JSON.stringify(value).replace(
    /[\u007f-\uffff]/g,
    (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

/**
 * The control routes every webhook-sending twin offers to tests and the phone page: behaviour switches
 * (`POST /_sandbox/settings`), the log of webhooks sent, and a byte-for-byte re-delivery of one of them (what a
 * provider does when it did not get its 200 in time).
 */
export function mountSandboxControls<S extends object>(
  app: Hono,
  opts: { settings: S; sender: WebhookSender; onSettingsChanged?: (changed: Partial<S>) => void },
): void {
  app.post('/_sandbox/settings', async (c) => {
    const b = (await c.req.json().catch(() => ({}))) as Partial<S>;
    for (const k of Object.keys(opts.settings) as (keyof S)[]) {
      if (b[k] !== undefined) opts.settings[k] = b[k] as S[keyof S];
    }
    opts.onSettingsChanged?.(b);
    return c.json(opts.settings);
  });
  app.get('/_sandbox/webhooks', (c) =>
    c.json({
      items: opts.sender
        .log()
        .map((d) => ({ id: d.id, event: d.event, attempts: d.attempts, lastStatus: d.lastStatus, at: d.at })),
    }),
  );
  app.post('/_sandbox/webhooks/:id/resend', async (c) =>
    c.json({ status: await opts.sender.resend(Number(c.req.param('id'))) }),
  );
}
