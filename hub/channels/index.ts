// What other parts of the hub may use of the channels.
export { type ChannelAdapters, channelAdapters, channelLabel } from './channel-registry.ts';
export { type ChannelServices, startChannelServices } from './channel-services.ts';
export { outboundProcessor } from './outbound.jobs.ts';
export { inboundProcessor } from './process-webhook.ts';
export { requeueStranded, webhookStore } from './webhook-store.ts';
export { webhookRoutes } from './webhooks.routes.ts';
