import {
  type AckError,
  buildAck,
  Hl7ParseError,
  Hl7Reader,
  type MessageHeader,
  messageTypeOf,
  salvageHeader,
} from '../../adapters/clinical/hl7/index.ts';
import type { DbOrTx } from '../../db/client.ts';
import type { AppDeps } from '../platform/context.ts';
import { handleAdt, handleSiu } from './handle-his-updates.ts';
import { handleOrders } from './handle-orders.ts';
import { handleOru } from './handle-oru.ts';
import { ackIdentity } from './hl7-settings.ts';
import { type HandledMessage, MessageRejected } from './message-rejected.ts';
import { safeError } from './safe-error.ts';

const handledTypes = new Set(['ORU^R01', 'ORM^O01', 'OML^O21', 'ADT^A28', 'ADT^A31', 'ADT^A04', 'ADT^A08']);

/** Whether the hub takes this message type at all (known from MSH-9 alone: others are refused at once, AR/CR 200). */
export function handlesType(h: MessageHeader): boolean {
  return handledTypes.has(messageTypeOf(h)) || h.messageCode === 'SIU';
}

/** The refusal of a type the hub does not take (not for us). */
export function unsupportedType(h: MessageHeader): AckError {
  return {
    code: 200,
    location: 'MSH^1^9',
    message: `Hệ thống đặt lịch không nhận loại thông điệp ${messageTypeOf(h)}`,
  };
}

/** Runs the handler of a message type; unknown types are refused with AR 200 (not for us). */
export async function handleMessage(
  tx: DbOrTx,
  msg: Hl7Reader,
  messageId: string,
  hubApp: string,
): Promise<HandledMessage> {
  if (!handlesType(msg.header)) throw new MessageRejected('AR', unsupportedType(msg.header));
  switch (msg.header.messageCode) {
    case 'ORU':
      return handleOru(tx, msg, messageId, hubApp);
    case 'ORM':
    case 'OML':
      return handleOrders(tx, msg, hubApp);
    case 'ADT':
      return handleAdt(tx, msg, hubApp);
    default:
      return handleSiu(tx, msg, hubApp);
  }
}

/** What applying a stored message came to: the application ACK (AA/AE/AR) and, unless AA, why. */
export interface Processed {
  code: 'AA' | 'AE' | 'AR';
  ack: string;
  failure?: AckError;
  handled: HandledMessage;
}

export const describeFailure = (e: AckError) => `${e.code} ${e.message}`;

/**
 * Applies a stored message in a savepoint, so that a refusal (AE/AR) or a failure leaves the surrounding batch
 * intact. An unexpected error becomes AE 207, unless `retry` says it is worth trying again: then it is thrown (the
 * savepoint is rolled back already) for the caller to leave the message waiting.
 */
export async function processStored(
  tx: DbOrTx,
  payload: string | Hl7Reader,
  messageId: string,
  deps: AppDeps,
  opts: { retry?: (err: unknown) => boolean } = {},
): Promise<Processed> {
  const me = ackIdentity(deps.config);
  let msg: Hl7Reader;
  try {
    msg = typeof payload === 'string' ? new Hl7Reader(payload) : payload;
  } catch (err) {
    if (!(err instanceof Hl7ParseError)) throw err;
    const failure = { code: err.hl7Code, location: err.location, message: err.message };
    const header = salvageHeader(payload as string);
    return { code: 'AE', ack: buildAck({ header }, 'AE', me, failure), failure, handled: {} };
  }
  try {
    const handled = await tx.transaction((sp) => handleMessage(sp, msg, messageId, deps.config.HL7_SENDING_APP));
    return { code: 'AA', ack: buildAck(msg, 'AA', me, undefined, handled.text), handled };
  } catch (err) {
    if (err instanceof MessageRejected) {
      return {
        code: err.ackCode,
        ack: buildAck(msg, err.ackCode, me, err.ackError),
        failure: err.ackError,
        handled: {},
      };
    }
    if (opts.retry?.(err)) throw err;
    deps.logger.error(
      { error: safeError(err), controlId: msg.header.controlId, type: msg.type },
      'hl7: message handling failed',
    );
    const failure = { code: 207, message: 'Lỗi xử lý nội bộ của hệ thống đặt lịch' };
    return { code: 'AE', ack: buildAck(msg, 'AE', me, failure), failure, handled: {} };
  }
}
