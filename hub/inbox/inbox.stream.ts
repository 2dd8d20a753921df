import type { Hono } from 'hono';
import { streamSSE } from 'hono/streaming';
import { authorize } from '../auth/authorize.ts';
import type { AppDeps, AppEnv } from '../platform/context.ts';
import { assignWaiting, teamsOf } from './assignment.ts';
import { openPresence, presenceOf } from './presence.ts';
import { type InboxEvent, realtime } from './realtime.ts';

const heartbeatMs = 15_000;

/**
 * GET /stream: Server-Sent Events for the console. Every change of any API replica arrives (Redis pub/sub);
 * mentions only reach the person mentioned. The connection is also the agent's presence: while it is open (and
 * beats), automatic assignment counts them online. Events carry ids; the console refetches what it shows. After a
 * reconnect the console should refetch its lists (no replay of missed events).
 */
export function mountInboxStream(app: Hono<AppEnv>, deps: AppDeps) {
  app.get('/stream', authorize(deps, 'inbox.read'), (c) => {
    const staff = c.get('staff')!;
    c.header('cache-control', 'no-cache, no-transform');
    c.header('x-accel-buffering', 'no');
    return streamSSE(c, async (stream) => {
      const wasOnline = (await presenceOf(deps, [staff.id])).get(staff.id)?.online ?? false;
      const presence = await openPresence(deps, staff.id);
      const queue: InboxEvent[] = [];
      let wake: (() => void) | undefined;
      const unsubscribe = realtime(deps).subscribe((e) => {
        if (e.type === 'mention' && e.staffId !== staff.id) return;
        queue.push(e);
        wake?.();
      });
      let closed = false;
      stream.onAbort(() => {
        closed = true;
        wake?.();
      });
      try {
        await stream.writeSSE({ event: 'ready', data: JSON.stringify({ staffId: staff.id }) });
        if (!wasOnline) {
          await realtime(deps).publish({ type: 'presence', staffId: staff.id, online: true });
          for (const teamId of await teamsOf(deps, staff.id)) {
            await assignWaiting(deps, teamId).catch((err: unknown) => deps.logger.warn({ err }, 'assignment failed'));
          }
        }
        let lastBeat = Date.now();
        while (!closed && !stream.aborted && deps.isAccepting()) {
          if (queue.length === 0) {
            await new Promise<void>((resolve) => {
              const t = setTimeout(resolve, 1_000);
              wake = () => {
                clearTimeout(t);
                resolve();
              };
            });
            wake = undefined;
          }
          while (queue.length > 0 && !closed) {
            const e = queue.shift()!;
            await stream.writeSSE({ event: e.type, data: JSON.stringify(e) });
          }
          if (Date.now() - lastBeat >= heartbeatMs) {
            lastBeat = Date.now();
            await presence.beat();
            await stream.writeSSE({ event: 'ping', data: String(lastBeat) });
          }
        }
      } finally {
        unsubscribe();
        await presence.close().catch(() => {});
        const stillOnline = (await presenceOf(deps, [staff.id]).catch(() => undefined))?.get(staff.id)?.online;
        if (stillOnline === false) await realtime(deps).publish({ type: 'presence', staffId: staff.id, online: false });
      }
    });
  });
}
