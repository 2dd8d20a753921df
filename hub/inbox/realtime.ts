import type { Redis } from 'ioredis';
import type { AppDeps } from '../platform/context.ts';

/**
 * Changes the console shows live. They carry ids and states, never names or message text: a console refetches what it
 * displays through the API (with its permission checks), and nothing personal transits Redis.
 */
export type InboxEvent =
  | {
      type: 'conversation.created' | 'conversation.updated';
      conversationId: string;
      status: string;
      assigneeStaffId: string | null;
      teamId: string | null;
    }
  | { type: 'message.created'; conversationId: string; messageId: string; direction: string }
  | {
      type: 'message.updated';
      conversationId: string;
      messageId: string;
      deliveryState: string | null;
      failureReason?: string | null;
    }
  | {
      type: 'assignment.changed';
      conversationId: string;
      assigneeStaffId: string | null;
      previousAssigneeStaffId: string | null;
      teamId: string | null;
    }
  | { type: 'conversation.sla_breached'; conversationId: string; which: 'first_response' | 'resolution' }
  | { type: 'mention'; conversationId: string; messageId: string; staffId: string }
  | { type: 'presence'; staffId: string; online: boolean };

export type Listener = (event: InboxEvent) => void;

export interface RealtimeBroker {
  /** Fans an event out to every API replica (Redis pub/sub); call after the change committed. */
  publish(events: InboxEvent | InboxEvent[]): Promise<void>;
  /** Receives every event published by any process; returns the unsubscribe function. */
  subscribe(listener: Listener): () => void;
}

const brokers = new WeakMap<AppDeps, RealtimeBroker>();

export function realtimeChannel(redisPrefix: string): string {
  return `${redisPrefix}:inbox:events`;
}

/**
 * One broker per process (per deps). The subscriber connection exists only while someone listens (an open console
 * stream), so processes without consoles (workers, tests) hold no extra connection.
 */
export function realtime(deps: AppDeps): RealtimeBroker {
  let broker = brokers.get(deps);
  if (broker) return broker;
  const channel = realtimeChannel(deps.config.REDIS_PREFIX);
  const listeners = new Set<Listener>();
  let sub: Redis | undefined;

  const dispatch = (_ch: string, raw: string) => {
    let event: InboxEvent;
    try {
      event = JSON.parse(raw) as InboxEvent;
    } catch {
      return;
    }
    for (const l of listeners) {
      try {
        l(event);
      } catch (err) {
        deps.logger.warn({ err }, 'realtime listener failed');
      }
    }
  };

  broker = {
    async publish(events) {
      const list = Array.isArray(events) ? events : [events];
      if (list.length === 0) return;
      try {
        const pipe = deps.redis.pipeline();
        for (const e of list) pipe.publish(channel, JSON.stringify(e));
        await pipe.exec();
      } catch (err) {
        // A lost live update is repaired by the console's next refetch; the change itself is committed.
        deps.logger.warn({ err }, 'realtime publish failed');
      }
    },
    subscribe(listener) {
      listeners.add(listener);
      if (!sub) {
        const conn = deps.redis.duplicate();
        conn.on('error', () => {});
        conn.on('message', dispatch);
        conn.subscribe(channel).catch((err: unknown) => deps.logger.warn({ err }, 'realtime subscribe failed'));
        sub = conn;
      }
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0 && sub) {
          const conn = sub;
          sub = undefined;
          conn.quit().catch(() => conn.disconnect());
        }
      };
    },
  };
  brokers.set(deps, broker);
  return broker;
}
