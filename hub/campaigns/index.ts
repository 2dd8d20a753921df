// What other parts of the hub may use of the campaigns.
export { campaignsProcessor } from './campaigns.jobs.ts';
export { campaignRoutes, clickRoutes } from './campaigns.routes.ts';
export { SegmentFilterSchema } from './campaigns.schemas.ts';
