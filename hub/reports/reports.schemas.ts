import { z } from '@hono/zod-openapi';
import { channel, notificationState, orderKind } from '../../db/schema/index.ts';

const isoDate = z.iso.date({ error: 'Ngày phải có dạng YYYY-MM-DD' });

export const ReportQuerySchema = z.object({
  from: isoDate.optional().openapi({ description: 'Ngày đầu kỳ (giờ phòng khám); mặc định 30 ngày gần nhất' }),
  to: isoDate.optional().openapi({ description: 'Ngày cuối kỳ, tính cả ngày này' }),
  branchId: z.uuid({ error: 'Mã cơ sở không hợp lệ' }).optional(),
  format: z.enum(['json', 'csv']).default('json').openapi({ description: 'csv: tải một bảng dạng CSV (UTF-8 BOM)' }),
  table: z.string().max(40).optional().openapi({ description: 'Bảng cần tải khi format=csv; mặc định bảng đầu tiên' }),
});

const RangeSchema = z.object({
  from: z.string(),
  to: z.string(),
  branchId: z.uuid().nullable(),
  /** false when the figures have no branch (contacts, conversations) and the branch filter was not applied */
  branchApplies: z.boolean(),
});

const channelKey = z.enum([...channel.enumValues, 'unknown']);
const nullableNumber = z.number().nullable();

export const ContactVolumeSchema = z
  .object({
    range: RangeSchema,
    byChannel: z.array(z.object({ channel: channelKey, contacts: z.number(), tickets: z.number() })),
    daily: z.array(z.object({ date: z.string(), contacts: z.number(), tickets: z.number() })),
    totals: z.object({ contacts: z.number(), tickets: z.number() }),
  })
  .openapi('ContactVolumeReport');

const funnelCounts = { leads: z.number(), booked: z.number(), checkedIn: z.number(), completed: z.number() };
export const BookingFunnelSchema = z
  .object({
    range: RangeSchema,
    stages: z.array(
      z.object({
        stage: z.enum(['lead', 'booked', 'checked_in', 'completed']),
        count: z.number(),
        rateFromLead: nullableNumber,
      }),
    ),
    bySource: z.array(
      z.object({ channel: channelKey, ...funnelCounts, bookingRate: nullableNumber, completionRate: nullableNumber }),
    ),
  })
  .openapi('BookingFunnelReport');

const outcome = {
  scheduled: z.number(),
  attended: z.number(),
  completed: z.number(),
  noShow: z.number(),
  cancelled: z.number(),
  pending: z.number(),
  noShowRate: nullableNumber,
  cancellationRate: nullableNumber,
};
export const AppointmentOutcomesSchema = z
  .object({
    range: RangeSchema,
    totals: z.object(outcome),
    bySource: z.array(z.object({ channel: z.enum(channel.enumValues), ...outcome })),
  })
  .openapi('AppointmentOutcomesReport');

const sla = z.object({ met: z.number(), missed: z.number(), rate: nullableNumber });
const ResponseTimeRowSchema = z.object({
  id: z.uuid().nullable(),
  name: z.string(),
  conversations: z.number(),
  responded: z.number(),
  firstResponseMedianMinutes: nullableNumber,
  firstResponseAvgMinutes: nullableNumber,
  resolved: z.number(),
  resolutionMedianMinutes: nullableNumber,
  resolutionAvgMinutes: nullableNumber,
  firstResponseSla: sla,
  resolutionSla: sla,
});
export const ResponseTimesSchema = z
  .object({
    range: RangeSchema,
    totals: ResponseTimeRowSchema,
    byAgent: z.array(ResponseTimeRowSchema),
    byTeam: z.array(ResponseTimeRowSchema),
  })
  .openapi('ResponseTimesReport');

const delivery = {
  attempts: z.number(),
  delivered: z.number(),
  failed: z.number(),
  inFlight: z.number(),
  costVnd: z.number(),
  deliveryRate: nullableNumber,
  costPerDeliveredVnd: nullableNumber,
};
export const NotificationDeliverySchema = z
  .object({
    range: RangeSchema,
    totals: z.object(delivery),
    byChannel: z.array(z.object({ channel: z.enum(channel.enumValues), ...delivery })),
    outcomes: z.array(z.object({ state: z.enum(notificationState.enumValues), count: z.number() })),
  })
  .openapi('NotificationDeliveryReport');

export const ResultTurnaroundSchema = z
  .object({
    range: RangeSchema,
    byKind: z.array(
      z.object({
        kind: z.enum(orderKind.enumValues),
        orders: z.number(),
        released: z.number(),
        medianHours: nullableNumber,
        avgHours: nullableNumber,
        p90Hours: nullableNumber,
      }),
    ),
  })
  .openapi('ResultTurnaroundReport');
