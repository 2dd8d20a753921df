import { eq, sql } from 'drizzle-orm';
import {
  ackModeOf,
  ackWanted,
  Hl7ParseError,
  Hl7Reader,
  hl7Timestamp,
  newControlId,
} from '../../adapters/clinical/hl7/index.ts';
import { integrationMessages } from '../../db/schema/index.ts';
import { recordAudit } from '../audit/record-audit.ts';
import type { AppDeps } from '../platform/context.ts';
import { ConflictError, NotFoundError } from '../platform/errors.ts';
import { describeFailure, processStored } from './handle-message.ts';
import { outboundChannel } from './hl7-settings.ts';
import { lockOrderingKeys } from './ordering-key.ts';

/** A fresh MSH-10 and MSH-7 on a stored payload: the peer answered the old id already (its AE would come back). */
function withNewControlId(payload: string, controlId: string, timeZone: string): string {
  const [msh, ...rest] = payload.split('\r');
  const sep = msh![3] ?? '|';
  const f = msh!.split(sep);
  f[6] = hl7Timestamp(new Date(), timeZone);
  f[9] = controlId;
  return [f.join(sep), ...rest].join('\r');
}

export interface ReplayOutcome {
  id: string;
  status: string;
  /** outbound: the replay's own row */
  replayId?: string;
}

/**
 * Replays a parked message, audited. Outbound (nacked): a new row with a fresh MSH-10 takes the parked one's place in
 * its ordering key and the sender delivers it. Inbound (failed): the stored payload is processed again (after the
 * data was fixed, e.g. the patient's MRN linked); the ACK already given to the peer stays as it was.
 */
export async function replayMessage(
  deps: AppDeps,
  id: string,
  actor: { staffId: string; ip: string | null; requestId?: string },
): Promise<ReplayOutcome> {
  return deps.db.transaction(async (tx) => {
    const [m] = await tx.select().from(integrationMessages).where(eq(integrationMessages.id, id)).for('update');
    if (!m) throw new NotFoundError('Không tìm thấy thông điệp');
    const parked = (m.direction === 'outbound' && m.status === 'nacked' && !m.replacedById) || m.status === 'failed';
    if (!parked) throw new ConflictError('not_parked', 'Chỉ gửi lại được thông điệp đang bị giữ lại do lỗi');
    let outcome: ReplayOutcome;
    if (m.direction === 'outbound') {
      const controlId = newControlId();
      const [copy] = await tx
        .insert(integrationMessages)
        .values({
          peer: m.peer,
          direction: 'outbound',
          messageType: m.messageType,
          controlId,
          payload: withNewControlId(m.payload, controlId, deps.config.CLINIC_TIMEZONE),
          status: 'pending',
          orderingKey: m.orderingKey,
          seq: m.seq,
          correlationType: m.correlationType,
          correlationId: m.correlationId,
          patientId: m.patientId,
          replayOfId: m.id,
        })
        .returning({ id: integrationMessages.id });
      await tx.update(integrationMessages).set({ replacedById: copy!.id }).where(eq(integrationMessages.id, m.id));
      await tx.execute(sql`select pg_notify(${outboundChannel}, '')`);
      outcome = { id: m.id, status: 'pending', replayId: copy!.id };
    } else {
      let msg: Hl7Reader;
      try {
        msg = new Hl7Reader(m.payload);
      } catch (err) {
        if (!(err instanceof Hl7ParseError)) throw err;
        throw new ConflictError('unparseable', `Thông điệp không đọc được nên không xử lý lại được: ${err.message}`);
      }
      // the patient's other messages are not being applied meanwhile (the queue takes the same lock)
      if (m.orderingKey) await lockOrderingKeys(tx, [m.orderingKey]);
      const { code, ack, failure, handled } = await processStored(tx, msg, m.id, deps);
      // enhanced mode: the application ACK MSH-16 asks for, now of this outcome (the commit ACK given stays)
      const mode = ackModeOf(msg.header);
      const appAck = mode.kind === 'enhanced' && ackWanted(mode.application, code);
      await tx
        .update(integrationMessages)
        .set({
          status: failure ? 'failed' : 'processed',
          lastError: failure ? describeFailure(failure) : null,
          processedAt: sql`now()`,
          attempts: sql`${integrationMessages.attempts} + 1`,
          patientId: handled.patientId ?? m.patientId,
          correlationType: handled.correlationType ?? m.correlationType,
          correlationId: handled.correlationId ?? m.correlationId,
          ...(appAck ? { appAckCode: code, appAckPayload: ack } : {}),
        })
        .where(eq(integrationMessages.id, m.id));
      outcome = { id: m.id, status: failure ? 'failed' : 'processed' };
    }
    await recordAudit(tx, {
      action: 'integration.replay',
      actorStaffId: actor.staffId,
      subjectType: 'integration_message',
      subjectId: m.id,
      ip: actor.ip,
      requestId: actor.requestId,
      outcome: outcome.status === 'failed' ? 'failure' : 'success',
      detail: {
        direction: m.direction,
        messageType: m.messageType,
        controlId: m.controlId,
        replayId: outcome.replayId,
      },
    });
    return outcome;
  });
}
