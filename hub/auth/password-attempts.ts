import { createHash } from 'node:crypto';
import type { AppDeps } from '../platform/context.ts';

/**
 * Wrong passwords counted per account email, shared by sign-in and password change: someone holding a stolen
 * session gets no more guesses at the password than someone at the sign-in form.
 */
export function passwordAttempts(deps: Pick<AppDeps, 'redis' | 'config'>, email: string) {
  const { redis, config } = deps;
  const digest = createHash('sha256').update(email.trim().toLowerCase()).digest('hex');
  const key = `${config.REDIS_PREFIX}:signin-fail:${digest}`;
  return {
    /** Seconds until the lock lifts when too many wrong passwords were given, else null. */
    async lockedFor(): Promise<number | null> {
      const failures = Number(await redis.get(key)) || 0;
      if (failures < config.SIGNIN_MAX_FAILURES) return null;
      return Math.max(await redis.ttl(key), 1);
    },
    async recordFailure(): Promise<void> {
      await redis
        .multi()
        .incr(key)
        .expire(key, config.SIGNIN_LOCK_MINUTES * 60)
        .exec();
    },
    async clear(): Promise<void> {
      await redis.del(key);
    },
  };
}
