import { and, count, desc, eq, isNull, sql } from 'drizzle-orm';
import { patientNotifications } from '../../db/schema/index.ts';
import type { AppDeps } from '../platform/context.ts';
import { NotFoundError } from '../platform/errors.ts';

const columns = {
  id: patientNotifications.id,
  kind: patientNotifications.kind,
  title: patientNotifications.title,
  body: patientNotifications.body,
  link: patientNotifications.link,
  appointmentId: patientNotifications.appointmentId,
  patientId: patientNotifications.patientId,
  readAt: patientNotifications.readAt,
  createdAt: patientNotifications.createdAt,
};

export async function listInbox(
  deps: AppDeps,
  contactId: string,
  q: { unread?: 'true' | 'false'; page: number; pageSize: number },
) {
  const mine = eq(patientNotifications.contactId, contactId);
  const where = q.unread === 'true' ? and(mine, isNull(patientNotifications.readAt)) : mine;
  const [rows, [total], [unread]] = await Promise.all([
    deps.db
      .select(columns)
      .from(patientNotifications)
      .where(where)
      .orderBy(desc(patientNotifications.createdAt), desc(patientNotifications.id))
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize),
    deps.db.select({ n: count() }).from(patientNotifications).where(where),
    deps.db
      .select({ n: count() })
      .from(patientNotifications)
      .where(and(mine, isNull(patientNotifications.readAt))),
  ]);
  return {
    items: rows.map((r) => ({ ...r, readAt: r.readAt?.toISOString() ?? null, createdAt: r.createdAt.toISOString() })),
    total: total?.n ?? 0,
    unread: unread?.n ?? 0,
    page: q.page,
    pageSize: q.pageSize,
  };
}

export async function markRead(deps: AppDeps, contactId: string, id: string) {
  const [row] = await deps.db
    .update(patientNotifications)
    .set({ readAt: sql`coalesce(${patientNotifications.readAt}, now())` })
    .where(and(eq(patientNotifications.id, id), eq(patientNotifications.contactId, contactId)))
    .returning(columns);
  if (!row) throw new NotFoundError('Không tìm thấy thông báo', 'notification_not_found');
  return { ...row, readAt: row.readAt?.toISOString() ?? null, createdAt: row.createdAt.toISOString() };
}

export async function markAllRead(deps: AppDeps, contactId: string) {
  const rows = await deps.db
    .update(patientNotifications)
    .set({ readAt: sql`now()` })
    .where(and(eq(patientNotifications.contactId, contactId), isNull(patientNotifications.readAt)))
    .returning({ id: patientNotifications.id });
  return { marked: rows.length };
}
