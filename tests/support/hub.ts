import { hc } from 'hono/client';
import { seedDemo } from '../../db/seed.ts';
import type { ApiType } from '../../hub/app.ts';
import { createApp } from '../../hub/app.ts';
import { hashPassword } from '../../hub/auth/password.ts';
import { loadConfig } from '../../hub/config.ts';
import type { AppDeps } from '../../hub/platform/context.ts';
import { createLogger } from '../../hub/platform/logger.ts';
import { createRuntime, type Runtime } from '../../hub/runtime.ts';
import { startHub } from '../../hub/server.ts';
import { createTestDatabase, type TestDatabase } from './db.ts';
import { clearRedisPrefix, redisUrl, testRedisPrefix } from './redis.ts';

export const demoPassword = 'MediCRM@2026';

function testEnv(database: TestDatabase, prefix: string, env: Record<string, string> = {}) {
  return loadConfig({
    NODE_ENV: 'test',
    DATABASE_URL: database.url,
    REDIS_URL: redisUrl,
    REDIS_PREFIX: prefix,
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    PORT: '0',
    // Tests read their own writes at once; the cache (invalidated by NOTIFY within milliseconds) has its own test.
    AVAILABILITY_CACHE_SECONDS: '0',
    // test files sign many patients in from one address; the limit itself is tested with a low value
    PATIENT_SESSION_RATE_PER_MINUTE: '10000',
    ...env,
  });
}

export interface TestApp {
  app: ReturnType<typeof createApp>;
  deps: AppDeps;
  db: TestDatabase['db'];
  /** typed client over the in-process app (no socket) */
  api: ReturnType<typeof hc<ApiType>>;
  /** request helper keeping the session cookie and CSRF token, like a browser */
  agent(): Agent;
  close(): Promise<void>;
}

/** The Hono app in-process over its own database and Redis prefix, seeded with the demo clinic by default. */
export async function createTestApp(opts: { seed?: boolean; env?: Record<string, string> } = {}): Promise<TestApp> {
  const database = await createTestDatabase();
  const prefix = testRedisPrefix();
  const config = testEnv(database, prefix, opts.env);
  const rt: Runtime = await createRuntime(config, createLogger({ level: config.LOG_LEVEL }));
  if (opts.seed !== false) await seedDemo(rt.deps.db, { hashPassword });
  rt.setAccepting(true);
  const app = createApp(rt.deps);
  const fetchInProcess = async (input: RequestInfo | URL, init?: RequestInit) =>
    app.fetch(new Request(input instanceof Request ? input : new URL(String(input), 'http://localhost'), init));
  return {
    app,
    deps: rt.deps,
    db: rt.deps.db,
    api: hc<ApiType>('http://localhost/api', { fetch: fetchInProcess }),
    agent: () => new Agent(fetchInProcess),
    async close() {
      await rt.close();
      await database.drop();
      await clearRedisPrefix(prefix);
    },
  };
}

/** Keeps cookies and the CSRF token between calls, as the console does. */
export class Agent {
  private cookies = new Map<string, string>();
  csrfToken = '';
  private readonly fetchFn: (input: RequestInfo | URL, init?: RequestInit) => Promise<Response>;
  constructor(fetchFn: (input: RequestInfo | URL, init?: RequestInit) => Promise<Response>) {
    this.fetchFn = fetchFn;
  }

  async request(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
    const h: Record<string, string> = { ...headers };
    if (this.cookies.size) h.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    if (body !== undefined) h['content-type'] = 'application/json';
    if (this.csrfToken && method !== 'GET' && !('x-csrf-token' in h)) h['x-csrf-token'] = this.csrfToken;
    const res = await this.fetchFn(`http://localhost${path}`, {
      method,
      headers: h,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const [k, ...v] = pair!.split('=');
      const value = v.join('=');
      if (/max-age=0|expires=thu, 01 jan 1970/i.test(line) || value === '') this.cookies.delete(k!.trim());
      else this.cookies.set(k!.trim(), value);
    }
    return res;
  }

  /** Signs in (demo password by default) and remembers the CSRF token. */
  async signIn(email: string, password = demoPassword) {
    const res = await this.request('POST', '/api/auth/sign-in', { email, password });
    if (res.ok) this.csrfToken = ((await res.clone().json()) as { csrfToken: string }).csrfToken;
    return res;
  }
}

/** The whole hub as `npm start` runs it (HTTP on a free port, relay, workers), over its own database and prefix. */
export async function startTestHub(opts: { seed?: boolean; env?: Record<string, string> } = {}) {
  const database = await createTestDatabase();
  const prefix = testRedisPrefix();
  const config = testEnv(database, prefix, {
    SEED_DEMO: opts.seed === false ? 'false' : 'true',
    HOST: '127.0.0.1',
    // hubs of test files running side by side must not fight over the SMTP listener's fixed port
    EMAIL_LISTEN_PORT: '0',
    ...opts.env,
  });
  const hub = await startHub(config);
  return {
    url: hub.url,
    db: database.db,
    async stop() {
      await hub.stop();
      await database.drop();
      await clearRedisPrefix(prefix);
    },
  };
}
