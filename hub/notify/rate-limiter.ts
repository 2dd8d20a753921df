import type { Redis } from 'ioredis';

/**
 * A token bucket per provider account (an OA, a brandname, a mailbox), shared by every worker through Redis. It is
 * kept as GCRA: one key holds the "theoretical arrival time" of the next send; a caller reserves the next free slot
 * atomically and learns how long to wait for it. Reserving (instead of "try again later") keeps the pace exact under
 * contention: a thousand waiting sends get a thousand distinct slots, not a thundering herd.
 *
 * KEYS[1] bucket key; ARGV[1] interval between sends (µs), ARGV[2] burst (sends allowed at once after a quiet spell).
 * Returns the wait in µs before the reserved slot. Time comes from the Redis server, so workers' clocks never matter.
 */
const script = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
local interval = tonumber(ARGV[1])
local burst = tonumber(ARGV[2])
local tat = tonumber(redis.call('GET', KEYS[1]) or '0')
if tat < now then tat = now end
local allowAt = tat - interval * (burst - 1)
local wait = allowAt - now
if wait < 0 then wait = 0 end
local newTat = tat + interval
redis.call('SET', KEYS[1], string.format('%.0f', newTat), 'PX', math.ceil((newTat - now) / 1000) + 1000)
return wait
`;

export interface RateLimiter {
  /** Reserves one send for `bucket` at `perSecond` (0 = unlimited); resolves to the milliseconds to wait first. */
  reserve(bucket: string, perSecond: number): Promise<number>;
}

export function redisRateLimiter(redis: Redis, prefix: string, burst: number): RateLimiter {
  const sha = { value: '' };
  const run = async (key: string, interval: number): Promise<number> => {
    if (!sha.value) sha.value = (await redis.script('LOAD', script)) as string;
    try {
      return Number(await redis.evalsha(sha.value, 1, key, interval, burst));
    } catch (err) {
      // the script cache was flushed (Redis restart): load it again once
      if (!String(err).includes('NOSCRIPT')) throw err;
      sha.value = '';
      return run(key, interval);
    }
  };
  return {
    async reserve(bucket, perSecond) {
      if (!(perSecond > 0)) return 0;
      const waitUs = await run(`${prefix}:notify:rate:${bucket}`, Math.round(1_000_000 / perSecond));
      return waitUs / 1000;
    },
  };
}
