import { z } from '@hono/zod-openapi';
import { appointmentEventKinds, appointmentStatus, channel, dayOffKind, sex } from '../../db/schema/index.ts';

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'Ngày phải có dạng yyyy-MM-dd')
  .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)), 'Ngày không hợp lệ');
const uuidParam = (message: string) => z.uuid({ message });

export const BranchSchema = z
  .object({
    id: z.uuid(),
    code: z.string(),
    name: z.string(),
    address: z.string(),
    province: z.string(),
    hotline: z.string().nullable(),
    email: z.string().nullable(),
    timeZone: z.string(),
  })
  .openapi('Branch');

export const DepartmentSchema = z
  .object({ id: z.uuid(), code: z.string(), name: z.string(), description: z.string().nullable() })
  .openapi('Department');

export const DoctorSchema = z
  .object({
    id: z.uuid(),
    code: z.string(),
    title: z.string().openapi({ example: 'ThS.BS.' }),
    fullName: z.string(),
    sex: z.enum(sex.enumValues),
    bio: z.string().nullable(),
    photoUrl: z.string().nullable(),
    languages: z.array(z.string()).openapi({ example: ['vi', 'en'] }),
    yearsOfExperience: z.number().int().nullable(),
    practices: z.array(z.object({ branchId: z.uuid(), departmentId: z.uuid() })),
  })
  .openapi('Doctor');

export const ServicePackageSchema = z
  .object({
    id: z.uuid(),
    code: z.string(),
    name: z.string(),
    description: z.string().nullable(),
    departmentId: z.uuid().nullable(),
    priceVnd: z.number().int().openapi({ description: 'Giá trọn gói, đồng' }),
    bhytCovered: z.boolean(),
    durationMinutes: z.number().int(),
    preparationNotes: z.string().nullable(),
    forSex: z.enum(sex.enumValues).nullable(),
  })
  .openapi('ServicePackage');

export const ClosureSchema = z
  .object({ date: z.string(), kind: z.enum(dayOffKind.enumValues), name: z.string(), branchId: z.uuid().nullable() })
  .openapi('Closure');

export const BookingPolicySchema = z
  .object({
    holdMinutes: z.number().int(),
    changeCutoffHours: z.number(),
    minLeadMinutes: z.number().int(),
    horizonDays: z.number().int(),
    timeZone: z.string(),
  })
  .openapi('BookingPolicy');

export const CatalogFilterSchema = z.object({
  branchId: uuidParam('Mã cơ sở không hợp lệ').optional(),
  departmentId: uuidParam('Mã chuyên khoa không hợp lệ').optional(),
});

export const ClosureQuerySchema = z.object({
  from: isoDate,
  to: isoDate,
  branchId: uuidParam('Mã cơ sở không hợp lệ').optional(),
});

export const AvailabilityQuerySchema = z.object({
  from: isoDate.optional().openapi({ description: 'Ngày đầu (yyyy-MM-dd, giờ phòng khám); mặc định hôm nay' }),
  to: isoDate.optional().openapi({ description: 'Ngày cuối (tính cả ngày này); mặc định 7 ngày, tối đa 31' }),
  branchId: uuidParam('Mã cơ sở không hợp lệ').optional(),
  departmentId: uuidParam('Mã chuyên khoa không hợp lệ').optional(),
  doctorId: uuidParam('Mã bác sĩ không hợp lệ').optional(),
  packageId: uuidParam('Mã gói dịch vụ không hợp lệ').optional(),
});

export const FreeSlotSchema = z
  .object({
    slotId: z.uuid(),
    doctorId: z.uuid(),
    branchId: z.uuid(),
    departmentId: z.uuid(),
    date: z.string().openapi({ example: '2026-11-26' }),
    time: z.string().openapi({ example: '08:30' }),
    startsAt: z.string().openapi({ example: '2026-11-26T01:30:00Z' }),
    endsAt: z.string(),
    seatsLeft: z.number().int(),
  })
  .openapi('FreeSlot');

export const AvailabilitySchema = z
  .object({ timeZone: z.string(), from: z.string(), to: z.string(), slots: z.array(FreeSlotSchema) })
  .openapi('Availability');

export const AvailableDaysSchema = z
  .object({
    timeZone: z.string(),
    from: z.string(),
    to: z.string(),
    days: z.array(z.object({ date: z.string(), freeSlots: z.number().int() })),
  })
  .openapi('AvailableDays');

export const AppointmentSchema = z
  .object({
    id: z.uuid(),
    bookingCode: z.string().openapi({ example: 'MC-7K2P9Q' }),
    qrPayload: z.string().openapi({ description: 'Nội dung mã QR cho quầy/kiosk (chính là mã đặt lịch)' }),
    status: z.enum(appointmentStatus.enumValues),
    startsAt: z.string(),
    endsAt: z.string(),
    holdExpiresAt: z.string().nullable().openapi({ description: 'Hạn giữ chỗ khi chưa xác nhận' }),
    sourceChannel: z.enum(channel.enumValues),
    contractRef: z.string().nullable(),
    reason: z.string().nullable(),
    priceVnd: z.number().int().nullable(),
    slotId: z.uuid().nullable(),
    cancelledReason: z.string().nullable(),
    hisSyncState: z.string(),
    createdAt: z.string(),
    canChange: z.boolean().openapi({ description: 'Còn được huỷ/đổi lịch theo chính sách' }),
    changeDeadline: z.string().openapi({ description: 'Hạn chót huỷ/đổi lịch' }),
    patient: z.object({ id: z.uuid(), fullName: z.string(), contactId: z.uuid() }),
    branch: z.object({ id: z.uuid(), name: z.string(), address: z.string() }),
    department: z.object({ id: z.uuid(), name: z.string() }).nullable(),
    doctor: z.object({ id: z.uuid(), title: z.string(), fullName: z.string() }).nullable(),
    package: z
      .object({
        id: z.uuid(),
        name: z.string(),
        durationMinutes: z.number().int(),
        preparationNotes: z.string().nullable(),
        bhytCovered: z.boolean(),
      })
      .nullable(),
  })
  .openapi('Appointment');

export const TimelineEntrySchema = z
  .object({ kind: z.enum(appointmentEventKinds), at: z.string(), actor: z.enum(['patient', 'staff', 'system']) })
  .openapi('AppointmentTimelineEntry');

export const AppointmentDetailSchema = AppointmentSchema.extend({
  timeline: z.array(TimelineEntrySchema),
  qrSvg: z.string().openapi({ description: 'Mã QR dạng SVG' }),
}).openapi('AppointmentDetail');

const optionalText = (max: number, message: string) =>
  z
    .string()
    .trim()
    .max(max, message)
    .transform((s) => s.normalize('NFC'))
    .nullish();

export const ContractRefSchema = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._/-]{1,39}$/, 'Mã hợp đồng chỉ gồm chữ, số và . _ / - (tối đa 40 ký tự)')
  .nullish();

export const HoldSchema = z
  .object({
    slotId: uuidParam('Khung giờ không hợp lệ'),
    profileId: uuidParam('Hồ sơ không hợp lệ'),
    packageId: uuidParam('Gói dịch vụ không hợp lệ').nullish(),
    reason: optionalText(500, 'Lý do khám tối đa 500 ký tự'),
    contractRef: ContractRefSchema,
  })
  .openapi('HoldSlot');

export const StaffBookSchema = z
  .object({
    slotId: uuidParam('Khung giờ không hợp lệ'),
    patientId: uuidParam('Hồ sơ không hợp lệ'),
    packageId: uuidParam('Gói dịch vụ không hợp lệ').nullish(),
    reason: optionalText(500, 'Lý do khám tối đa 500 ký tự'),
    contractRef: ContractRefSchema,
    sourceChannel: z.enum(channel.enumValues).default('hotline'),
  })
  .openapi('StaffBookAppointment');

export const RescheduleSchema = z.object({ slotId: uuidParam('Khung giờ không hợp lệ') }).openapi('Reschedule');
export const CancelSchema = z
  .object({ reason: optionalText(300, 'Lý do huỷ tối đa 300 ký tự') })
  .openapi('CancelAppointment');

export const StaffListQuerySchema = z.object({
  from: isoDate.optional(),
  to: isoDate.optional(),
  branchId: uuidParam('Mã cơ sở không hợp lệ').optional(),
  departmentId: uuidParam('Mã chuyên khoa không hợp lệ').optional(),
  doctorId: uuidParam('Mã bác sĩ không hợp lệ').optional(),
  patientId: uuidParam('Mã hồ sơ không hợp lệ').optional(),
  contactId: uuidParam('Mã khách hàng không hợp lệ').optional(),
  status: z.enum(appointmentStatus.enumValues).optional(),
  q: z.string().trim().max(100).optional().openapi({ description: 'Mã đặt lịch, số điện thoại hoặc tên bệnh nhân' }),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});

export const PageSchema = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() });
