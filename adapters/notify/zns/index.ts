import { PermanentError } from '../../channels/errors.ts';
import type { RawRequest } from '../../channels/types.ts';
import type { ZaloWebhookOptions } from '../../channels/zalo-oa/index.ts';
import type { NotifyAdapter } from '../types.ts';
import { getZnsQuota, sendZnsTemplate, type ZnsClientOptions } from './client.ts';
import { parseZnsCallback, verifyZnsCallback } from './webhook.ts';

export { classifyZnsError, znsTokenErrorCodes } from './errors.ts';
export { parseZnsCallback } from './webhook.ts';

export type ZnsAdapterOptions = ZnsClientOptions & {
  /** the OA that sends (the adapter's account) */
  oaId: string;
  /** the app webhook's signature settings (ZNS events are signed like OA events) */
  webhook: ZaloWebhookOptions;
};

/** ZNS / ZBS template message by phone (PROVIDERS.md §2): the message's `zns` part, to a phone in 84… form. */
export function createZnsAdapter(opts: ZnsAdapterOptions): NotifyAdapter {
  return {
    channel: 'zns',
    provider: 'zns',
    account: opts.oaId,
    async send(msg) {
      if (!msg.zns) throw new PermanentError('local_no_template', 'Thông báo chưa có mẫu ZNS');
      return sendZnsTemplate(opts, {
        phone: msg.to,
        templateId: msg.zns.templateId,
        templateData: msg.zns.templateData,
        trackingId: msg.trackingId,
      });
    },
    verifyCallback: (req: RawRequest) => verifyZnsCallback(req, opts.webhook),
    parseCallback: parseZnsCallback,
    quota: () => getZnsQuota(opts),
  };
}
