import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/hub.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ seed: false });
});
afterAll(async () => {
  await t?.close();
});

describe('operations endpoints', () => {
  it('/health answers while the process runs', async () => {
    const res = await t.api.auth.me.$get(); // any request gets a request id
    expect(res.headers.get('x-request-id')).toMatch(/^[\w-]+$/);
    const health = await t.app.request('/health');
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: 'ok' });
  });

  it('/ready checks PostgreSQL and Redis, and says not ready while the process is stopping', async () => {
    const res = await t.app.request('/ready');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ready', checks: { postgres: 'ok', redis: 'ok', accepting: true } });
  });

  it('/openapi.json documents the routes, /docs serves the UI without any CDN', async () => {
    const doc = (await (await t.app.request('/openapi.json')).json()) as { paths: Record<string, unknown> };
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/health',
        '/ready',
        '/api/auth/sign-in',
        '/api/auth/me',
        '/api/admin/staff',
        '/api/admin/audit',
      ]),
    );
    const html = await (await t.app.request('/docs')).text();
    expect(html).not.toMatch(/https?:\/\//);
    const asset = await t.app.request('/docs/assets/swagger-ui-bundle.js');
    expect(asset.status).toBe(200);
  });

  it('/metrics exposes Prometheus metrics including HTTP timings', async () => {
    await t.app.request('/health');
    const text = await (await t.app.request('/metrics')).text();
    expect(text).toContain('medicrm_http_request_duration_seconds_bucket');
    expect(text).toContain('route="/health"');
    expect(text).toMatch(/medicrm_outbox_backlog 0/);
  });

  it('serves the console, with hashed assets cached for good and the page itself revalidated', async () => {
    const page = await t.app.request('/inbox');
    expect(page.status).toBe(200);
    expect(page.headers.get('cache-control')).toBe('no-cache');
    const asset = (await page.text()).match(/\/assets\/[\w.-]+\.js/)?.[0];
    expect(asset).toBeDefined();
    const res = await t.app.request(asset!);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
  });

  it('keeps the queue dashboard for signed-in admins', async () => {
    const res = await t.app.request('/admin/queues');
    expect(res.status).toBe(401);
  });

  it('answers unknown API paths with a JSON 404 carrying the request id', async () => {
    const res = await t.app.request('/api/khong-co', { headers: { 'x-request-id': 'req-abc' } });
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({
      error: { code: 'not_found', message: 'Không tìm thấy đường dẫn', requestId: 'req-abc' },
    });
  });
});
