import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { sandboxTwins } from './twins.ts';

/**
 * Local stand-ins for the outside providers (Zalo, Messenger, SMS gateways, SMTP, the HIS), each behaving as
 * PROVIDERS.md / INTEGRATION.md describe. Every twin is a Hono app mounted under its own path prefix; the hub
 * reaches them only through its adapters, with base URLs pointing here. Imports nothing from hub/.
 */
export interface SandboxOptions {
  /** the address the hub can be reached at, for twins that call back (delivery webhooks) */
  hubUrl: string;
}

export interface Twin {
  /** path prefix, e.g. /zalo-graph */
  prefix: string;
  title: string;
  app: Hono;
}

export function createSandboxApp(opts: SandboxOptions) {
  const twins = sandboxTwins(opts);
  const app = new Hono();
  app.get('/', (c) =>
    c.html(
      `<!doctype html><html lang="vi"><meta charset="utf-8"><title>MediCRM sandbox</title><h1>MediCRM — môi trường giả lập</h1><ul>${twins
        .map((t) => `<li><a href="${t.prefix}/">${t.title}</a></li>`)
        .join('')}</ul>`,
    ),
  );
  for (const t of twins) app.route(t.prefix, t.app);
  return app;
}

export interface RunningSandbox {
  url: string;
  stop(): Promise<void>;
}

export async function startSandbox(opts: SandboxOptions & { host?: string; port?: number }): Promise<RunningSandbox> {
  const app = createSandboxApp(opts);
  const server = serve({ fetch: app.fetch, hostname: opts.host ?? '127.0.0.1', port: opts.port ?? 0 });
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${opts.host ?? '127.0.0.1'}:${port}`,
    stop: () => new Promise((r) => server.close(() => r())),
  };
}
