import { and, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import {
  type Channel,
  type ConsentPurpose,
  type ConsentSource,
  type ConsentStatus,
  consentEvents,
  consents,
} from '../../db/schema/index.ts';

export interface ConsentChange {
  contactId: string;
  channel: Channel;
  purpose: ConsentPurpose;
  status: ConsentStatus;
  source: ConsentSource;
  /** what the person saw and did (keyword, link, notification id, call): the proof the controller must keep */
  evidence: Record<string, unknown>;
  staffId?: string | null;
  at?: Date;
}

/**
 * Writes one consent decision to the ledger in the caller's transaction: the append-only history always, the current
 * row when the decision changes it. Returns false when the decision was already in force (nothing new to prove).
 */
export async function recordConsent(tx: DbOrTx, change: ConsentChange): Promise<boolean> {
  const at = change.at ?? new Date();
  const [current] = await tx
    .select({ status: consents.status })
    .from(consents)
    .where(
      and(
        eq(consents.contactId, change.contactId),
        eq(consents.channel, change.channel),
        eq(consents.purpose, change.purpose),
      ),
    )
    .for('update');
  if (current?.status === change.status) return false;
  await tx.insert(consentEvents).values({
    contactId: change.contactId,
    channel: change.channel,
    purpose: change.purpose,
    status: change.status,
    source: change.source,
    evidence: change.evidence,
    recordedByStaffId: change.staffId ?? null,
    at,
  });
  await tx
    .insert(consents)
    .values({
      contactId: change.contactId,
      channel: change.channel,
      purpose: change.purpose,
      status: change.status,
      source: change.source,
      evidence: change.evidence,
      decidedAt: at,
    })
    .onConflictDoUpdate({
      target: [consents.contactId, consents.channel, consents.purpose],
      set: {
        status: change.status,
        source: change.source,
        evidence: change.evidence,
        decidedAt: sql`excluded.decided_at`,
      },
    });
  return true;
}
