import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { HonoAdapter } from '@bull-board/hono';
import { serveStatic } from '@hono/node-server/serve-static';
import type { Hono } from 'hono';
import { authorize } from '../auth/authorize.ts';
import type { AppDeps, AppEnv } from './context.ts';
import { queueNames } from './queues.ts';

export const queueBoardPath = '/admin/queues';

/** bull-board for operators: inspect, retry and clean jobs of every queue. Admins only. */
export function mountQueueBoard(app: Hono<AppEnv>, deps: AppDeps): void {
  const adapter = new HonoAdapter(serveStatic);
  createBullBoard({
    queues: queueNames.map((n) => new BullMQAdapter(deps.queues[n])),
    serverAdapter: adapter,
    options: { uiConfig: { boardTitle: 'MediCRM — hàng đợi' } },
  });
  adapter.setBasePath(queueBoardPath);
  // bull-board's own UI cannot send our CSRF header: its writes are checked by Origin instead.
  app.use(`${queueBoardPath}/*`, authorize(deps, 'queues.manage', { csrf: 'origin' }));
  app.use(queueBoardPath, authorize(deps, 'queues.manage', { csrf: 'origin' }));
  app.route(queueBoardPath, adapter.registerPlugin());
}
