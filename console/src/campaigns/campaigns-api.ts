import type { InferRequestType, InferResponseType } from 'hono/client';
import { api, call } from '../api.ts';

/** The campaign routes of the typed client; every type below comes from hub/campaigns' route schemas. */
const campaigns = api.campaigns;
const segments = campaigns.segments;
const one = campaigns[':id'];

export type Segment = InferResponseType<typeof segments.$get, 200>['items'][number];
export type SegmentFilter = Segment['filter'];
export type ConsentChannel = NonNullable<SegmentFilter['consentChannel']>;
export type SegmentPreview = InferResponseType<typeof segments.preview.$post, 200>;
export type CampaignTemplate = InferResponseType<typeof campaigns.templates.$get, 200>['items'][number];
export type Campaign = InferResponseType<typeof one.$get, 200>;
export type CampaignStatus = Campaign['status'];
export type CampaignProgress = Campaign['progress'];
export type CampaignInput = InferRequestType<typeof campaigns.$post>['json'];
/** a draft's changes; `smsFallbackText: null` turns its SMS fallback off */
export type CampaignChanges = InferRequestType<typeof one.$patch>['json'];
export type CampaignPlan = InferResponseType<typeof one.plan.$get, 200>;
export type CampaignReport = InferResponseType<typeof one.report.$get, 200>;
/** data of the "progress" events of GET /api/campaigns/:id/events */
export type ProgressEvent = CampaignProgress & { status: CampaignStatus };

const param = (id: string) => ({ param: { id } });

export const campaignsApi = {
  segments: () => call(segments.$get()),
  segment: (id: string) => call(segments[':id'].$get(param(id))),
  createSegment: (json: { name: string; description?: string; filter: SegmentFilter }) =>
    call(segments.$post({ json })),
  updateSegment: (id: string, json: { name?: string; description?: string; filter?: SegmentFilter }) =>
    call(segments[':id'].$patch({ ...param(id), json })),
  deleteSegment: (id: string) => call(segments[':id'].$delete(param(id))),
  preview: (filter: SegmentFilter) => call(segments.preview.$post({ json: { filter } })),
  templates: () => call(campaigns.templates.$get()),
  list: (q: { status?: CampaignStatus; page: number; pageSize: number }) =>
    call(
      campaigns.$get({
        query: { page: String(q.page), pageSize: String(q.pageSize), ...(q.status ? { status: q.status } : {}) },
      }),
    ),
  get: (id: string) => call(one.$get(param(id))),
  create: (json: CampaignInput) => call(campaigns.$post({ json })),
  update: (id: string, json: CampaignChanges) => call(one.$patch({ ...param(id), json })),
  deleteDraft: (id: string) => call(one.$delete(param(id))),
  plan: (id: string) => call(one.plan.$get(param(id))),
  launch: (id: string, scheduledAt?: string) =>
    call(one.launch.$post({ ...param(id), json: scheduledAt ? { scheduledAt } : {} })),
  pause: (id: string) => call(one.pause.$post(param(id))),
  resume: (id: string) => call(one.resume.$post(param(id))),
  cancel: (id: string) => call(one.cancel.$post(param(id))),
  report: (id: string) => call(one.report.$get(param(id))),
  eventsUrl: (id: string) => `/api/campaigns/${id}/events`,
  csvUrl: (id: string) => `/api/campaigns/${id}/recipients.csv`,
};
