import { z } from '@hono/zod-openapi';
import { dayOffKind } from '../../db/schema/index.ts';

const isoDate = z.iso.date({ error: 'Ngày phải có dạng YYYY-MM-DD' });
const clock = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Giờ phải có dạng HH:MM')
  .openapi({ example: '07:30' });

export const ScheduleSchema = z
  .object({
    id: z.uuid(),
    doctorId: z.uuid(),
    branchId: z.uuid(),
    departmentId: z.uuid(),
    weekday: z.number().int().nullable().openapi({ description: '1 = Thứ Hai … 7 = Chủ nhật (lịch hằng tuần)' }),
    date: z.string().nullable().openapi({ description: 'Buổi làm việc riêng của một ngày' }),
    validFrom: z.string().nullable(),
    validTo: z.string().nullable(),
    startTime: z.string(),
    endTime: z.string(),
    slotMinutes: z.number().int(),
    capacityPerSlot: z.number().int(),
    active: z.boolean(),
  })
  .openapi('Schedule');

export const ScheduleQuerySchema = z.object({
  doctorId: z.uuid({ error: 'Mã bác sĩ không hợp lệ' }).optional(),
  branchId: z.uuid({ error: 'Mã cơ sở không hợp lệ' }).optional(),
  includeEnded: z
    .enum(['true', 'false'])
    .optional()
    .transform((v) => v === 'true'),
});

export const CreateScheduleSchema = z
  .object({
    doctorId: z.uuid({ error: 'Mã bác sĩ không hợp lệ' }),
    branchId: z.uuid({ error: 'Mã cơ sở không hợp lệ' }),
    departmentId: z.uuid({ error: 'Mã chuyên khoa không hợp lệ' }),
    weekday: z.number().int().min(1, 'Thứ từ 1 (Thứ Hai) đến 7 (Chủ nhật)').max(7).optional(),
    date: isoDate.optional(),
    validFrom: isoDate.optional(),
    validTo: isoDate.optional(),
    startTime: clock,
    endTime: clock,
    slotMinutes: z.number().int().min(5, 'Mỗi khung giờ ít nhất 5 phút').max(240),
    capacityPerSlot: z.number().int().min(1, 'Mỗi khung giờ nhận ít nhất 1 người').max(50).default(1),
  })
  .refine((s) => (s.weekday === undefined) !== (s.date === undefined), {
    message: 'Chọn một thứ trong tuần (lịch hằng tuần) hoặc một ngày cụ thể, không chọn cả hai',
    path: ['weekday'],
  })
  .refine((s) => s.startTime < s.endTime, { message: 'Giờ kết thúc phải sau giờ bắt đầu', path: ['endTime'] })
  .refine((s) => !s.validFrom || !s.validTo || s.validFrom <= s.validTo, {
    message: 'Ngày hết hiệu lực phải sau ngày bắt đầu',
    path: ['validTo'],
  })
  .openapi('CreateSchedule');

export const DayOffSchema = z
  .object({
    id: z.uuid(),
    date: z.string(),
    kind: z.enum(dayOffKind.enumValues),
    name: z.string(),
    branchId: z.uuid().nullable(),
    doctorId: z.uuid().nullable(),
  })
  .openapi('DayOff');

export const DayOffQuerySchema = z.object({ from: isoDate, to: isoDate });

export const CreateDayOffSchema = z
  .object({
    date: isoDate,
    kind: z.enum(dayOffKind.enumValues),
    name: z.string().trim().min(1, 'Nhập lý do nghỉ').max(200),
    branchId: z.uuid({ error: 'Mã cơ sở không hợp lệ' }).nullable().optional(),
    doctorId: z.uuid({ error: 'Mã bác sĩ không hợp lệ' }).nullable().optional(),
  })
  .openapi('CreateDayOff');

/** Bookings that a schedule change or a day off leaves without a session: staff call these patients. */
export const AffectedAppointmentSchema = z
  .object({
    id: z.uuid(),
    bookingCode: z.string(),
    status: z.string(),
    startsAt: z.string(),
    doctorId: z.uuid(),
    branchId: z.uuid(),
  })
  .openapi('AffectedAppointment');

export const ScheduleChangeSchema = z.object({
  schedule: ScheduleSchema,
  slotsOpened: z.number().int(),
  slotsClosed: z.number().int(),
  affected: z.array(AffectedAppointmentSchema),
});

export const DayOffChangeSchema = z.object({
  dayOff: DayOffSchema,
  slotsOpened: z.number().int(),
  affected: z.array(AffectedAppointmentSchema),
});

export type CreateSchedule = z.infer<typeof CreateScheduleSchema>;
export type CreateDayOff = z.infer<typeof CreateDayOffSchema>;
