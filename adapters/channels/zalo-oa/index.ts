import type { ChannelAdapter, RawRequest } from '../types.ts';
import { getUserProfile, sendConsultation, type ZaloOaClientOptions } from './client.ts';
import { parseZaloWebhook, verifyZaloWebhook, type ZaloWebhookOptions, zaloEnvelope } from './webhook.ts';

export { sendConsultation, type ZaloOaClientOptions, type ZaloUserProfile } from './client.ts';
export { classifyZaloError, zaloTokenErrorCodes } from './errors.ts';
export { type SignatureVariant, verifyZaloWebhook, type ZaloWebhookOptions, zaloMac } from './webhook.ts';

export type ZaloOaAdapterOptions = ZaloOaClientOptions & ZaloWebhookOptions;

/** Zalo Official Account: consultation messages out, OA webhooks in (PROVIDERS.md §1). */
export function createZaloOaAdapter(opts: ZaloOaAdapterOptions) {
  return {
    channel: 'zalo_oa',
    send: (msg) => sendConsultation(opts, msg),
    verifyWebhook: (req: RawRequest) => verifyZaloWebhook(req, opts),
    webhookEnvelope: zaloEnvelope,
    parseWebhook: parseZaloWebhook,
    getUserProfile: (userId: string) => getUserProfile(opts, userId),
  } satisfies ChannelAdapter & { getUserProfile: unknown };
}

export type ZaloOaAdapter = ReturnType<typeof createZaloOaAdapter>;
