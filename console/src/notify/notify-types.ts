import type { InferResponseType } from 'hono/client';
import type { api } from '../api.ts';

// Every type comes from the hub's routes through the typed client.
export type TemplatePreview = InferResponseType<typeof api.notify.templates.$get, 200>['items'][number];
export type ChannelPreview = TemplatePreview['previews'][number];
export type NotificationPage = InferResponseType<typeof api.notify.notifications.$get, 200>;
export type NotificationSummary = NotificationPage['items'][number];
export type NotificationDetail = InferResponseType<(typeof api.notify.notifications)[':id']['$get'], 200>;
export type NotificationState = NotificationSummary['state'];
export type Consents = InferResponseType<(typeof api.notify.contacts)[':id']['consents']['$get'], 200>;
