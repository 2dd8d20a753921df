import { z } from '@hono/zod-openapi';
import { staffRole } from '../../db/schema/index.ts';

export const StaffRoleSchema = z.enum(staffRole.enumValues).openapi('StaffRole');

export const StaffSchema = z
  .object({
    id: z.uuid(),
    email: z.string(),
    fullName: z.string(),
    role: StaffRoleSchema,
    active: z.boolean(),
    capacity: z.number().int(),
    lastSignInAt: z.string().nullable(),
    createdAt: z.string(),
  })
  .openapi('Staff');

/** The one rule for a staff password, wherever one is set (account creation, own change, admin reset). */
export const PasswordSchema = z.string().min(10, 'Mật khẩu cần ít nhất 10 ký tự').max(200, 'Mật khẩu tối đa 200 ký tự');

export const CreateStaffSchema = z
  .object({
    email: z.email({ message: 'Email không hợp lệ' }).max(254),
    fullName: z
      .string()
      .trim()
      .min(2, 'Họ tên quá ngắn')
      .max(120)
      .transform((s) => s.normalize('NFC')),
    role: StaffRoleSchema,
    password: PasswordSchema,
    capacity: z.number().int().min(1).max(100).optional(),
  })
  .openapi('CreateStaff');

export const UpdateStaffSchema = z
  .object({
    role: StaffRoleSchema.optional(),
    active: z.boolean().optional(),
    capacity: z.number().int().min(1).max(100).optional(),
  })
  .refine((v) => Object.keys(v).length > 0, 'Không có thay đổi nào')
  .openapi('UpdateStaff');

export const ResetPasswordSchema = z.object({ password: PasswordSchema }).openapi('ResetStaffPassword');
