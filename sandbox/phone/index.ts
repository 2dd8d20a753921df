import { readFileSync } from 'node:fs';
import { Hono } from 'hono';

/**
 * The patient phone page: pick a fake patient, write as them on Zalo, Messenger or email, and see what the clinic
 * sent back with its delivered and seen states. A plain HTML page over the twins' /_sandbox APIs.
 */
export function phoneTwin() {
  const page = readFileSync(new URL('./page.html', import.meta.url), 'utf8');
  const app = new Hono();
  app.get('/', (c) => c.html(page));
  return app;
}
