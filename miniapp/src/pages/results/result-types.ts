import type { InferResponseType } from 'hono/client';
import type { HubClient } from '../../api.ts';

// The results screens' shapes, from the hub's routes (nothing re-declared by hand).
export type ResultsPage = InferResponseType<HubClient['patient']['results']['$get'], 200>;
export type ResultSummary = ResultsPage['items'][number];
export type ResultDetail = InferResponseType<HubClient['patient']['results'][':id']['$get'], 200>;
export type Observation = ResultDetail['observations'][number];
export type Preview = ResultDetail['previews'][number];
