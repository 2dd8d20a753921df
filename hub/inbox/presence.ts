import { randomUUID } from 'node:crypto';
import type { AppDeps } from '../platform/context.ts';

/**
 * Who is available for automatic assignment. An agent is online while a console connection of theirs sends
 * heartbeats (a sorted set scored by the last beat), unless they set themselves offline; "online" set by hand lasts a
 * session's lifetime even without a console. Presence lives in Redis only: it is not history.
 */
export type Availability = 'auto' | 'online' | 'offline';

const keys = (prefix: string) => ({
  beats: `${prefix}:inbox:presence`,
  manual: `${prefix}:inbox:availability`,
});

export interface PresenceConnection {
  id: string;
  beat(): Promise<void>;
  close(): Promise<void>;
}

/** Registers one console connection; call beat() periodically and close() when it ends. */
export async function openPresence(deps: AppDeps, staffId: string): Promise<PresenceConnection> {
  const k = keys(deps.config.REDIS_PREFIX);
  const member = `${staffId}:${randomUUID()}`;
  const beat = async () => {
    await deps.redis.zadd(k.beats, Date.now(), member);
  };
  await beat();
  return {
    id: member,
    beat,
    async close() {
      await deps.redis.zrem(k.beats, member);
    },
  };
}

export async function setAvailability(deps: AppDeps, staffId: string, status: Availability): Promise<void> {
  const k = keys(deps.config.REDIS_PREFIX);
  if (status === 'auto') await deps.redis.hdel(k.manual, staffId);
  else {
    const until = status === 'online' ? Date.now() + deps.config.SESSION_TTL_HOURS * 3_600_000 : 0;
    await deps.redis.hset(k.manual, staffId, `${status}:${until}`);
  }
}

export interface PresenceState {
  availability: Availability;
  connected: boolean;
  online: boolean;
}

/** Presence of the given staff (all of them in one round trip). */
export async function presenceOf(deps: AppDeps, staffIds: string[]): Promise<Map<string, PresenceState>> {
  const k = keys(deps.config.REDIS_PREFIX);
  const now = Date.now();
  const cutoff = now - deps.config.INBOX_PRESENCE_TTL_SECONDS * 1000;
  const [beats, manual] = await Promise.all([
    deps.redis.zrangebyscore(k.beats, cutoff, '+inf'),
    staffIds.length ? deps.redis.hmget(k.manual, ...staffIds) : Promise.resolve([] as (string | null)[]),
  ]);
  // stale members of crashed connections are dropped on the way
  void deps.redis.zremrangebyscore(k.beats, '-inf', cutoff).catch(() => {});
  const connected = new Set(beats.map((m) => m.slice(0, m.indexOf(':'))));
  const out = new Map<string, PresenceState>();
  staffIds.forEach((id, i) => {
    const [status, until] = (manual[i] ?? 'auto:0').split(':') as [string, string];
    let availability: Availability = status === 'online' || status === 'offline' ? status : 'auto';
    if (availability === 'online' && Number(until) < now) availability = 'auto';
    const isConnected = connected.has(id);
    const online = availability === 'offline' ? false : availability === 'online' ? true : isConnected;
    out.set(id, { availability, connected: isConnected, online });
  });
  return out;
}
