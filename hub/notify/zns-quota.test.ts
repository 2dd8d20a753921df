import { afterAll, describe, expect, it } from 'vitest';
import { clearRedisPrefix, redisUrl, testRedisPrefix } from '../../tests/support/redis.ts';
import { createRedis } from '../platform/redis.ts';
import { redisZnsQuota } from './zns-quota.ts';

const redis = createRedis(redisUrl, 'zns-quota-test');
const prefix = testRedisPrefix();
afterAll(async () => {
  redis.disconnect();
  await clearRedisPrefix(prefix);
});

describe('the daily ZNS quota', () => {
  it('gives out the configured number of sends a day, and takes back the ones the provider did not count', async () => {
    const q = redisZnsQuota(redis, prefix, 3, 'Asia/Ho_Chi_Minh');
    const taken = await Promise.all(Array.from({ length: 5 }, () => q.take('oa-1')));
    expect(taken.filter(Boolean)).toHaveLength(3);
    expect(await q.usage('oa-1')).toEqual({ used: 3, exhausted: true });
    expect(await q.take('oa-2')).toBe(true); // per OA
  });

  it('gives a batch what is left of the day, and marks the day used up when that is less than asked', async () => {
    const q = redisZnsQuota(redis, prefix, 10, 'Asia/Ho_Chi_Minh');
    expect(await q.takeMany('oa-4', 4)).toBe(4);
    expect(await q.usage('oa-4')).toEqual({ used: 4, exhausted: false });
    expect(await q.takeMany('oa-4', 8)).toBe(6);
    expect(await q.usage('oa-4')).toEqual({ used: 10, exhausted: true });
    expect(await q.takeMany('oa-4', 1)).toBe(0);
    await q.giveBack('oa-4', 3);
    expect((await q.usage('oa-4')).used).toBe(7);
  });

  it('follows the provider’s own figures once read, and its word that the day is used up', async () => {
    const q = redisZnsQuota(redis, prefix, 3, 'Asia/Ho_Chi_Minh');
    await q.learn('oa-3', { dailyQuota: 2_000, remainingQuota: 1_998 });
    expect(await q.usage('oa-3')).toEqual({ used: 2, exhausted: false });
    for (let i = 0; i < 10; i++) expect(await q.take('oa-3')).toBe(true);
    await q.giveBack('oa-3');
    expect((await q.usage('oa-3')).used).toBe(11);
    await q.exhaust('oa-3');
    expect(await q.take('oa-3')).toBe(false);
    expect(await q.due('oa-3', 60)).toBe(true);
    expect(await q.due('oa-3', 60)).toBe(false);
  });
});
