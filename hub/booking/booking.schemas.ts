import { z } from '@hono/zod-openapi';
import {
  appointmentEventKinds,
  appointmentStatus,
  channel,
  dayOffKind,
  patientRelationship,
  sex,
} from '../../db/schema/index.ts';
import { PhoneInput } from '../contacts/index.ts';
// Straight from the schema module, not the feature's index: the patient feature imports booking, and this value is
// needed while the modules load, so going through the index would read it before it exists.
import { CreateProfileSchema } from '../patient/patient.schemas.ts';

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
    kind: z.enum(['doctor', 'service_point']).openapi({ description: 'service_point: phòng thực hiện (xét nghiệm…)' }),
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

export const DoctorFilterSchema = CatalogFilterSchema.extend({
  kind: z
    .enum(['doctor', 'service_point', 'all'])
    .default('doctor')
    .openapi({ description: 'bác sĩ (mặc định), phòng thực hiện, hoặc cả hai' }),
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

/**
 * An agent books for a caller: for one of a contact's profiles (`patientId`), or for a profile made in the same
 * transaction as the booking (`newProfile`) on a known contact (`contactId`) or on the contact the caller's phone
 * finds or creates (`callerPhone`). A refused booking leaves no contact or profile behind.
 */
export const StaffBookSchema = z
  .object({
    slotId: uuidParam('Khung giờ không hợp lệ'),
    patientId: uuidParam('Hồ sơ không hợp lệ').optional().openapi({ description: 'Hồ sơ có sẵn' }),
    newProfile: CreateProfileSchema.optional().openapi({ description: 'Hồ sơ mới, tạo cùng lúc với lịch hẹn' }),
    contactId: uuidParam('Mã khách hàng không hợp lệ')
      .optional()
      .openapi({ description: 'Khách hàng có sẵn (với patientId: hồ sơ phải thuộc khách hàng này)' }),
    callerPhone: PhoneInput.optional().openapi({
      description: 'Số điện thoại người gọi (với newProfile): tìm hoặc tạo khách hàng theo số này',
    }),
    callerName: z
      .string()
      .trim()
      .min(2, 'Tên người gọi quá ngắn')
      .max(120, 'Tên người gọi tối đa 120 ký tự')
      .transform((s) => s.normalize('NFC'))
      .optional(),
    packageId: uuidParam('Gói dịch vụ không hợp lệ').nullish(),
    reason: optionalText(500, 'Lý do khám tối đa 500 ký tự'),
    contractRef: ContractRefSchema,
    sourceChannel: z.enum(channel.enumValues).default('hotline'),
  })
  .superRefine((v, ctx) => {
    const issue = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
    if (!v.patientId === !v.newProfile) {
      issue('patientId', 'Chọn một hồ sơ có sẵn hoặc nhập hồ sơ mới cho người bệnh');
    } else if (v.newProfile && !v.contactId === !v.callerPhone) {
      issue('callerPhone', 'Hồ sơ mới cần đúng một trong hai: khách hàng có sẵn hoặc số điện thoại người gọi');
    } else if (v.patientId && (v.callerPhone || v.callerName)) {
      issue('callerPhone', 'Số điện thoại người gọi chỉ dùng khi tạo hồ sơ mới');
    }
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
  order: z
    .enum(['asc', 'desc'], { message: 'Thứ tự chỉ nhận asc hoặc desc' })
    .default('desc')
    .openapi({ description: 'Theo giờ khám: desc (mặc định, muộn nhất trước) hoặc asc (lịch trong ngày của quầy)' }),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});

export const PageSchema = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() });

/** The staff view of a booked person: enough to recognise them at the counter or on the phone. */
const StaffPatientSchema = z.object({
  id: z.uuid(),
  fullName: z.string(),
  contactId: z.uuid(),
  phone: z.string().nullable(),
  birthDate: z.string().nullable(),
  sex: z.enum(sex.enumValues),
});

export const StaffAppointmentSchema = AppointmentSchema.extend({ patient: StaffPatientSchema }).openapi(
  'StaffAppointment',
);

export const StaffAppointmentDetailSchema = AppointmentDetailSchema.extend({
  patient: StaffPatientSchema.extend({
    relationship: z.enum(patientRelationship.enumValues),
    nationalId: z.string().nullable(),
    insuranceNumber: z.string().nullable(),
    insuranceValidTo: z.string().nullable(),
    hisMrn: z.string().nullable(),
  }),
  contact: z.object({ id: z.uuid(), fullName: z.string(), phone: z.string().nullable() }),
  createdBy: z.object({ id: z.uuid(), fullName: z.string() }).nullable().openapi({ description: 'Nhân viên đặt lịch' }),
  timeline: z.array(
    TimelineEntrySchema.extend({ staffName: z.string().nullable().openapi({ description: 'Nhân viên thực hiện' }) }),
  ),
}).openapi('StaffAppointmentDetail');
