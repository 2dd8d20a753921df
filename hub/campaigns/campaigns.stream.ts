import type { Hono } from 'hono';
import { streamSSE } from 'hono/streaming';
import type { AppDeps, AppEnv } from '../platform/context.ts';
import { campaignDto } from './campaign-dto.ts';
import { campaignNotFound } from './campaign-errors.ts';

const everyMs = 1_000;
const finished = new Set(['completed', 'cancelled', 'draft']);

/**
 * GET /:id/events: Server-Sent Events with the campaign's progress and status, every second while it sends; the
 * stream ends a moment after the campaign is completed or cancelled (the last event carries the final counts).
 */
export function mountCampaignStream(app: Hono<AppEnv>, deps: AppDeps) {
  app.get('/:id/events', async (c) => {
    const id = c.req.param('id');
    if (!/^[0-9a-f-]{36}$/i.test(id) || !(await campaignDto(deps.db, id))) throw campaignNotFound();
    c.header('cache-control', 'no-cache, no-transform');
    c.header('x-accel-buffering', 'no');
    return streamSSE(c, async (stream) => {
      let closed = false;
      stream.onAbort(() => {
        closed = true;
      });
      let seq = 0;
      while (!closed && !stream.aborted && deps.isAccepting()) {
        const dto = await campaignDto(deps.db, id);
        if (!dto) break;
        await stream.writeSSE({
          event: 'progress',
          id: String(seq++),
          data: JSON.stringify({ ...dto.progress, status: dto.status }),
        });
        if (finished.has(dto.status)) break;
        await new Promise((r) => setTimeout(r, everyMs));
      }
    });
  });
}
