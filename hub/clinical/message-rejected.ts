import type { AckError } from '../../adapters/clinical/hl7/index.ts';

/** A message we understood but cannot accept: answered AE (fix the data) or AR (not for us), and parked. */
export class MessageRejected extends Error {
  readonly ackCode: 'AE' | 'AR';
  readonly ackError: AckError;
  constructor(ackCode: 'AE' | 'AR', ackError: AckError) {
    super(ackError.message);
    this.name = 'MessageRejected';
    this.ackCode = ackCode;
    this.ackError = ackError;
  }
}

/** What handling an accepted message tells the pipeline: whom it was about, for the monitor. */
export interface HandledMessage {
  patientId?: string;
  correlationType?: string;
  correlationId?: string;
  /** MSA-3 of the AA */
  text?: string;
}
