import type { Hono } from 'hono';

/**
 * Forced failures for the notification twins, set by tests through `POST /_sandbox/faults`:
 * - `failNext` + `failCode`: the next N sends answer the provider's own error code X (in its own envelope);
 * - `http5xxRequests`: the next N calls answer HTTP 503; `http5xxForMs`: every call does for that long;
 * - `latencyMs`: every call waits that long first (longer than the client's timeout = a timeout).
 */
export interface FaultSettings {
  failNext: number;
  failCode: string;
  http5xxRequests: number;
  /** instant (ms since epoch) until which every call answers 503 */
  http5xxUntil: number;
  latencyMs: number;
}

export interface Faults {
  readonly settings: FaultSettings;
  /** waits the configured latency, then answers the 503 that is due, if any */
  before(): Promise<Response | null>;
  /** the provider code this send must answer, if one is due (consumes it) */
  forcedCode(): string | undefined;
  reset(): void;
}

const none = (): FaultSettings => ({ failNext: 0, failCode: '', http5xxRequests: 0, http5xxUntil: 0, latencyMs: 0 });

export function faults(): Faults {
  const settings = none();
  return {
    settings,
    async before() {
      if (settings.latencyMs > 0) await new Promise((r) => setTimeout(r, settings.latencyMs));
      const timed = settings.http5xxUntil > Date.now();
      if (!timed && settings.http5xxRequests <= 0) return null;
      if (!timed) settings.http5xxRequests--;
      return new Response('<html><body><h1>503 Service Unavailable</h1></body></html>', {
        status: 503,
        headers: { 'content-type': 'text/html' },
      });
    },
    forcedCode() {
      if (settings.failNext <= 0 || !settings.failCode) return undefined;
      settings.failNext--;
      return settings.failCode;
    },
    reset() {
      Object.assign(settings, none());
    },
  };
}

/** `POST /_sandbox/faults` {failNext, failCode, http5xxRequests, http5xxForMs, latencyMs, reset}; `GET` reads them. */
export function mountFaults(app: Hono, f: Faults): void {
  app.get('/_sandbox/faults', (c) => c.json(f.settings));
  app.post('/_sandbox/faults', async (c) => {
    const b = (await c.req.json().catch(() => ({}))) as Partial<FaultSettings> & {
      http5xxForMs?: number;
      reset?: boolean;
    };
    if (b.reset) f.reset();
    if (typeof b.failNext === 'number') f.settings.failNext = b.failNext;
    if (b.failCode !== undefined) f.settings.failCode = String(b.failCode);
    if (typeof b.http5xxRequests === 'number') f.settings.http5xxRequests = b.http5xxRequests;
    if (typeof b.http5xxForMs === 'number') f.settings.http5xxUntil = Date.now() + b.http5xxForMs;
    if (typeof b.latencyMs === 'number') f.settings.latencyMs = b.latencyMs;
    return c.json(f.settings);
  });
}

/** What a twin accepted, by the sender's tracking id: tests check exactly-once with it. */
export interface AcceptedSend {
  trackingId: string;
  providerMessageId: string;
  to: string;
  at: string;
  [detail: string]: unknown;
}

/** `GET /_sandbox/accepted[?trackingId=…]` → the accepted sends and how many per tracking id. */
export function acceptedLog(app: Hono, keep = 5_000) {
  const items: AcceptedSend[] = [];
  app.get('/_sandbox/accepted', (c) => {
    const only = c.req.query('trackingId');
    const list = only ? items.filter((i) => i.trackingId === only) : items;
    const counts: Record<string, number> = {};
    for (const i of list) counts[i.trackingId] = (counts[i.trackingId] ?? 0) + 1;
    return c.json({ items: list, counts });
  });
  app.delete('/_sandbox/accepted', (c) => {
    items.length = 0;
    return c.json({ ok: true });
  });
  return {
    add(send: { trackingId: string; providerMessageId: string; to: string } & Record<string, unknown>) {
      items.push({ ...send, at: new Date().toISOString() });
      if (items.length > keep) items.shift();
    },
    items: () => items,
  };
}
