// What other hub features may use of reports.
export { reportsRoutes } from './reports.routes.ts';
