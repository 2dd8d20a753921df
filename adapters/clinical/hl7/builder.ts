import { type HL7Field, HL7Message, type HL7Segment, HL7Version } from 'hl7v2';

/** A component: its text, or its sub-components in order. */
export type Component = string | undefined | readonly (string | undefined)[];
/** A field: its text (component 1), its components in order, or several repetitions. */
export type FieldValue = Component | readonly Component[] | Repeated;
export interface Repeated {
  repeat: readonly (Component | readonly Component[])[];
}

export const repeat = (...values: (Component | readonly Component[])[]): Repeated => ({ repeat: values });

/** Fields of a segment by position (1-based, as HL7 numbers them). Empty values are left out. */
export type SegmentFields = Record<number, FieldValue>;

export interface HeaderInput {
  sendingApp: string;
  sendingFacility: string;
  receivingApp: string;
  receivingFacility: string;
  /** HL7 TS with offset */
  timestamp: string;
  /** code, trigger, structure: ['SIU', 'S12', 'SIU_S12'] */
  type: readonly [string, string?, string?];
  controlId: string;
  processingId?: string;
  /** MSH-15 / MSH-16: empty = original acknowledgment mode */
  acceptAckType?: string;
  appAckType?: string;
  country?: string;
}

function isRepeated(v: FieldValue): v is Repeated {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && 'repeat' in v;
}

function setComponent(field: HL7Field, rep: number, pos: number, value: Component) {
  if (value === undefined || value === '') return;
  if (typeof value === 'string') {
    field.rep(rep).comp(pos).setValue(value);
    return;
  }
  value.forEach((sub, i) => {
    if (sub !== undefined && sub !== '')
      field
        .rep(rep)
        .comp(pos)
        .subcomp(i + 1).value = sub;
  });
}

function setRepetition(field: HL7Field, rep: number, value: Component | readonly Component[]) {
  if (typeof value === 'string' || value === undefined) {
    setComponent(field, rep, 1, value);
    return;
  }
  // a flat array of strings is a list of components; nested arrays are sub-components of one component
  (value as readonly Component[]).forEach((c, i) => {
    setComponent(field, rep, i + 1, c);
  });
}

function setField(seg: HL7Segment, pos: number, value: FieldValue) {
  const field = seg.field(pos);
  if (isRepeated(value)) {
    value.repeat.forEach((r, i) => {
      setRepetition(field, i, r);
    });
    return;
  }
  setRepetition(field, 0, value);
}

/**
 * Builds ER7 on hl7v2's model so that every text value is escaped (| ^ ~ \ & → \F\ \S\ \R\ \E\ \T\). Components are
 * set one by one: hl7v2 escapes a `^` inside a whole-field string (STACK.md).
 */
export class Hl7Builder {
  private readonly message = new HL7Message(HL7Version.v2_5_1);

  constructor(h: HeaderInput) {
    const msh = this.message.header;
    // hl7v2 pre-fills MSH-7/10/18 with its own values: every one is overwritten here
    msh.fields.length = 2;
    setField(msh, 3, h.sendingApp);
    setField(msh, 4, h.sendingFacility);
    setField(msh, 5, h.receivingApp);
    setField(msh, 6, h.receivingFacility);
    setField(msh, 7, h.timestamp);
    setField(msh, 9, [h.type[0], h.type[1], h.type[2]]);
    setField(msh, 10, h.controlId);
    setField(msh, 11, h.processingId ?? 'P');
    setField(msh, 12, '2.5.1');
    setField(msh, 15, h.acceptAckType);
    setField(msh, 16, h.appAckType);
    setField(msh, 17, h.country ?? 'VNM');
    setField(msh, 18, 'UNICODE UTF-8');
  }

  segment(name: string, fields: SegmentFields): this {
    const seg = this.message.addSegment(name);
    for (const [pos, value] of Object.entries(fields)) setField(seg, Number(pos), value);
    return this;
  }

  /** Segments joined by CR, ending with CR. */
  toString(): string {
    return this.message.toHL7String();
  }
}
