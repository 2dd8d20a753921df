import { and, desc, eq, type SQL, sql } from 'drizzle-orm';
import { contacts, notificationAttempts, notifications } from '../../db/schema/index.ts';
import type { AppDeps } from '../platform/context.ts';
import { decodeCursor, page } from '../platform/cursor.ts';
import { NotFoundError } from '../platform/errors.ts';

export interface NotificationFilter {
  state?: (typeof notifications.state.enumValues)[number];
  channel?: 'zns' | 'sms' | 'email' | 'zalo_oa' | 'miniapp';
  type?: string;
  contactId?: string;
  cursor?: string;
  limit: number;
}

const summaryColumns = {
  id: notifications.id,
  contactId: notifications.contactId,
  contactName: contacts.fullName,
  type: notifications.templateKey,
  purpose: notifications.purpose,
  state: notifications.state,
  channelPlan: notifications.channelPlan,
  planIndex: notifications.planIndex,
  deliveredVia: notifications.deliveredVia,
  lastError: notifications.lastError,
  sendAfter: notifications.sendAfter,
  createdAt: notifications.createdAt,
  completedAt: notifications.completedAt,
  attemptCount: sql<number>`(select count(*)::int from notification_attempts a where a.notification_id = ${notifications.id})`,
  costVnd: sql<number>`(select coalesce(sum(a.cost_vnd), 0)::int from notification_attempts a
    where a.notification_id = ${notifications.id} and a.state in ('sent', 'delivered', 'read'))`,
};

interface Row {
  id: string;
  contactId: string;
  contactName: string;
  type: string;
  purpose: (typeof notifications.purpose.enumValues)[number];
  state: (typeof notifications.state.enumValues)[number];
  channelPlan: (typeof notifications.deliveredVia.enumValues)[number][];
  planIndex: number;
  deliveredVia: (typeof notifications.deliveredVia.enumValues)[number] | null;
  lastError: string | null;
  sendAfter: Date;
  createdAt: Date;
  completedAt: Date | null;
  attemptCount: number;
  costVnd: number;
}

const dto = (r: Row) => ({
  ...r,
  attemptCount: Number(r.attemptCount),
  costVnd: Number(r.costVnd),
  sendAfter: r.sendAfter.toISOString(),
  createdAt: r.createdAt.toISOString(),
  completedAt: r.completedAt?.toISOString() ?? null,
});

/** Notifications newest first, filtered by state, channel (tried or planned now), type or contact; keyset pages. */
export async function listNotifications(deps: AppDeps, f: NotificationFilter) {
  const after = decodeCursor(f.cursor);
  const where: SQL[] = [];
  if (f.state) where.push(eq(notifications.state, f.state));
  if (f.type) where.push(eq(notifications.templateKey, f.type));
  if (f.contactId) where.push(eq(notifications.contactId, f.contactId));
  if (f.channel) {
    where.push(sql`(${notifications.deliveredVia} = ${f.channel}
      or ${notifications.channelPlan}[${notifications.planIndex} + 1] = ${f.channel}
      or exists (select 1 from notification_attempts a where a.notification_id = ${notifications.id} and a.channel = ${f.channel}))`);
  }
  if (after) {
    where.push(
      sql`(date_trunc('milliseconds', ${notifications.createdAt}), ${notifications.id}) < (${after.at.toISOString()}::timestamptz, ${after.id}::uuid)`,
    );
  }
  const rows = await deps.db
    .select(summaryColumns)
    .from(notifications)
    .innerJoin(contacts, eq(contacts.id, notifications.contactId))
    .where(where.length ? and(...where) : undefined)
    .orderBy(desc(sql`date_trunc('milliseconds', ${notifications.createdAt})`), desc(notifications.id))
    .limit(f.limit + 1);
  const p = page<Row>(rows, f.limit, (r) => ({ at: r.createdAt, id: r.id }));
  return { items: p.items.map(dto), nextCursor: p.nextCursor };
}

/** One notification with every attempt (what each provider said and charged). */
export async function getNotification(deps: AppDeps, id: string) {
  const [row] = await deps.db
    .select({ ...summaryColumns, params: notifications.params, idempotencyKey: notifications.idempotencyKey })
    .from(notifications)
    .innerJoin(contacts, eq(contacts.id, notifications.contactId))
    .where(eq(notifications.id, id));
  if (!row) throw new NotFoundError('Không tìm thấy thông báo', 'notification_not_found');
  const attempts = await deps.db
    .select()
    .from(notificationAttempts)
    .where(eq(notificationAttempts.notificationId, id))
    .orderBy(notificationAttempts.createdAt);
  const iso = (d: Date | null) => d?.toISOString() ?? null;
  return {
    ...dto(row),
    params: row.params,
    idempotencyKey: row.idempotencyKey,
    attempts: attempts.map((a) => ({
      id: a.id,
      channel: a.channel,
      provider: a.provider,
      attemptNo: a.attemptNo,
      state: a.state,
      providerMessageId: a.providerMessageId,
      errorClass: a.errorClass,
      errorCode: a.errorCode,
      errorMessage: a.errorMessage,
      costVnd: a.costVnd,
      createdAt: a.createdAt.toISOString(),
      sentAt: iso(a.sentAt),
      deliveredAt: iso(a.deliveredAt),
      readAt: iso(a.readAt),
      failedAt: iso(a.failedAt),
    })),
  };
}
