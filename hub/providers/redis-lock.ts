import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';

// deletes the key only if it still holds our value: a lock that expired and was taken by another is left alone
const releaseScript =
  "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end";

/** A Redis lock (SET NX PX) held for `ttlMs` at most; null when another process holds it. */
export async function tryLock(redis: Redis, key: string, ttlMs: number): Promise<{ release(): Promise<void> } | null> {
  const value = randomUUID();
  if ((await redis.set(key, value, 'PX', ttlMs, 'NX')) !== 'OK') return null;
  return {
    async release() {
      await redis.eval(releaseScript, 1, key, value);
    },
  };
}
