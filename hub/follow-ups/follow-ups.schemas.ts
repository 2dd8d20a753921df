import { z } from '@hono/zod-openapi';
import { followUpKinds, followUpSource, followUpStatus } from '../../db/schema/index.ts';
import { PageQuery } from '../platform/cursor.ts';

const isoDate = z.iso.date({ error: 'Ngày phải có dạng YYYY-MM-DD' });
const text = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `Tối đa ${max} ký tự`)
    .transform((s) => s.normalize('NFC'));

export const FollowUpSchema = z
  .object({
    id: z.uuid(),
    kind: z.enum(followUpKinds),
    source: z.enum(followUpSource.enumValues),
    status: z.enum(followUpStatus.enumValues),
    dueDate: z.string(),
    note: z.string().nullable(),
    outcome: z.string().nullable(),
    contact: z.object({ id: z.uuid(), fullName: z.string(), phone: z.string().nullable() }),
    patient: z.object({ id: z.uuid(), fullName: z.string() }).nullable(),
    appointment: z
      .object({ id: z.uuid(), bookingCode: z.string(), startsAt: z.string(), packageName: z.string().nullable() })
      .nullable(),
    noteId: z.uuid().nullable(),
    assignee: z.object({ id: z.uuid(), fullName: z.string() }).nullable(),
    closedAt: z.string().nullable(),
    createdAt: z.string(),
  })
  .openapi('FollowUpTask');

export const FollowUpQuerySchema = z.object({
  status: z.enum(followUpStatus.enumValues).default('open'),
  /** due: overdue and due today; upcoming: after today; all: any date */
  when: z.enum(['due', 'upcoming', 'all']).default('due'),
  assignee: z
    .union([z.literal('me'), z.literal('unassigned'), z.uuid()])
    .optional()
    .openapi({ description: 'me, unassigned, hoặc mã nhân viên' }),
  contactId: z.uuid({ error: 'Mã khách hàng không hợp lệ' }).optional(),
  ...PageQuery,
});
export type FollowUpQuery = z.output<typeof FollowUpQuerySchema>;

export const CreateFollowUpSchema = z
  .object({
    contactId: z.uuid({ error: 'Mã khách hàng không hợp lệ' }),
    /** the re-marketing note this task follows up */
    noteId: z.uuid({ error: 'Mã ghi chú không hợp lệ' }).optional(),
    patientId: z.uuid({ error: 'Mã hồ sơ bệnh nhân không hợp lệ' }).optional(),
    kind: z.enum(followUpKinds).default('remarketing'),
    dueDate: isoDate,
    note: text(1000).optional(),
    assigneeStaffId: z.uuid({ error: 'Mã nhân viên không hợp lệ' }).nullable().optional(),
  })
  .openapi('CreateFollowUp');
export type CreateFollowUpInput = z.output<typeof CreateFollowUpSchema>;

export const AssignFollowUpSchema = z
  .object({ staffId: z.uuid({ error: 'Mã nhân viên không hợp lệ' }).nullable() })
  .openapi('AssignFollowUp');

export const CloseFollowUpSchema = z.object({ outcome: text(1000).optional() }).openapi('CloseFollowUp');

export const FollowUpRuleSchema = z
  .object({
    id: z.uuid(),
    packageId: z.uuid().nullable(),
    departmentId: z.uuid().nullable(),
    scopeName: z.string(),
    kind: z.enum(followUpKinds),
    daysAfter: z.number().int(),
    instructions: z.string().nullable(),
    active: z.boolean(),
  })
  .openapi('FollowUpRule');

export const CreateFollowUpRuleSchema = z
  .object({
    packageId: z.uuid({ error: 'Mã gói khám không hợp lệ' }).optional(),
    departmentId: z.uuid({ error: 'Mã chuyên khoa không hợp lệ' }).optional(),
    kind: z.enum(followUpKinds).default('call_after_procedure'),
    daysAfter: z.number().int().min(0, 'Số ngày không âm').max(365, 'Tối đa 365 ngày'),
    instructions: text(1000).optional(),
  })
  .refine((r) => (r.packageId === undefined) !== (r.departmentId === undefined), {
    message: 'Chọn một gói khám hoặc một chuyên khoa',
    path: ['packageId'],
  })
  .openapi('CreateFollowUpRule');
export type CreateFollowUpRuleInput = z.output<typeof CreateFollowUpRuleSchema>;
