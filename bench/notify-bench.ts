/**
 * What the notification benchmarks (notify.ts, campaign.ts) share: the hub's settings for an unthrottled run against
 * the sandbox twins, and the ZNS twin's control routes.
 */
import { loadConfig } from '../hub/config.ts';

/** Quiet hours off, no provider rate limits, a daily ZNS quota no run reaches, a 5-second notify sweep. */
export const notifyBenchConfig = (databaseUrl: string, sandboxUrl: string) =>
  loadConfig({
    DATABASE_URL: databaseUrl,
    REDIS_PREFIX: `medicrm-bench-${process.pid}`,
    LOG_LEVEL: 'silent',
    DB_POOL_MAX: '20',
    SANDBOX: 'true',
    SANDBOX_URL: sandboxUrl,
    NOTIFY_QUIET_HOURS: 'off',
    NOTIFY_RATE_LIMITS: 'zns=0,sms=0,email=0,zalo_oa=0,miniapp=0',
    NOTIFY_ZNS_DAILY_QUOTA: '10000000',
    NOTIFY_SWEEP_SECONDS: '5',
  });

/** A call to the ZNS twin's routes (`/_sandbox/...`), answered as JSON. */
export const znsTwin =
  (sandboxUrl: string) =>
  async <T>(method: 'GET' | 'POST' | 'DELETE', path: string, body?: unknown) =>
    (await (
      await fetch(`${sandboxUrl}/zns${path}`, {
        method,
        headers: { 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      })
    ).json()) as T;
