// What other hub features may use of schedules.
export { schedulesRoutes } from './schedules.routes.ts';
