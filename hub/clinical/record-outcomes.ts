import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';

/** What processing made of one stored inbound message. */
export interface InboundOutcome {
  id: string;
  status: 'received' | 'processed' | 'failed';
  /** the ACK answered on the connection, when it is decided only now (original mode); else the stored one stays */
  ackCode?: string;
  ackPayload?: string;
  /** enhanced mode: the application ACK MSH-16 asked for */
  appAckCode?: string;
  appAckPayload?: string;
  /** null clears an earlier error */
  lastError: string | null;
  patientId?: string;
  correlationType?: string;
  correlationId?: string;
}

/** Writes the outcomes of a batch in one UPDATE … FROM (VALUES …) instead of one statement per message. */
export async function recordOutcomes(tx: DbOrTx, outcomes: InboundOutcome[]): Promise<void> {
  if (outcomes.length === 0) return;
  const rows = outcomes.map(
    (o) => sql`(${o.id}, ${o.status}, ${o.ackCode ?? null}, ${o.ackPayload ?? null}, ${o.appAckCode ?? null},
      ${o.appAckPayload ?? null}, ${o.lastError}, ${o.patientId ?? null}, ${o.correlationType ?? null},
      ${o.correlationId ?? null})`,
  );
  await tx.execute(sql`
    update integration_messages m set
      status = v.status::integration_status,
      ack_code = coalesce(v.ack_code, m.ack_code),
      ack_payload = coalesce(v.ack_payload, m.ack_payload),
      app_ack_code = coalesce(v.app_ack_code, m.app_ack_code),
      app_ack_payload = coalesce(v.app_ack_payload, m.app_ack_payload),
      last_error = v.last_error,
      processed_at = case when v.status = 'received' then m.processed_at else now() end,
      patient_id = coalesce(v.patient_id::uuid, m.patient_id),
      correlation_type = coalesce(v.correlation_type, m.correlation_type),
      correlation_id = coalesce(v.correlation_id, m.correlation_id),
      updated_at = now()
    from (values ${sql.join(rows, sql`, `)}) as v(id, status, ack_code, ack_payload, app_ack_code, app_ack_payload,
      last_error, patient_id, correlation_type, correlation_id)
    where m.id = v.id::uuid`);
}
