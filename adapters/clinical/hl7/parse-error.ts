export class Hl7ParseError extends Error {
  /** HL7 table 0357 code for the ERR segment of the AE we answer with. */
  readonly hl7Code: number;
  readonly location?: string;
  constructor(message: string, hl7Code = 100, location?: string) {
    super(message);
    this.name = 'Hl7ParseError';
    this.hl7Code = hl7Code;
    this.location = location;
  }
}
