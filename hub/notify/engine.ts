import type { TemplateRegistry } from '../../templates/index.ts';
import type { AppDeps } from '../platform/context.ts';
import type { NotifyAdapters } from './adapters.ts';
import { type RateLimiter, redisRateLimiter } from './rate-limiter.ts';
import { type NotifySettings, notifySettings } from './settings.ts';
import { notifyTemplates } from './template-registry.ts';
import { redisZnsQuota, type ZnsQuota } from './zns-quota.ts';

/** Everything the notification use cases work with, built once per process. */
export interface NotifyEngine {
  deps: AppDeps;
  settings: NotifySettings;
  templates: TemplateRegistry;
  adapters: NotifyAdapters;
  limiter: RateLimiter;
  quota: ZnsQuota;
  /** the time quiet hours and schedules are judged by (tests move it) */
  now(): Date;
}

export function createNotifyEngine(
  deps: AppDeps,
  adapters: NotifyAdapters,
  opts: { now?: () => Date; settings?: Partial<NotifySettings> } = {},
): NotifyEngine {
  const settings = { ...notifySettings(deps.config), ...opts.settings };
  const prefix = deps.config.REDIS_PREFIX;
  return {
    deps,
    settings,
    templates: notifyTemplates(deps.config),
    adapters,
    limiter: redisRateLimiter(deps.redis, prefix, settings.burst),
    quota: redisZnsQuota(deps.redis, prefix, settings.znsDailyQuota, settings.timeZone),
    now: opts.now ?? (() => new Date()),
  };
}
