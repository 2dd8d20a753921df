import type { AckCode } from './ack.ts';
import type { MessageHeader } from './header.ts';

/** Table 0155: AL always, NE never, ER on error/reject only, SU on success only. */
export type AckCondition = 'AL' | 'NE' | 'ER' | 'SU';

/**
 * How a message wants to be acknowledged (INTEGRATION.md §1.1 "Acknowledgment modes"):
 * - `original`: MSH-15 and MSH-16 empty — one application ACK (AA/AE/AR) once the message is processed;
 * - `enhanced`: at least one of them valued — a commit ACK (CA/CE/CR: stored safely, or not) at once per MSH-15 (empty
 *   = AL), then an application ACK per MSH-16 (empty = none asked) as a message of its own;
 * - `application-only`: MSH-15 NE but MSH-16 valued — no commit ACK is wanted, the application ACK is the only
 *   answer, so it is given on the connection once processed, as in the original mode.
 */
export interface AckMode {
  kind: 'original' | 'enhanced' | 'application-only';
  accept: AckCondition;
  application: AckCondition;
}

/** An unknown value is taken as AL (answering too much is safer than leaving a sender waiting). */
function condition(value: string, fallback: AckCondition): AckCondition {
  const v = value.trim().toUpperCase();
  if (v === 'AL' || v === 'NE' || v === 'ER' || v === 'SU') return v;
  return v ? 'AL' : fallback;
}

export function ackModeOf(h: MessageHeader): AckMode {
  if (!h.acceptAckType.trim() && !h.appAckType.trim()) return { kind: 'original', accept: 'NE', application: 'AL' };
  const accept = condition(h.acceptAckType, 'AL');
  const application = condition(h.appAckType, 'NE');
  return { kind: accept === 'NE' ? 'application-only' : 'enhanced', accept, application };
}

/** Whether an ACK with this code is wanted under this condition (CA/AA are successes, the rest errors or rejects). */
export function ackWanted(condition: AckCondition, code: AckCode | string): boolean {
  const success = code === 'AA' || code === 'CA';
  return condition === 'AL' || (condition === 'SU' && success) || (condition === 'ER' && !success);
}
