import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serveStatic } from '@hono/node-server/serve-static';
import type { Hono } from 'hono';
import type { AppEnv } from './context.ts';

const consoleDist = fileURLToPath(new URL('../../console/dist', import.meta.url));

/** Paths the single-page console never owns. */
const serverPrefixes = ['/api/', '/admin/', '/docs', '/openapi.json', '/health', '/ready', '/metrics', '/webhooks/'];

/** The built staff console at `/`, with client-side routes falling back to index.html. */
export function mountConsole(app: Hono<AppEnv>): void {
  app.use(
    '/assets/*',
    serveStatic({
      root: consoleDist,
      onFound: (_path, c) => c.header('cache-control', 'public, max-age=31536000, immutable'),
    }),
  );
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
