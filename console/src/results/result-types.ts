import type { InferResponseType } from 'hono/client';
import type { api } from '../api.ts';

// Shapes of the results API, from the hub's routes.
export type ReleaseQueuePage = InferResponseType<(typeof api.results)['release-queue']['$get'], 200>;
export type QueueItem = ReleaseQueuePage['items'][number];
export type StaffResult = InferResponseType<(typeof api.results)[':id']['$get'], 200>;
export type StaffObservation = StaffResult['observations'][number];
export type UnlinkedStudy = InferResponseType<(typeof api.results)['unlinked-studies']['$get'], 200>['items'][number];
export type ContactOrder = InferResponseType<(typeof api.results)['by-contact'][':id']['$get'], 200>['items'][number];
