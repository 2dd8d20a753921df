import { createHmac } from 'node:crypto';
import type { SignatureVariant, ZaloWebhookOptions } from '../../adapters/channels/zalo-oa/index.ts';
import { createNotifyEmailAdapter } from '../../adapters/notify/email/index.ts';
import { createMiniAppNotifyAdapter } from '../../adapters/notify/miniapp/index.ts';
import { createSmsAdapter } from '../../adapters/notify/sms/index.ts';
import type { NotifyAdapter, NotifyChannel } from '../../adapters/notify/types.ts';
import { createZaloOaMessageAdapter } from '../../adapters/notify/zalo-oa-message/index.ts';
import { createZnsAdapter } from '../../adapters/notify/zns/index.ts';
import type { AccessTokenSource } from '../../adapters/zalo-oauth/index.ts';
import type { Config } from '../config.ts';
import { oaAccessToken, type TokenStoreDeps } from '../providers/index.ts';

export type NotifyAdapters = Record<NotifyChannel, NotifyAdapter | undefined>;

/** The email envelope-id key: its own, derived from the notification link secret (or the patient token secret). */
function envelopeSecret(config: Config): string {
  return createHmac('sha256', config.NOTIFY_LINK_SECRET ?? config.PATIENT_TOKEN_SECRET)
    .update('medicrm-notify-email-envid')
    .digest('hex');
}

/**
 * The notification adapters this configuration has credentials for; a channel without them is undefined (the engine
 * skips it in a plan). With SANDBOX on, every provider defaults to its sandbox twin (hub/config.ts). `oaToken` is the
 * OA's token source (hub/providers): ZNS and OA messages renew an expired token through it.
 */
export function createNotifyAdapters(config: Config, oaToken: AccessTokenSource | undefined): NotifyAdapters {
  const publicUrl = config.PUBLIC_URL.replace(/\/$/, '');
  const oaWebhook: ZaloWebhookOptions | undefined =
    config.ZALO_OA_ID && config.ZALO_OA_APP_ID && config.ZALO_OA_SECRET_KEY
      ? {
          appId: config.ZALO_OA_APP_ID,
          oaId: config.ZALO_OA_ID,
          oaSecretKey: config.ZALO_OA_SECRET_KEY,
          appSecret: config.ZALO_APP_SECRET,
          variants: config.ZALO_OA_SIGNATURE_VARIANTS.split(',').map((v) => v.trim() as SignatureVariant),
          maxAgeSeconds: config.ZALO_OA_WEBHOOK_MAX_AGE_SECONDS,
        }
      : undefined;
  const oa = oaWebhook && oaToken ? { oaId: oaWebhook.oaId, accessToken: oaToken, webhook: oaWebhook } : undefined;

  const sms =
    config.SMS_PROVIDER === 'esms'
      ? config.ESMS_API_KEY && config.ESMS_SECRET_KEY && config.ESMS_BRANDNAME
        ? createSmsAdapter({
            provider: 'esms',
            esms: {
              apiUrl: config.ESMS_API_URL!,
              apiKey: config.ESMS_API_KEY,
              secretKey: config.ESMS_SECRET_KEY,
              brandname: config.ESMS_BRANDNAME,
              callbackUrl: `${publicUrl}/webhooks/esms`,
            },
          })
        : undefined
      : config.SPEEDSMS_ACCESS_TOKEN && config.SPEEDSMS_SENDER
        ? createSmsAdapter({
            provider: 'speedsms',
            speedsms: {
              apiUrl: config.SPEEDSMS_API_URL!,
              accessToken: config.SPEEDSMS_ACCESS_TOKEN,
              sender: config.SPEEDSMS_SENDER,
            },
          })
        : undefined;

  const from = config.NOTIFY_EMAIL_FROM ?? config.EMAIL_INBOX_ADDRESS;
  const email =
    config.EMAIL_SMTP_URL && from
      ? createNotifyEmailAdapter({
          smtpUrl: config.EMAIL_SMTP_URL,
          fromAddress: from,
          fromName: config.CLINIC_NAME,
          // delivery reports come back into the hub's SMTP listener, which takes mail for the clinic's mailbox
          bounceAddress: config.EMAIL_INBOX_ADDRESS ?? from,
          signingSecret: envelopeSecret(config),
        })
      : undefined;

  const miniapp =
    config.MINIAPP_ID && config.MINIAPP_NOTIFY_API_KEY && config.MINIAPP_NOTIFY_TEMPLATE_ID
      ? createMiniAppNotifyAdapter({
          apiUrl: config.MINIAPP_NOTIFY_API_URL!,
          apiKey: config.MINIAPP_NOTIFY_API_KEY,
          miniAppId: config.MINIAPP_ID,
          templateId: config.MINIAPP_NOTIFY_TEMPLATE_ID,
          appTitle: config.CLINIC_NAME,
        })
      : undefined;

  return {
    zns: oa
      ? createZnsAdapter({ apiUrl: config.ZNS_API_URL!, developmentMode: config.ZNS_DEVELOPMENT_MODE, ...oa })
      : undefined,
    sms,
    email,
    zalo_oa: oa ? createZaloOaMessageAdapter({ apiUrl: config.ZALO_OA_API_URL!, ...oa }) : undefined,
    miniapp,
  };
}

const cache = new WeakMap<Config, NotifyAdapters>();

/** The adapters of this hub's configuration, sharing the OA token store with the inbox; built once per configuration. */
export function notifyAdapters(deps: TokenStoreDeps): NotifyAdapters {
  let hit = cache.get(deps.config);
  if (!hit) {
    hit = createNotifyAdapters(deps.config, oaAccessToken(deps));
    cache.set(deps.config, hit);
  }
  return hit;
}
