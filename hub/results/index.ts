// What other hub features (and hub/app.ts, hub/jobs.ts) may use of results.
export { applyAutoRelease, resultReceivedTopic } from './auto-release.ts';
export { resultLookupRoutes } from './lookup/lookup.routes.ts';
export { resultLookupUrl } from './lookup/mint-lookup-link.ts';
export { patientResultsRoutes } from './patient-results.routes.ts';
export { type ReleaseActor, releaseResult, resultReleasedTopic } from './release-result.ts';
export { pacsPollProcessor, resultsProcessor, scheduleResults } from './results.jobs.ts';
export { resultsRoutes } from './results.routes.ts';
