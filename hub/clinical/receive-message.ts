import { createHash } from 'node:crypto';
import {
  type AckCondition,
  type AckError,
  type AckMode,
  ackModeOf,
  ackWanted,
  buildAck,
  decodeFrame,
  Hl7ParseError,
  Hl7Reader,
  type MessageHeader,
  type MllpPeer,
  messageTypeOf,
  readHeader,
  salvageHeader,
} from '../../adapters/clinical/hl7/index.ts';
import type { AppDeps } from '../platform/context.ts';
import { applyOnReceipt } from './apply-on-receipt.ts';
import { describeFailure, handlesType, unsupportedType } from './handle-message.ts';
import { ackIdentity, peerName } from './hl7-settings.ts';
import { type InboundKey, inboundIntake } from './inbound-intake.ts';
import { inboundOrderingKey } from './ordering-key.ts';

/** Why a message is refused before it is applied: bad data (AE/CE) or not for us (AR/CR). */
interface Refusal {
  kind: 'error' | 'reject';
  error: AckError;
}

const refusalCode = (mode: AckMode, kind: Refusal['kind']) =>
  mode.kind === 'enhanced' ? (kind === 'error' ? 'CE' : 'CR') : kind === 'error' ? 'AE' : 'AR';

/** The condition (table 0155) under which what we answer on the connection is wanted. */
const answerCondition = (mode: AckMode): AckCondition =>
  mode.kind === 'original' ? 'AL' : mode.kind === 'enhanced' ? mode.accept : mode.application;

function answer(mode: AckMode, stored: { ackCode: string | null; ackPayload: string | null }): string | undefined {
  return stored.ackPayload && ackWanted(answerCondition(mode), stored.ackCode ?? '') ? stored.ackPayload : undefined;
}

/**
 * The listener's handler for one frame (INTEGRATION.md §1.1), de-duplicated on (MSH-3|MSH-4, MSH-10) — a replay gets
 * the ACK stored the first time, byte for byte, and is not applied again:
 * - enhanced mode (MSH-15/16 valued): only MSH is read; the raw message and its commit ACK (CA) are stored in a group
 *   commit and the CA goes out once committed; the `hl7-inbound` queue applies the message and builds the
 *   application ACK MSH-16 asks for. It is stored, not sent on this connection: the processing
 *   may run in another process, and an unsolicited frame on a connection whose sender waits for the ACK of its next
 *   message is the late-ACK mix-up INTEGRATION.md §1.1 warns about.
 * - original mode (both empty), or MSH-15 NE: the message is applied first and answered AA/AE/AR (apply-on-receipt.ts).
 * What cannot be read, and types the hub does not take, are refused at once (CE/CR, or AE/AR) and parked. An ACK
 * arriving on the listener is never answered. Throws only when storage is down: then no ACK goes out and the sender
 * resends.
 */
export async function receiveFrame(deps: AppDeps, frame: Buffer, from: MllpPeer): Promise<string | undefined> {
  const decoded = decodeFrame(frame, deps.config.HL7_FALLBACK_CHARSET).text;
  // PostgreSQL text cannot hold NUL: such a byte is kept visible as U+FFFD, the rest is stored as received
  const payload = decoded.includes('\0') ? decoded.replaceAll('\0', '\uFFFD') : decoded;
  let header: MessageHeader;
  let refusal: Refusal | undefined;
  try {
    header = readHeader(payload);
  } catch (err) {
    if (!(err instanceof Hl7ParseError)) throw err;
    header = salvageHeader(payload);
    refusal = { kind: 'error', error: { code: err.hl7Code, location: err.location, message: err.message } };
  }
  if (!refusal && header.messageCode === 'ACK') {
    deps.logger.warn({ controlId: header.controlId, address: from.address }, 'hl7: unsolicited ACK ignored');
    return undefined;
  }
  const mode = ackModeOf(header);
  const key: InboundKey = {
    peer: peerName(header.sendingApp || 'UNKNOWN', header.sendingFacility || from.address),
    // a message without MSH-10 still gets a stable key, so a resend of the same bytes is recognised
    controlId:
      header.controlId && header.controlId !== 'NONE'
        ? header.controlId
        : `NOID-${createHash('sha256').update(payload).digest('hex').slice(0, 15)}`,
    messageType: messageTypeOf(header),
    payload,
    orderingKey: inboundOrderingKey(payload),
  };
  if (!refusal && !handlesType(header)) refusal = { kind: 'reject', error: unsupportedType(header) };
  let msg: Hl7Reader | undefined;
  if (!refusal && mode.kind !== 'enhanced') {
    try {
      msg = new Hl7Reader(payload);
    } catch (err) {
      if (!(err instanceof Hl7ParseError)) throw err;
      refusal = { kind: 'error', error: { code: err.hl7Code, location: err.location, message: err.message } };
    }
  }
  const me = ackIdentity(deps.config);
  if (refusal) {
    const code = refusalCode(mode, refusal.kind);
    const stored = await inboundIntake(deps)({
      ...key,
      status: 'failed',
      ackCode: code,
      ackPayload: buildAck({ header }, code, me, refusal.error),
      lastError: describeFailure(refusal.error),
    });
    return answer(mode, stored);
  }
  if (msg) return answer(mode, await applyOnReceipt(deps)({ ...key, msg }));
  const stored = await inboundIntake(deps)({
    ...key,
    status: 'received',
    ackCode: 'CA',
    ackPayload: buildAck({ header }, 'CA', me),
  });
  return answer(mode, stored);
}
