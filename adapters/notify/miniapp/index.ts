import type { NotifyAdapter } from '../types.ts';
import { type MiniAppNotifyOptions, sendMiniAppNotification } from './client.ts';

export { type MiniAppNotifyOptions, miniAppHome } from './client.ts';
export { classifyMiniAppError, miniAppCodes } from './errors.ts';

/**
 * Mini App notifications ("Thông báo Mini App", PROVIDERS.md §3.3): only to users who opted in and opened the app in
 * the last 7 days, 1 a day each, 1,000 a day per app, 06:00–22:00 — the provider enforces these and the adapter turns
 * its refusals into the channel errors. Zalo offers no delivery callback for them.
 */
export function createMiniAppNotifyAdapter(opts: MiniAppNotifyOptions): NotifyAdapter {
  return {
    channel: 'miniapp',
    provider: 'miniapp',
    account: opts.miniAppId,
    send: (msg) => sendMiniAppNotification(opts, msg),
  };
}
