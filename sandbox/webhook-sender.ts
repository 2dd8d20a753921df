/**
 * How the twins call the hub back: POST with the provider's headers, retried on failure like the providers do
 * (shortened to seconds here), and remembered so the phone page and tests can see what was sent and answered.
 */
export interface Delivery {
  id: number;
  url: string;
  event: string;
  body: string;
  headers: Record<string, string>;
  attempts: number;
  lastStatus: number | null;
  at: string;
}

export interface WebhookSender {
  send(url: string, event: string, body: string, headers: Record<string, string>): Promise<Delivery>;
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
      const res = await fetch(d.url, { method: 'POST', headers: d.headers, body: d.body });
      await res.arrayBuffer();
      return res.status;
    } catch {
      return null;
    }
  };
  return {
    async send(url, event, body, headers) {
      const d: Delivery = {
        id: nextId++,
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
