import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { sql } from 'drizzle-orm';
import { outboxEvents } from '../../db/schema/index.ts';
import type { AppDeps, AppEnv } from './context.ts';

const HealthSchema = z.object({ status: z.literal('ok'), uptimeSeconds: z.number() }).openapi('Health');
const ReadySchema = z
  .object({
    status: z.enum(['ready', 'not_ready']),
    checks: z.object({
      postgres: z.enum(['ok', 'down']),
      redis: z.enum(['ok', 'down']),
      accepting: z.boolean(),
    }),
  })
  .openapi('Ready');

const healthRoute = createRoute({
  method: 'get',
  path: '/health',
  tags: ['Vận hành'],
  summary: 'Tiến trình đang chạy',
  responses: { 200: { description: 'Đang chạy', content: { 'application/json': { schema: HealthSchema } } } },
});

const readyRoute = createRoute({
  method: 'get',
  path: '/ready',
  tags: ['Vận hành'],
  summary: 'PostgreSQL và Redis sẵn sàng',
  responses: {
    200: { description: 'Sẵn sàng nhận yêu cầu', content: { 'application/json': { schema: ReadySchema } } },
    503: { description: 'Chưa sẵn sàng', content: { 'application/json': { schema: ReadySchema } } },
  },
});

async function probe(fn: () => Promise<unknown>, ms = 2_000): Promise<'ok' | 'down'> {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      fn(),
      new Promise((_, reject) => (timer = setTimeout(() => reject(new Error('timeout')), ms))),
    ]);
    return 'ok';
  } catch {
    return 'down';
  } finally {
    clearTimeout(timer);
  }
}

export function healthRoutes(deps: AppDeps) {
  const app = new OpenAPIHono<AppEnv>();
  app.get('/metrics', async (c) => {
    const token = deps.config.METRICS_TOKEN;
    if (token && c.req.header('authorization') !== `Bearer ${token}`) return c.text('unauthorized', 401);
    const [row] = await deps.db
      .select({ n: sql<number>`count(*)::int` })
      .from(outboxEvents)
      .where(sql`${outboxEvents.publishedAt} is null`)
      .catch(() => [{ n: -1 }]);
    deps.metrics.outboxBacklog.set(row?.n ?? -1);
    return c.text(await deps.metrics.registry.metrics(), 200, { 'content-type': deps.metrics.registry.contentType });
  });
  return app
    .openapi(healthRoute, (c) => c.json({ status: 'ok' as const, uptimeSeconds: Math.round(process.uptime()) }, 200))
    .openapi(readyRoute, async (c) => {
      const [postgres, redis] = await Promise.all([
        probe(() => deps.db.execute(sql`select 1`)),
        probe(() => deps.redis.ping()),
      ]);
      const accepting = deps.isAccepting();
      const ok = postgres === 'ok' && redis === 'ok' && accepting;
      return c.json(
        { status: ok ? ('ready' as const) : ('not_ready' as const), checks: { postgres, redis, accepting } },
        ok ? 200 : 503,
      );
    });
}
