import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns';
import type { Redis } from 'ioredis';

/**
 * The OA's daily ZNS quota as the hub counts it (PROVIDERS.md §2.6), per OA and clinic day, shared by all workers:
 * a send takes one unit before the call and gives it back if the provider did not take the message. The provider's
 * own figures win: a reported `remainingQuota` of 0 or a -144 marks the day used up. When it is, ZNS is skipped and
 * the plan moves on (to SMS by default) instead of waiting for midnight.
 *
 * KEYS[1] the day's hash; ARGV[1] the configured daily quota (the provider's, once read), ARGV[2] how many sends
 * want a unit. Returns how many units were taken (fewer when the day runs out: it is then marked used up).
 */
const take = `
if redis.call('HGET', KEYS[1], 'exhausted') == '1' then return 0 end
local limit = tonumber(redis.call('HGET', KEYS[1], 'limit') or ARGV[1])
local want = tonumber(ARGV[2])
local used = tonumber(redis.call('HGET', KEYS[1], 'used') or '0')
local n = math.min(want, math.max(0, limit - used))
if n > 0 then redis.call('HINCRBY', KEYS[1], 'used', n) end
if n < want then redis.call('HSET', KEYS[1], 'exhausted', '1') end
redis.call('EXPIRE', KEYS[1], 172800)
return n
`;

export interface ZnsQuota {
  /** Takes one send from today's quota; false when the day is used up. */
  take(account: string): Promise<boolean>;
  /** Takes up to `n` sends at once (a batch): how many it got, fewer when the day ran out. */
  takeMany(account: string, n: number): Promise<number>;
  /** Sends that did not reach the provider's count (they failed, or were not made): their units are given back. */
  giveBack(account: string, n?: number): Promise<void>;
  /** The provider says the day is used up (-144, or remainingQuota 0). */
  exhaust(account: string): Promise<void>;
  usage(account: string): Promise<{ used: number; exhausted: boolean }>;
  /** The provider's own figures (GET /message/quota), read now and then: they replace the hub's count. */
  learn(account: string, q: { dailyQuota: number; remainingQuota: number }): Promise<void>;
  /** True at most once per `seconds` across all workers: time to read the provider's figures again. */
  due(account: string, seconds: number): Promise<boolean>;
}

/** Today's date at the clinic, worked out again only when the clinic's midnight has passed. */
function clinicDay(timeZone: string): () => string {
  let day = '';
  let until = 0;
  return () => {
    const now = Date.now();
    if (now >= until) {
      const local = new TZDate(now, timeZone);
      day = format(local, 'yyyy-MM-dd');
      until = new TZDate(local.getFullYear(), local.getMonth(), local.getDate() + 1, 0, 0, 0, timeZone).getTime();
    }
    return day;
  };
}

export function redisZnsQuota(redis: Redis, prefix: string, dailyQuota: number, timeZone: string): ZnsQuota {
  const today = clinicDay(timeZone);
  const key = (account: string) => `${prefix}:notify:zns-quota:${account}:${today()}`;
  const takeMany = async (account: string, n: number) =>
    n <= 0 ? 0 : Number(await redis.eval(take, 1, key(account), dailyQuota, n));
  return {
    async take(account) {
      return (await takeMany(account, 1)) === 1;
    },
    takeMany,
    async giveBack(account, n = 1) {
      if (n > 0) await redis.hincrby(key(account), 'used', -n);
    },
    async exhaust(account) {
      const k = key(account);
      await redis.multi().hset(k, 'exhausted', '1').expire(k, 172_800).exec();
    },
    async learn(account, q) {
      const k = key(account);
      const used = Math.max(0, q.dailyQuota - q.remainingQuota);
      await redis
        .multi()
        .hset(k, 'limit', String(q.dailyQuota), 'used', String(used), 'exhausted', q.remainingQuota <= 0 ? '1' : '0')
        .expire(k, 172_800)
        .exec();
    },
    async due(account, seconds) {
      return (await redis.set(`${prefix}:notify:zns-quota-read:${account}`, '1', 'EX', seconds, 'NX')) === 'OK';
    },
    async usage(account) {
      const h = await redis.hgetall(key(account));
      return { used: Number(h.used ?? 0), exhausted: h.exhausted === '1' };
    },
  };
}
