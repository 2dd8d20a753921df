import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { and, desc, eq, gte, lt, lte, type SQL, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { auditLog, staffUsers } from '../../db/schema/index.ts';
import { authorize } from '../auth/authorize.ts';
import type { AppDeps, AppEnv } from '../platform/context.ts';
import { cookieAuth, errorResponses } from '../platform/openapi.ts';

const actor = alias(staffUsers, 'actor');
const subject = alias(staffUsers, 'subject');

const AuditEntrySchema = z
  .object({
    id: z.number().int(),
    at: z.string(),
    actorStaffId: z.string().nullable(),
    actorName: z.string().nullable(),
    actorKind: z.string(),
    action: z.string(),
    outcome: z.string(),
    subjectType: z.string().nullable(),
    subjectId: z.string().nullable(),
    subjectName: z.string().nullable().openapi({ description: 'Tên nhân viên khi đối tượng là một tài khoản' }),
    ip: z.string().nullable(),
    requestId: z.string().nullable(),
    detail: z.record(z.string(), z.unknown()),
  })
  .openapi('AuditEntry');

const QuerySchema = z.object({
  action: z.string().max(80).optional(),
  outcome: z.enum(['success', 'failure', 'denied']).optional(),
  actorStaffId: z.uuid().optional(),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
  before: z.coerce
    .number()
    .int()
    .positive()
    .optional()
    .openapi({ description: 'Con trỏ trang: id nhỏ hơn giá trị này' }),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

const listRoute = createRoute({
  method: 'get',
  path: '/',
  tags: ['Nhật ký'],
  summary: 'Nhật ký truy cập và thay đổi',
  security: cookieAuth,
  request: { query: QuerySchema },
  responses: {
    200: {
      description: 'Mới nhất trước; `nextBefore` mở trang sau',
      content: {
        'application/json': {
          schema: z.object({ items: z.array(AuditEntrySchema), nextBefore: z.number().int().nullable() }),
        },
      },
    },
    ...errorResponses(400, 401, 403),
  },
});

export function auditRoutes(deps: AppDeps) {
  const app = new OpenAPIHono<AppEnv>();
  app.use('*', authorize(deps, 'audit.read'));
  return app.openapi(listRoute, async (c) => {
    const q = c.req.valid('query');
    const where: SQL[] = [];
    if (q.action) where.push(eq(auditLog.action, q.action));
    if (q.outcome) where.push(eq(auditLog.outcome, q.outcome));
    if (q.actorStaffId) where.push(eq(auditLog.actorStaffId, q.actorStaffId));
    if (q.from) where.push(gte(auditLog.at, new Date(q.from)));
    if (q.to) where.push(lte(auditLog.at, new Date(q.to)));
    if (q.before) where.push(lt(auditLog.id, q.before));
    const rows = await deps.db
      .select({ entry: auditLog, actorName: actor.fullName, subjectName: subject.fullName })
      .from(auditLog)
      .leftJoin(actor, eq(actor.id, auditLog.actorStaffId))
      .leftJoin(subject, and(eq(auditLog.subjectType, 'staff'), eq(sql`${subject.id}::text`, auditLog.subjectId)))
      .where(and(...where))
      .orderBy(desc(auditLog.id))
      .limit(q.limit + 1);
    const page = rows.slice(0, q.limit);
    return c.json(
      {
        items: page.map((r) => ({
          ...r.entry,
          at: r.entry.at.toISOString(),
          actorName: r.actorName,
          subjectName: r.subjectName,
        })),
        nextBefore: rows.length > q.limit ? page[page.length - 1]!.entry.id : null,
      },
      200,
    );
  });
}
