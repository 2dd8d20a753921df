import { z } from '@hono/zod-openapi';
import { toVn84 } from '../../adapters/shared/phone.ts';
import { miniappPermissionScopes, patientRelationship, sex } from '../../db/schema/index.ts';

const name = z
  .string()
  .trim()
  .min(2, 'Họ tên quá ngắn')
  .max(120, 'Họ tên tối đa 120 ký tự')
  .transform((s) => s.normalize('NFC'));

const pastDate = (label: string) =>
  z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, `${label} phải có dạng yyyy-MM-dd`)
    .refine((s) => {
      const t = Date.parse(`${s}T00:00:00Z`);
      return !Number.isNaN(t) && s >= '1900-01-01' && t <= Date.now();
    }, `${label} không hợp lệ`);

const phone = z
  .string()
  .trim()
  .transform((s, ctx) => {
    const p = toVn84(s);
    if (!p) {
      ctx.addIssue({ code: 'custom', message: 'Số điện thoại di động không hợp lệ' });
      return z.NEVER;
    }
    return p;
  });

export const ProfileSchema = z
  .object({
    id: z.uuid(),
    relationship: z.enum(patientRelationship.enumValues),
    fullName: z.string(),
    birthDate: z.string().nullable(),
    sex: z.enum(sex.enumValues),
    phone: z.string().nullable().openapi({ example: '84912345678' }),
    nationalId: z.string().nullable(),
    insuranceNumber: z.string().nullable(),
    insuranceValidTo: z.string().nullable(),
    address: z.string().nullable(),
  })
  .openapi('PatientProfile');

const profileFields = {
  relationship: z.enum(patientRelationship.enumValues, { message: 'Quan hệ không hợp lệ' }),
  fullName: name,
  birthDate: pastDate('Ngày sinh').nullish(),
  sex: z.enum(sex.enumValues, { message: 'Giới tính không hợp lệ' }),
  phone: phone.nullish(),
  nationalId: z
    .string()
    .trim()
    .regex(/^\d{12}$/, 'Số CCCD gồm đúng 12 chữ số')
    .nullish(),
  insuranceNumber: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^(?:[A-Z]{2}\d{13}|\d{10})$/, 'Số thẻ BHYT gồm 15 ký tự (2 chữ cái, 13 chữ số) hoặc mã BHXH 10 chữ số')
    .nullish(),
  insuranceValidTo: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, 'Hạn thẻ BHYT phải có dạng yyyy-MM-dd')
    .nullish(),
  address: z
    .string()
    .trim()
    .max(300, 'Địa chỉ tối đa 300 ký tự')
    .transform((s) => s.normalize('NFC'))
    .nullish(),
};

export const CreateProfileSchema = z
  .object({ ...profileFields, relationship: profileFields.relationship.default('self') })
  .openapi('CreatePatientProfile');

export const UpdateProfileSchema = z
  .object({
    relationship: profileFields.relationship.optional(),
    fullName: profileFields.fullName.optional(),
    birthDate: profileFields.birthDate,
    sex: profileFields.sex.optional(),
    phone: profileFields.phone,
    nationalId: profileFields.nationalId,
    insuranceNumber: profileFields.insuranceNumber,
    insuranceValidTo: profileFields.insuranceValidTo,
    address: profileFields.address,
  })
  .refine((v) => Object.keys(v).length > 0, 'Không có thay đổi nào')
  .openapi('UpdatePatientProfile');

export const PermissionSchema = z
  .object({
    scope: z.enum(miniappPermissionScopes),
    granted: z.boolean(),
    reasonShown: z.string().nullable(),
    decidedAt: z.string(),
  })
  .openapi('MiniappPermission');

export const RecordPermissionSchema = z
  .object({
    scope: z.enum(miniappPermissionScopes, { message: 'Loại quyền không hợp lệ' }),
    granted: z.boolean(),
    reasonShown: z
      .string()
      .trim()
      .max(500)
      .transform((s) => s.normalize('NFC'))
      .nullish()
      .openapi({ description: 'Lý do đã hiển thị cho người bệnh khi xin quyền' }),
  })
  .openapi('RecordMiniappPermission');

export const MeSchema = z
  .object({
    contact: z.object({
      id: z.uuid(),
      fullName: z.string(),
      displayName: z.string().nullable(),
      avatarUrl: z.string().nullable(),
      phone: z.string().nullable(),
      phoneVerified: z.boolean(),
    }),
    profiles: z.array(ProfileSchema),
    permissions: z.array(PermissionSchema),
  })
  .openapi('PatientMe');

export const SessionRequestSchema = z
  .object({
    accessToken: z.string().min(10, 'Thiếu mã truy cập Zalo').max(2048),
    zaloUserId: z
      .string()
      .regex(/^\d{1,30}$/, 'Mã người dùng Zalo không hợp lệ')
      .optional(),
  })
  .openapi('PatientSessionRequest');

export const SessionSchema = z
  .object({ token: z.string(), expiresAt: z.string(), me: MeSchema })
  .openapi('PatientSession');

export const PhoneRequestSchema = z
  .object({
    accessToken: z.string().min(10, 'Thiếu mã truy cập Zalo').max(2048),
    phoneToken: z.string().min(4, 'Thiếu mã số điện thoại từ Zalo').max(2048),
  })
  .openapi('PatientPhoneRequest');

export const PhoneResultSchema = SessionSchema.extend({
  linkedExistingContact: z
    .boolean()
    .openapi({ description: 'Tài khoản Mini App đã được gắn vào hồ sơ khách hàng có sẵn cùng số điện thoại' }),
}).openapi('PatientPhoneResult');

export const NotificationSchema = z
  .object({
    id: z.uuid(),
    kind: z.string(),
    title: z.string(),
    body: z.string(),
    link: z.string().nullable(),
    appointmentId: z.uuid().nullable(),
    patientId: z.uuid().nullable(),
    readAt: z.string().nullable(),
    createdAt: z.string(),
  })
  .openapi('PatientNotification');

export const MyAppointmentsQuerySchema = z.object({
  view: z.enum(['upcoming', 'past', 'all']).default('upcoming'),
  profileId: z.uuid({ message: 'Hồ sơ không hợp lệ' }).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(50).default(20),
});

export const NotificationsQuerySchema = z.object({
  unread: z.enum(['true', 'false']).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(50).default(20),
});
