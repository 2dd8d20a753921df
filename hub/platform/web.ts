import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serveStatic } from '@hono/node-server/serve-static';
import type { Hono, MiddlewareHandler } from 'hono';
import type { AppEnv } from './context.ts';

const consoleDist = fileURLToPath(new URL('../../console/dist', import.meta.url));

/** Paths the single-page console never owns. */
const serverPrefixes = [
  '/api/',
  '/admin/',
  '/docs',
  '/openapi.json',
  '/health',
  '/ready',
  '/metrics',
  '/webhooks/',
  '/miniapp',
];

/**
 * Built asset names carry a content hash, so they may be cached for good. Set after the static handler answered,
 * because serveStatic's onFound runs after its response is built.
 */
const immutableAssets: MiddlewareHandler<AppEnv> = async (c, next) => {
  await next();
  if (c.res.status === 200) c.res.headers.set('cache-control', 'public, max-age=31536000, immutable');
};

/** The built staff console at `/`, with client-side routes falling back to index.html. */
export function mountConsole(app: Hono<AppEnv>): void {
  app.use('/assets/*', immutableAssets);
  app.use('/assets/*', serveStatic({ root: consoleDist }));
  app.get('*', async (c, next) => {
    if (serverPrefixes.some((p) => c.req.path.startsWith(p))) return next();
    const index = join(consoleDist, 'index.html');
    if (!existsSync(index)) {
      return c.html(
        '<!doctype html><meta charset="utf-8"><title>MediCRM</title><p>Giao diện nhân viên chưa được build. Chạy <code>npm run build</code> rồi tải lại trang.</p>',
        503,
      );
    }
    c.header('cache-control', 'no-cache');
    return c.html(await readFile(index, 'utf8'));
  });
}

const miniappDist = fileURLToPath(new URL('../../miniapp/dist-fake', import.meta.url));

/**
 * The Mini App's fake-bridge build (`npm run build:miniapp:fake` → miniapp/dist-fake) at /miniapp/, for local preview
 * and the browser tests; the real Mini App runs inside Zalo, from Zalo's servers. Its fake Zalo plays the phone against
 * the sandbox twin of Zalo Graph, whose address it reads from /miniapp/fake-bridge.json. Mounted only when SANDBOX is
 * on: without the twin nobody could sign in to it.
 */
export function mountMiniApp(app: Hono<AppEnv>, opts: { sandboxUrl: string }): void {
  app.get('/miniapp', (c) => c.redirect('/miniapp/', 301));
  app.get('/miniapp/fake-bridge.json', (c) => {
    c.header('cache-control', 'no-store');
    return c.json({ sandboxUrl: opts.sandboxUrl });
  });
  app.use('/miniapp/assets/*', immutableAssets);
  app.use(
    '/miniapp/assets/*',
    serveStatic({ root: miniappDist, rewriteRequestPath: (path) => path.replace(/^\/miniapp/, '') }),
  );
  app.get('/miniapp/*', async (c, next) => {
    if (c.req.path.startsWith('/miniapp/assets/')) return next();
    const index = join(miniappDist, 'index.html');
    if (!existsSync(index)) {
      return c.html(
        '<!doctype html><meta charset="utf-8"><title>MediCRM Mini App</title><p>Mini App (bản chạy thử) chưa được build. Chạy <code>npm run build:miniapp:fake</code> rồi tải lại trang.</p>',
        503,
      );
    }
    c.header('cache-control', 'no-cache');
    // The build links its files relatively (Zalo serves it from a CDN path): anchor them at /miniapp/ for any page path.
    const html = (await readFile(index, 'utf8')).replace('<head>', '<head><base href="/miniapp/">');
    return c.html(html);
  });
}

const require = createRequire(import.meta.url);
const swaggerDir: string = (require('swagger-ui-dist') as { getAbsoluteFSPath(): string }).getAbsoluteFSPath();
const swaggerFiles = new Map([
  ['swagger-ui.css', 'text/css; charset=utf-8'],
  ['swagger-ui-bundle.js', 'text/javascript; charset=utf-8'],
  ['swagger-ui-standalone-preset.js', 'text/javascript; charset=utf-8'],
]);

/** Swagger UI at /docs, served from the npm package (no CDN: hospital networks are often closed). */
export function mountDocs(app: Hono<AppEnv>): void {
  app.get('/docs', (c) =>
    c.html(`<!doctype html>
<html lang="vi"><head><meta charset="utf-8"><title>MediCRM API</title>
<link rel="stylesheet" href="/docs/assets/swagger-ui.css"></head>
<body><div id="ui"></div>
<script src="/docs/assets/swagger-ui-bundle.js"></script>
<script src="/docs/assets/swagger-ui-standalone-preset.js"></script>
<script>window.ui = SwaggerUIBundle({ url: '/openapi.json', dom_id: '#ui', presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset], layout: 'StandaloneLayout', withCredentials: true });</script>
</body></html>`),
  );
  app.get('/docs/assets/:file', async (c) => {
    const file = c.req.param('file');
    const type = swaggerFiles.get(file);
    if (!type) return c.notFound();
    return c.body(await readFile(join(swaggerDir, file)), 200, {
      'content-type': type,
      'cache-control': 'public, max-age=86400',
    });
  });
}
