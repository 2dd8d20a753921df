import { lt, or, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { consumedEvents, outboxEvents, staffSessions } from '../../db/schema/index.ts';

/**
 * Housekeeping: sessions ended more than a day ago, and outbox rows / consumer marks older than the
 * retention window (long after any redelivery of the same event could still arrive).
 */
export async function purgeExpired(db: Db, opts: { retentionDays: number }): Promise<Record<string, number>> {
  const cutoff = sql`now() - make_interval(days => ${opts.retentionDays})`;
  const sessions = await db
    .delete(staffSessions)
    .where(
      or(
        lt(staffSessions.expiresAt, sql`now() - interval '1 day'`),
        lt(staffSessions.revokedAt, sql`now() - interval '1 day'`),
      ),
    )
    .returning({ id: staffSessions.id });
  const outbox = await db
    .delete(outboxEvents)
    .where(sql`${outboxEvents.publishedAt} is not null and ${outboxEvents.publishedAt} < ${cutoff}`)
    .returning({ id: outboxEvents.id });
  const marks = await db
    .delete(consumedEvents)
    .where(lt(consumedEvents.consumedAt, cutoff))
    .returning({ id: consumedEvents.eventId });
  return { sessions: sessions.length, outboxEvents: outbox.length, consumedEvents: marks.length };
}
