import { readPatientIds } from '../his/index.ts';
import { type HL7Segment, type Hl7Reader, val } from '../hl7/index.ts';
import type { ParsedOrder, ParsedSubject, ResultKind } from './types.ts';

/** OBR-24 diagnostic service sections (table 0074) and DICOM modalities that mean an imaging order. */
const imagingSections = new Set([
  'RAD',
  'CT',
  'MR',
  'NMR',
  'US',
  'RUS',
  'OUS',
  'VUS',
  'XRC',
  'IMG',
  'CR',
  'DX',
  'XA',
  'MG',
  'NM',
  'PT',
  'RF',
]);
const dicomModalities = new Set(['CR', 'CT', 'MR', 'US', 'DX', 'XA', 'MG', 'NM', 'PT', 'RF', 'OT']);

export function orderKind(section: string): ResultKind {
  return imagingSections.has(section.toUpperCase()) ? 'imaging' : 'lab';
}

/** An order's identifiers and service from its ORC (may be absent) and OBR. */
export function readOrder(orc: HL7Segment | undefined, obr: HL7Segment): ParsedOrder {
  const section = val(obr, 24).toUpperCase();
  const kind = orderKind(section);
  const or = (a: string, b: string) => a || b || null;
  return {
    kind,
    placerOrderNumber: or(val(obr, 2), val(orc, 2)),
    fillerOrderNumber: or(val(obr, 3), val(orc, 3)),
    accessionNumber: kind === 'imaging' ? or(val(obr, 18), '') : null,
    serviceCode: val(obr, 4, 1),
    serviceName: val(obr, 4, 2) || val(obr, 4, 5) || val(obr, 4, 1),
    modality: dicomModalities.has(section) ? section : null,
    orderingDoctorCode: or(val(orc, 12), val(obr, 16)),
    clinicalInfo: or(val(obr, 13), ''),
    orderControl: or(val(orc, 1), ''),
    orderStatus: or(val(orc, 5), ''),
  };
}

/** The patient (PID) and visit (PV1) of a message. */
export function readSubject(msg: Hl7Reader, hubApp: string): ParsedSubject {
  const pid = msg.first('PID');
  const pv1 = msg.first('PV1');
  const name = [val(pid, 5, 1), val(pid, 5, 3), val(pid, 5, 2)].filter(Boolean).join(' ');
  const dob = val(pid, 7);
  return {
    ids: readPatientIds(pid, hubApp),
    name,
    birthDate: /^\d{8}/.test(dob) ? `${dob.slice(0, 4)}-${dob.slice(4, 6)}-${dob.slice(6, 8)}` : null,
    // INTEGRATION.md's ORU/ORM examples carry the visit number one field late (PV1-20); A04 has it in PV1-19
    visitNumber: val(pv1, 19) || val(pv1, 20) || null,
    alternateVisitId: val(pv1, 50) || null,
  };
}

/**
 * Groups segments by order: each OBR with the ORC before it and every segment after it until the next ORC/OBR —
 * the ORDER_OBSERVATION group of ORU_R01 and the ORDER group of ORM_O01 / OML_O21.
 */
export function orderGroups(msg: Hl7Reader): { orc?: HL7Segment; obr: HL7Segment; rest: HL7Segment[] }[] {
  const groups: { orc?: HL7Segment; obr: HL7Segment; rest: HL7Segment[] }[] = [];
  let orc: HL7Segment | undefined;
  for (const seg of msg.segments) {
    if (seg.segmentType === 'ORC') orc = seg;
    else if (seg.segmentType === 'OBR') {
      groups.push({ orc, obr: seg, rest: [] });
      orc = undefined;
    } else groups[groups.length - 1]?.rest.push(seg);
  }
  return groups;
}
