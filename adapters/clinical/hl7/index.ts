// The hub's HL7 v2.5.1 layer: ER7 codec on hl7v2, MLLP on node:net, our own ACK.

export type { HL7Segment } from 'hl7v2';
export {
  type AckCode,
  type AckError,
  type AckIdentity,
  buildAck,
  describeAck,
  type ParsedAck,
  readAck,
} from './ack.ts';
export { type AckCondition, type AckMode, ackModeOf, ackWanted } from './ack-mode.ts';
export { peerAllowList } from './allow-list.ts';
export {
  type Component,
  type FieldValue,
  type HeaderInput,
  Hl7Builder,
  repeat,
  type SegmentFields,
} from './builder.ts';
export { decodeFrame, isSupportedCharset } from './charset.ts';
export { newControlId } from './control-id.ts';
export { escapeText } from './er7-text.ts';
export { FrameDecoder, FrameTooLargeError, frame } from './framing.ts';
export { type MessageHeader, messageTypeOf, peekField, readHeader, salvageHeader } from './header.ts';
export { Hl7ParseError, Hl7Reader, parseFrame, reps, val } from './message.ts';
export { MllpClient, type MllpClientOptions, MllpSendError } from './mllp-client.ts';
export {
  type MllpPeer,
  type MllpServer,
  type MllpServerOptions,
  startMllpServer,
  type TlsFiles,
} from './mllp-server.ts';
export { hl7Date, hl7Timestamp, parseHl7Timestamp } from './timestamps.ts';
