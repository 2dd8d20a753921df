// What other hub features may use of after-visit care.
export { followUpsProcessor, visitCompletedTopic } from './follow-ups.jobs.ts';
export { followUpRoutes } from './follow-ups.routes.ts';
