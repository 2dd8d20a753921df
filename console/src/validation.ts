import * as z from 'zod/mini';
import { roles } from './labels.ts';

/** Form checks run in the browser so people see Vietnamese messages before a round trip; the hub checks again. */
export const emailField = z
  .string()
  .check(
    z.trim(),
    z.minLength(1, 'Vui lòng nhập email'),
    z.email('Email không hợp lệ'),
    z.maxLength(254, 'Email quá dài'),
  );

export const signInSchema = z.object({
  email: emailField,
  password: z.string().check(z.minLength(1, 'Vui lòng nhập mật khẩu')),
});

/** The hub's rule for any staff password (hub/staff/staff.schemas.ts PasswordSchema). */
const passwordField = z
  .string()
  .check(z.minLength(10, 'Mật khẩu cần ít nhất 10 ký tự'), z.maxLength(200, 'Mật khẩu tối đa 200 ký tự'));

const confirmMessage = 'Mật khẩu nhập lại không khớp';

export const changePasswordSchema = z
  .object({
    currentPassword: z.string().check(z.minLength(1, 'Vui lòng nhập mật khẩu hiện tại')),
    newPassword: passwordField,
    confirmPassword: z.string(),
  })
  .check(
    z.refine((v) => v.newPassword.normalize('NFC') !== v.currentPassword.normalize('NFC'), {
      message: 'Mật khẩu mới phải khác mật khẩu hiện tại',
      path: ['newPassword'],
    }),
    z.refine((v) => v.newPassword === v.confirmPassword, { message: confirmMessage, path: ['confirmPassword'] }),
  );

export const resetPasswordSchema = z
  .object({ password: passwordField, confirmPassword: z.string() })
  .check(z.refine((v) => v.password === v.confirmPassword, { message: confirmMessage, path: ['confirmPassword'] }));

export const createStaffSchema = z.object({
  fullName: z
    .string()
    .check(
      z.trim(),
      z.minLength(1, 'Vui lòng nhập họ tên'),
      z.minLength(2, 'Họ tên quá ngắn'),
      z.maxLength(120, 'Họ tên tối đa 120 ký tự'),
      z.normalize('NFC'),
    ),
  email: emailField,
  role: z.enum(roles, 'Vui lòng chọn vai trò'),
  password: passwordField,
  capacity: z.optional(
    z
      .number('Số hội thoại phải là số')
      .check(z.int('Số hội thoại phải là số nguyên'), z.minimum(1, 'Tối thiểu 1'), z.maximum(100, 'Tối đa 100')),
  ),
});

export type FieldErrors<K extends string> = Partial<Record<K, string>>;

/** Parsed values, or the first message for each field that failed. */
export function validate<S extends z.ZodMiniType>(
  schema: S,
  values: unknown,
): { ok: true; data: z.infer<S> } | { ok: false; errors: Record<string, string> } {
  const result = schema.safeParse(values);
  if (result.success) return { ok: true, data: result.data };
  const errors: Record<string, string> = {};
  for (const issue of result.error.issues) {
    const key = String(issue.path[0] ?? '');
    errors[key] ??= issue.message;
  }
  return { ok: false, errors };
}
