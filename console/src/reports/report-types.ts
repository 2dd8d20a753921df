import type { z } from '@hono/zod-openapi';
// The report routes answer JSON or CSV from one path, so the client's inferred type is the union; the JSON shape is
// taken from the hub's own response schemas instead (type-only, nothing of the hub reaches the bundle).
import type {
  AppointmentOutcomesSchema,
  BookingFunnelSchema,
  ContactVolumeSchema,
  NotificationDeliverySchema,
  ResponseTimesSchema,
  ResultTurnaroundSchema,
} from '../../../hub/reports/reports.schemas.ts';

export type ContactVolume = z.output<typeof ContactVolumeSchema>;
export type BookingFunnel = z.output<typeof BookingFunnelSchema>;
export type AppointmentOutcomes = z.output<typeof AppointmentOutcomesSchema>;
export type ResponseTimes = z.output<typeof ResponseTimesSchema>;
export type NotificationDelivery = z.output<typeof NotificationDeliverySchema>;
export type ResultTurnaround = z.output<typeof ResultTurnaroundSchema>;
export type ResponseTimeRow = ResponseTimes['byAgent'][number];

/** Where one table of a report downloads as CSV. */
export type Csv = (report: string, table: string) => string;

export interface ReportFilter {
  from: string;
  to: string;
  /** '' = every branch */
  branchId: string;
}

export interface AllReports {
  contacts: ContactVolume;
  funnel: BookingFunnel;
  appointments: AppointmentOutcomes;
  responseTimes: ResponseTimes;
  notifications: NotificationDelivery;
  results: ResultTurnaround;
}
