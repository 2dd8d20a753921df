import type { AppDeps } from '../../platform/context.ts';

/**
 * Wrong birth dates, counted in Redis: per link (RESULT_LOOKUP_MAX_ATTEMPTS within RESULT_LOOKUP_LOCK_MINUTES) and per
 * client address (four times that, against one address trying many links). The window starts at the first mistake.
 */
export function lookupAttempts(deps: Pick<AppDeps, 'redis' | 'config'>) {
  const { REDIS_PREFIX: prefix, RESULT_LOOKUP_MAX_ATTEMPTS: max, RESULT_LOOKUP_LOCK_MINUTES: minutes } = deps.config;
  const linkKey = (linkId: string) => `${prefix}:kq-fail:${linkId}`;
  const ipKey = (ip: string) => `${prefix}:kq-fail-ip:${ip}`;
  const window = minutes * 60;

  return {
    max,
    /** Seconds until the link (or the address) may try again; 0 when it may now. */
    async lockedFor(linkId: string, ip: string): Promise<number> {
      const [[, link], [, byIp]] = (await deps.redis.multi().get(linkKey(linkId)).get(ipKey(ip)).exec()) as [
        [unknown, string | null],
        [unknown, string | null],
      ];
      const waits: Promise<number>[] = [];
      if (Number(link) >= max) waits.push(deps.redis.ttl(linkKey(linkId)));
      if (Number(byIp) >= max * 4) waits.push(deps.redis.ttl(ipKey(ip)));
      const ttl = Math.max(0, ...(await Promise.all(waits)));
      return waits.length ? Math.max(ttl, 1) : 0;
    },
    /** Counts a wrong birth date; returns the attempts left on this link. */
    async fail(linkId: string, ip: string): Promise<number> {
      // SET NX EX opens the window at the first mistake; INCR keeps its expiry (works on Redis 6)
      const res = (await deps.redis
        .multi()
        .set(linkKey(linkId), 0, 'EX', window, 'NX')
        .incr(linkKey(linkId))
        .set(ipKey(ip), 0, 'EX', window, 'NX')
        .incr(ipKey(ip))
        .exec()) as [unknown, unknown][];
      return Math.max(0, max - Number(res[1]![1]));
    },
    async clear(linkId: string): Promise<void> {
      await deps.redis.del(linkKey(linkId));
    },
  };
}
