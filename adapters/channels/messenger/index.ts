import type { ChannelAdapter, RawRequest } from '../types.ts';
import { type MessengerClientOptions, sendMessengerMessage } from './client.ts';
import {
  type MessengerWebhookOptions,
  messengerEnvelope,
  messengerHandshake,
  parseMessengerWebhook,
  verifyMessengerWebhook,
} from './webhook.ts';

export { classifyMessengerError } from './errors.ts';
export { messengerSignature } from './webhook.ts';

export type MessengerAdapterOptions = MessengerClientOptions & MessengerWebhookOptions & { pageId: string };

/** Facebook Messenger: Send API out, page webhooks in (PROVIDERS.md §4). */
export function createMessengerAdapter(opts: MessengerAdapterOptions) {
  return {
    channel: 'messenger',
    pageId: opts.pageId,
    send: (msg) => sendMessengerMessage(opts, msg),
    verifyWebhook: (req: RawRequest) => verifyMessengerWebhook(req, opts),
    webhookEnvelope: messengerEnvelope,
    parseWebhook: parseMessengerWebhook,
    handshake: (query: Record<string, string | undefined>) => messengerHandshake(query, opts),
  } satisfies ChannelAdapter & { handshake: unknown; pageId: string };
}

export type MessengerAdapter = ReturnType<typeof createMessengerAdapter>;
