import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSandboxApp } from '../../sandbox/server.ts';
import { createTestApp, type TestApp } from '../support/hub.ts';

/** The hub serves the Mini App's fake-bridge build at /miniapp/ when the sandbox is on, and only then. */
const fakeIndex = fileURLToPath(new URL('../../miniapp/dist-fake/index.html', import.meta.url));
const sandboxUrl = 'http://127.0.0.1:39100';

let withSandbox: TestApp;
let withoutSandbox: TestApp;

describe('the hub serving the Mini App', () => {
  beforeAll(async () => {
    if (!existsSync(fakeIndex)) {
      throw new Error(`The Mini App is not built (${fakeIndex} is missing). Run \`npm run build:miniapp:fake\` first.`);
    }
    withSandbox = await createTestApp({ seed: false, env: { SANDBOX: 'true', SANDBOX_URL: sandboxUrl } });
    withoutSandbox = await createTestApp({ seed: false });
  });
  afterAll(async () => {
    await withSandbox?.close();
    await withoutSandbox?.close();
  });

  it('serves the app at /miniapp/, its files anchored there whatever the page path', async () => {
    expect((await withSandbox.app.request('/miniapp')).headers.get('location')).toBe('/miniapp/');
    for (const path of ['/miniapp/', '/miniapp/appointments/123']) {
      const res = await withSandbox.app.request(path);
      expect(res.status).toBe(200);
      const html = await res.text();
      expect(html).toContain('<base href="/miniapp/">');
      expect(html).toContain('<div id="app"></div>');
    }
  });

  it('serves the built files with a long cache, and a missing one as 404 rather than the page', async () => {
    const script = /src="\.\/(assets\/[^"]+\.js)"/.exec(readFileSync(fakeIndex, 'utf8'))?.[1];
    expect(script).toBeDefined();
    const res = await withSandbox.app.request(`/miniapp/${script}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toContain('immutable');
    expect((await withSandbox.app.request('/miniapp/assets/none.module.js')).status).toBe(404);
  });

  it('tells the fake Zalo bridge where the sandbox is', async () => {
    const res = await withSandbox.app.request('/miniapp/fake-bridge.json');
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(await res.json()).toEqual({ sandboxUrl });
  });

  it('serves nothing at /miniapp/ without the sandbox, and the console does not take the path', async () => {
    for (const path of ['/miniapp/', '/miniapp/fake-bridge.json']) {
      const res = await withoutSandbox.app.request(path);
      expect(res.status).toBe(404);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('not_found');
    }
  });
});

describe('the sandbox for the fake bridge', () => {
  const sandbox = createSandboxApp({ hubUrl: 'http://127.0.0.1:3000' });

  it('lets a page on the hub’s origin call the phone-side routes', async () => {
    const res = await sandbox.request('/zalo-graph/_sandbox/users', {
      method: 'OPTIONS',
      headers: {
        origin: 'http://127.0.0.1:3000',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type',
      },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
  });

  it('leaves Zalo’s own endpoints without CORS, as Zalo has them', async () => {
    const res = await sandbox.request('/zalo-graph/v2.0/me', { headers: { origin: 'http://127.0.0.1:3000' } });
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
  });
});
