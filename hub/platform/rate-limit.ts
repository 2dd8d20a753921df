import type { Context, MiddlewareHandler } from 'hono';
import { clientIp } from '../auth/request-meta.ts';
import type { AppDeps } from './context.ts';
import { RateLimitedError } from './errors.ts';

export interface RateLimit {
  /** names the counter in Redis, e.g. "lead" or "patient-session" */
  name: string;
  /** requests allowed per window and client */
  limit: number;
  windowSeconds: number;
  /** the Vietnamese message the refused client sees */
  message?: string;
}

/**
 * A fixed-window limit per client address, counted in Redis so every hub process shares it. Over the limit: 429 with
 * Retry-After until the window ends. (Behind a proxy every client shares the proxy's address: see README Limits.)
 */
export function rateLimitByIp(deps: AppDeps, rule: RateLimit, key: (c: Context) => string = ipKey): MiddlewareHandler {
  return async (c, next) => {
    const window = Math.floor(Date.now() / 1000 / rule.windowSeconds);
    const counter = `${deps.config.REDIS_PREFIX}:rate:${rule.name}:${key(c)}:${window}`;
    const n = await deps.redis.incr(counter);
    if (n === 1) await deps.redis.expire(counter, rule.windowSeconds + 60);
    if (n > rule.limit) {
      throw new RateLimitedError(
        (window + 1) * rule.windowSeconds - Math.floor(Date.now() / 1000),
        rule.message ?? 'Bạn đã gửi quá nhiều yêu cầu, vui lòng thử lại sau',
      );
    }
    await next();
  };
}

const ipKey = (c: Context) => clientIp(c) ?? 'unknown';
