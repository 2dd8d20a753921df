import { and, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import { appointments } from '../../db/schema/index.ts';
import { type BookingActor, recordChange } from './record-change.ts';
import { releaseSeat } from './slot-ledger.ts';

export type HoldEndReason = 'hold_expired' | 'hold_replaced';

/** Ends one unconfirmed hold and gives its place back; does nothing if it was confirmed or ended meanwhile. */
export async function releaseHold(
  tx: DbOrTx,
  appointmentId: string,
  reason: HoldEndReason,
  actor: BookingActor,
  timeZone: string,
): Promise<boolean> {
  const [row] = await tx
    .update(appointments)
    .set({ status: 'cancelled', cancelledAt: sql`now()`, cancelledReason: reason, holdExpiresAt: null })
    .where(
      and(
        eq(appointments.id, appointmentId),
        eq(appointments.status, 'requested'),
        reason === 'hold_expired' ? sql`${appointments.holdExpiresAt} <= now()` : undefined,
      ),
    )
    .returning();
  if (!row) return false;
  if (row.slotId) await releaseSeat(tx, row.slotId);
  await recordChange(tx, row, 'cancelled', actor, { timeZone, detail: { reason } });
  return true;
}

/**
 * Releases holds whose time ran out (all of them, those of one slot, or one appointment), oldest first. Rows another
 * transaction is working on are skipped: that transaction decides their fate.
 */
export async function expireHolds(
  tx: DbOrTx,
  timeZone: string,
  scope: { slotId?: string; appointmentId?: string; limit?: number } = {},
): Promise<number> {
  const due = await tx.execute<{ id: string }>(sql`
    select id from appointments
    where status = 'requested' and hold_expires_at <= now()
      ${scope.slotId ? sql`and slot_id = ${scope.slotId}` : sql``}
      ${scope.appointmentId ? sql`and id = ${scope.appointmentId}` : sql``}
    order by hold_expires_at
    limit ${scope.limit ?? 100}
    for update skip locked`);
  let n = 0;
  for (const { id } of due.rows) {
    if (await releaseHold(tx, id, 'hold_expired', { kind: 'system' }, timeZone)) n++;
  }
  return n;
}
