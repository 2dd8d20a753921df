import { createEmailAdapter, type EmailAdapter } from '../../adapters/channels/email/index.ts';
import { createMessengerAdapter, type MessengerAdapter } from '../../adapters/channels/messenger/index.ts';
import type { ChannelAdapter } from '../../adapters/channels/types.ts';
import {
  createZaloOaAdapter,
  type SignatureVariant,
  type ZaloOaAdapter,
} from '../../adapters/channels/zalo-oa/index.ts';
import type { Channel } from '../../db/schema/index.ts';
import type { Config } from '../config.ts';
import { oaAccessToken, type TokenStoreDeps } from '../providers/index.ts';

export interface ChannelAdapters {
  zaloOa?: ZaloOaAdapter;
  messenger?: MessengerAdapter;
  email?: EmailAdapter;
  /** the adapter that sends on a conversation's channel, if that channel is configured */
  forChannel(channel: Channel): ChannelAdapter | undefined;
  close(): void;
}

const cache = new WeakMap<Config, ChannelAdapters>();

/**
 * The channel adapters this hub has credentials for, built once per configuration. The OA's token comes from the
 * provider token store (hub/providers): an expired one is refreshed once and the call retried once.
 */
export function channelAdapters(deps: TokenStoreDeps): ChannelAdapters {
  const config = deps.config;
  const hit = cache.get(config);
  if (hit) return hit;
  const oaToken = oaAccessToken(deps);
  const zaloOa =
    config.ZALO_OA_ID && config.ZALO_OA_APP_ID && config.ZALO_OA_SECRET_KEY && oaToken
      ? createZaloOaAdapter({
          apiUrl: config.ZALO_OA_API_URL!,
          accessToken: oaToken,
          appId: config.ZALO_OA_APP_ID,
          oaId: config.ZALO_OA_ID,
          oaSecretKey: config.ZALO_OA_SECRET_KEY,
          appSecret: config.ZALO_APP_SECRET,
          variants: config.ZALO_OA_SIGNATURE_VARIANTS.split(',').map((v) => v.trim() as SignatureVariant),
          maxAgeSeconds: config.ZALO_OA_WEBHOOK_MAX_AGE_SECONDS,
        })
      : undefined;
  const messenger =
    config.MESSENGER_PAGE_ID &&
    config.MESSENGER_PAGE_TOKEN &&
    config.MESSENGER_APP_SECRET &&
    config.MESSENGER_VERIFY_TOKEN
      ? createMessengerAdapter({
          graphUrl: config.MESSENGER_GRAPH_URL!,
          graphVersion: config.MESSENGER_GRAPH_VERSION,
          pageAccessToken: config.MESSENGER_PAGE_TOKEN,
          appSecret: config.MESSENGER_APP_SECRET,
          verifyToken: config.MESSENGER_VERIFY_TOKEN,
          pageId: config.MESSENGER_PAGE_ID,
        })
      : undefined;
  const email =
    config.EMAIL_INBOX_ADDRESS && config.EMAIL_SMTP_URL
      ? createEmailAdapter({
          smtpUrl: config.EMAIL_SMTP_URL,
          fromAddress: config.EMAIL_INBOX_ADDRESS,
          fromName: config.CLINIC_NAME,
        })
      : undefined;
  const adapters: ChannelAdapters = {
    zaloOa,
    messenger,
    email,
    forChannel(channel) {
      if (channel === 'zalo_oa') return zaloOa;
      if (channel === 'messenger') return messenger;
      if (channel === 'email') return email;
      return undefined;
    },
    close() {
      email?.close();
    },
  };
  cache.set(config, adapters);
  return adapters;
}

/** Vietnamese channel names for messages to staff. */
export const channelLabel: Record<Channel, string> = {
  zalo_oa: 'Zalo OA',
  zns: 'ZNS',
  messenger: 'Messenger',
  sms: 'SMS',
  email: 'Email',
  miniapp: 'Mini App',
  web_form: 'Form website',
  hotline: 'Tổng đài',
};
