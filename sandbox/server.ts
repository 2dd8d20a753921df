import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { cors } from 'hono/cors';
import { sandboxTwins } from './twins.ts';

/**
 * Local stand-ins for the outside providers (Zalo, Messenger, SMS gateways, SMTP, the HIS), each behaving as
 * PROVIDERS.md / INTEGRATION.md describe. Every twin is a Hono app mounted under its own path prefix; the hub
 * reaches them only through its adapters, with base URLs pointing here. Imports nothing from hub/.
 */
export interface SandboxOptions {
  /** the address the hub can be reached at, for twins that call back (delivery webhooks) */
  hubUrl: string;
  /** the hub's SMTP listener, where the sandbox delivers patients' emails and delivery reports */
  hubSmtp?: { host: string; port: number };
  /** the hub's MLLP listener, where the sandbox HIS sends results (read when it sends: the hub may start later) */
  hubMllp?: { host: string; port: number };
  /** MLLP port of the sandbox HIS (0 or unset picks a free one; `npm start` passes HIS_MLLP_PORT) */
  hisMllpPort?: number;
  /** port of the sandbox SMTP server the hub sends mail through (0 picks a free one; default 2526) */
  smtpPort?: number;
  /** the clinic's mailbox patients write to */
  clinicEmail?: string;
  /** how long the fake phones take to report a message delivered (ms) */
  deliveryDelayMs?: number;
  /** how the twins re-send webhooks the hub did not take (ms between attempts) */
  webhookRetryDelaysMs?: number[];
}

export interface Twin {
  /** path prefix, e.g. /zalo-graph */
  prefix: string;
  title: string;
  app: Hono;
  /** a twin with its own listener (SMTP) starts and stops with the sandbox */
  start?(): Promise<void>;
  stop?(): Promise<void>;
}

export function createSandboxApp(opts: SandboxOptions, twins: Twin[] = sandboxTwins(opts)) {
  // not strict: the index links to "/prefix/" and twins answer "/" at their prefix
  const app = new Hono({ strict: false });
  app.get('/', (c) =>
    c.html(
      `<!doctype html><html lang="vi"><meta charset="utf-8"><title>MediCRM sandbox</title><h1>MediCRM — môi trường giả lập</h1><ul>${twins
        .map((t) => `<li><a href="${t.prefix}/">${t.title}</a></li>`)
        .join('')}</ul>`,
    ),
  );
  // The phone-side routes (/_sandbox/*) are also called by the Mini App's fake bridge, a page on the hub's origin;
  // they answer cross-origin requests. The providers' own endpoints are left exactly as the providers have them.
  const phoneSideCors = cors();
  app.use('*', (c, next) => (c.req.path.includes('/_sandbox/') ? phoneSideCors(c, next) : next()));
  for (const t of twins) app.route(t.prefix, t.app);
  return app;
}

export interface RunningSandbox {
  url: string;
  /** the twins served, for the start-up banner */
  titles: string[];
  stop(): Promise<void>;
}

export async function startSandbox(opts: SandboxOptions & { host?: string; port?: number }): Promise<RunningSandbox> {
  const twins = sandboxTwins(opts);
  for (const t of twins) await t.start?.();
  const app = createSandboxApp(opts, twins);
  const server = serve({ fetch: app.fetch, hostname: opts.host ?? '127.0.0.1', port: opts.port ?? 0 });
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${opts.host ?? '127.0.0.1'}:${port}`,
    titles: twins.map((t) => t.title),
    async stop() {
      await new Promise<void>((r) => server.close(() => r()));
      for (const t of twins) await t.stop?.();
    },
  };
}
