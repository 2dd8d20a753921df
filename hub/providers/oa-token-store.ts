import { createHash } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import { TransientError } from '../../adapters/channels/errors.ts';
import type { OaTokenPair, TokenProvider } from '../../adapters/zalo-oauth/index.ts';
import { providerTokens } from '../../db/schema/index.ts';
import type { AppDeps } from '../platform/context.ts';
import { tryLock } from './redis-lock.ts';

export type TokenStoreDeps = Pick<AppDeps, 'db' | 'redis' | 'config' | 'logger'>;

export interface OaTokenStoreOptions {
  oaId: string;
  /** the pair from the configuration: the row starts from it, and a different configured pair replaces the row */
  seed: { accessToken: string; refreshToken: string };
  /** the provider's refresh grant (adapters/zalo-oauth) */
  refresh(refreshToken: string): Promise<OaTokenPair>;
  /** renew ahead of the stored expiry by this much */
  renewAheadMs?: number;
  /** longest a refresh may hold the lock */
  lockTtlMs?: number;
  /** longest a caller waits for another process's refresh before giving up (TransientError) */
  waitMs?: number;
  /**
   * How long `current()` reuses the row it read: every send asks for the token, and a campaign sends hundreds a
   * second. A token another process refreshed meanwhile is still valid until its expiry, and a refused one goes
   * through `renew`, which always reads the row.
   */
  cacheMs?: number;
}

const provider = 'zalo_oa';
const refreshLifetimeMs = 90 * 24 * 3_600_000;

/**
 * The Zalo OA token pair as the hub keeps it (PROVIDERS.md §1.1): refresh tokens are single-use and rotate, so
 * - one refresh is in flight per OA: a Redis lock across processes, one shared promise within a process, and the row
 *   re-read once the lock is held (whoever waited gets the token the winner stored, without a second grant);
 * - the new pair is stored atomically, by one UPDATE … WHERE refresh_token = <the one used>.
 * Tokens are never logged.
 */
export function createOaTokenStore(deps: TokenStoreDeps, opts: OaTokenStoreOptions): TokenProvider {
  const { db, redis, logger } = deps;
  const renewAheadMs = opts.renewAheadMs ?? 5 * 60_000;
  const lockTtlMs = opts.lockTtlMs ?? 30_000;
  const waitMs = opts.waitMs ?? 45_000;
  const cacheMs = opts.cacheMs ?? 5_000;
  let cached: { row: typeof providerTokens.$inferSelect; until: number } | undefined;
  const lockKey = `${deps.config.REDIS_PREFIX}:provider-token-lock:${provider}:${opts.oaId}`;
  const fingerprint = createHash('sha256').update(`${opts.seed.accessToken}\n${opts.seed.refreshToken}`).digest('hex');
  const row = and(eq(providerTokens.provider, provider), eq(providerTokens.account, opts.oaId));
  const inFlight = new Map<string, Promise<string>>();
  let seeded: Promise<void> | undefined;

  const seed = () =>
    (seeded ??= db
      .insert(providerTokens)
      .values({ provider, account: opts.oaId, ...opts.seed, seedFingerprint: fingerprint })
      .onConflictDoUpdate({
        target: [providerTokens.provider, providerTokens.account],
        set: { ...opts.seed, seedFingerprint: fingerprint, accessExpiresAt: null, refreshExpiresAt: null },
        setWhere: sql`${providerTokens.seedFingerprint} <> excluded.seed_fingerprint`,
      })
      .then(() => undefined)
      .catch((err: unknown) => {
        seeded = undefined;
        throw err;
      }));

  const read = async () => {
    for (let attempt = 0; ; attempt++) {
      await seed();
      const [r] = await db.select().from(providerTokens).where(row);
      if (r) {
        cached = { row: r, until: Date.now() + cacheMs };
        return r;
      }
      // the row was removed (by hand, or a restore): start again from the configured pair
      seeded = undefined;
      if (attempt > 0) throw new TransientError('token_missing', 'Chưa có access token của OA, hệ thống sẽ thử lại');
    }
  };

  async function refreshUnderLock(expired: string): Promise<string> {
    const until = Date.now() + waitMs;
    for (;;) {
      const before = await read();
      if (before.accessToken !== expired) return before.accessToken;
      const lock = await tryLock(redis, lockKey, lockTtlMs);
      if (lock) {
        try {
          // another process may have refreshed between our read and the lock
          const current = await read();
          if (current.accessToken !== expired) return current.accessToken;
          const pair = await opts.refresh(current.refreshToken);
          const now = Date.now();
          const stored = await db
            .update(providerTokens)
            .set({
              accessToken: pair.accessToken,
              refreshToken: pair.refreshToken,
              accessExpiresAt: new Date(now + pair.expiresInSeconds * 1000),
              refreshExpiresAt: new Date(now + refreshLifetimeMs),
              refreshedAt: new Date(now),
            })
            .where(and(row, eq(providerTokens.refreshToken, current.refreshToken)))
            .returning({ accessToken: providerTokens.accessToken });
          if (stored.length === 0) {
            // the row moved under us (the lock outlived its TTL, or the configuration re-seeded it)
            logger.warn({ oaId: opts.oaId }, 'oa token row changed during a refresh; using the stored pair');
            return (await read()).accessToken;
          }
          cached = undefined;
          logger.info({ oaId: opts.oaId, expiresInSeconds: pair.expiresInSeconds }, 'oa access token refreshed');
          return pair.accessToken;
        } catch (err) {
          logger.warn({ oaId: opts.oaId, err: String(err) }, 'oa access token refresh failed');
          throw err;
        } finally {
          await lock.release();
        }
      }
      if (Date.now() > until) {
        throw new TransientError('token_refresh_busy', 'Đang chờ làm mới access token của OA, hệ thống sẽ thử lại');
      }
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  function renew(expired: string): Promise<string> {
    let p = inFlight.get(expired);
    if (!p) {
      p = refreshUnderLock(expired).finally(() => inFlight.delete(expired));
      inFlight.set(expired, p);
    }
    return p;
  }

  return {
    async current() {
      const r = cached && cached.until > Date.now() ? cached.row : await read();
      if (!r.accessExpiresAt || r.accessExpiresAt.getTime() - Date.now() > renewAheadMs) return r.accessToken;
      // close to its stored expiry: renew ahead; while it is still valid a failed renewal is not the caller's problem
      return renew(r.accessToken).catch((err: unknown) => {
        if (r.accessExpiresAt!.getTime() > Date.now()) return r.accessToken;
        throw err;
      });
    },
    renew,
  };
}
