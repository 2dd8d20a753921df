import { afterAll, describe, expect, it } from 'vitest';
import { clearRedisPrefix, redisUrl, testRedisPrefix } from '../../tests/support/redis.ts';
import { createRedis } from '../platform/redis.ts';
import { redisRateLimiter } from './rate-limiter.ts';

const redis = createRedis(redisUrl, 'rate-limiter-test');
const prefix = testRedisPrefix();
afterAll(async () => {
  redis.disconnect();
  await clearRedisPrefix(prefix);
});

describe('the token bucket in Redis', () => {
  it('lets a burst through at once, then hands out one slot per interval, each to one caller', async () => {
    const limiter = redisRateLimiter(redis, prefix, 3);
    const waits = await Promise.all(Array.from({ length: 6 }, () => limiter.reserve('zns:oa-1', 1)));
    waits.sort((a, b) => a - b);
    expect(waits.slice(0, 3)).toEqual([0, 0, 0]);
    // the 4th, 5th and 6th sends wait about 1, 2 and 3 s (less the moments the calls took)
    for (const [i, w] of waits.slice(3).entries()) {
      expect(w).toBeGreaterThan(i * 1000 + 100);
      expect(w).toBeLessThanOrEqual((i + 1) * 1000);
    }
  });

  it('keeps accounts apart, and 0 means no limit', async () => {
    const limiter = redisRateLimiter(redis, prefix, 1);
    expect(await limiter.reserve('sms:BRAND-A', 1)).toBe(0);
    expect(await limiter.reserve('sms:BRAND-B', 1)).toBe(0);
    expect(await limiter.reserve('sms:BRAND-A', 1)).toBeGreaterThan(0);
    expect(await limiter.reserve('email:x', 0)).toBe(0);
  });
});
