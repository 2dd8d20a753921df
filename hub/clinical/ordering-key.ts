import { sql } from 'drizzle-orm';
import { peekField } from '../../adapters/clinical/hl7/index.ts';
import type { DbOrTx } from '../../db/client.ts';

/**
 * Inbound messages about one patient are applied in the order they were stored (a preliminary result before its
 * final, a correction after both, an A31 after the A28). The key is the patient as the sender names them in PID-3 —
 * the MRN (type MR), else the first id — read without parsing the message. Messages without a PID have no order.
 */
export function inboundOrderingKey(payload: string): string | null {
  const ids = peekField(payload, 'PID', 3).filter((r) => r[0]);
  const type = (r: string[]) => (r[4] ?? '').toUpperCase();
  const pick = ids.find((r) => type(r) === 'MR') ?? ids.find((r) => !type(r)) ?? ids[0];
  return pick ? `pid:${pick[0]!.slice(0, 100)}` : null;
}

/** Advisory locks live in one space: this class keeps the HL7 inbound keys apart from other users of it. */
const lockClass = sql`hashtext('medicrm-hl7-inbound')`;

/**
 * Takes the transaction-scoped locks of these ordering keys, in one fixed order (so two transactions wanting the same
 * keys queue up instead of deadlocking). Whoever holds a key is the only one applying that patient's messages.
 */
export async function lockOrderingKeys(tx: DbOrTx, keys: string[]): Promise<void> {
  if (keys.length === 0) return;
  await tx.execute(sql`
    select pg_advisory_xact_lock(${lockClass}, s.h)
    from (select distinct hashtext(k) as h from unnest(${sql.param(keys)}::text[]) as k order by 1) s`);
}

/**
 * The ordering keys of these stored messages still to apply, locked (as lockOrderingKeys) in the same statement that
 * finds them.
 */
export async function lockKeysOfMessages(tx: DbOrTx, messageIds: string[]): Promise<string[]> {
  const res = await tx.execute<{ k: string }>(sql`
    select s.k, pg_advisory_xact_lock(${lockClass}, s.h)
    from (
      select distinct ordering_key as k, hashtext(ordering_key) as h
      from integration_messages
      where id = any(${sql.param(messageIds)}::uuid[]) and direction = 'inbound' and status = 'received'
        and ordering_key is not null
      order by h
    ) s`);
  return res.rows.map((r) => r.k);
}
