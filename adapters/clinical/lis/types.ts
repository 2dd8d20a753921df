import type { PatientIds } from '../his/index.ts';

export type ResultKind = 'lab' | 'imaging';
export type ParsedResultStatus = 'preliminary' | 'final' | 'corrected';

/** One OBX, values as the lab wrote them (never re-rounded), text unescaped. */
export interface ParsedObservation {
  /** OBX-1 */
  seq: number;
  /** OBX-2: NM, ST, TX, FT, CE, CWE, SN… */
  valueType: string;
  /** OBX-3: code, its system, and the name to show (the local Vietnamese name when the sender gave one) */
  code: string;
  codeSystem: string | null;
  name: string;
  /** OBX-4, '' when absent */
  subId: string;
  value: string | null;
  unit: string | null;
  referenceRange: string | null;
  /** OBX-8 (table 0078): N, L, H, LL, HH, <, >, A, AA */
  flag: string | null;
  /** OBX-11 (table 0085): F, P, C, D, W… */
  status: string | null;
  observedAt: Date | null;
}

/** What an order looks like in an ORU, ORM or OML: identifiers, service, and (ORU) its results. */
export interface ParsedOrder {
  kind: ResultKind;
  placerOrderNumber: string | null;
  fillerOrderNumber: string | null;
  /** imaging: OBR-18 (IHE) */
  accessionNumber: string | null;
  serviceCode: string;
  serviceName: string;
  /** imaging modality (OBR-24 when it is a DICOM modality code) */
  modality: string | null;
  /** ORC-12 / OBR-16 ordering provider id (HIS personnel code) */
  orderingDoctorCode: string | null;
  clinicalInfo: string | null;
  /** ORC-1 order control (NW, CA, XO, SC, RE…) and ORC-5 order status */
  orderControl: string | null;
  orderStatus: string | null;
}

export interface ParsedOrderResult extends ParsedOrder {
  status: ParsedResultStatus;
  /** OBR-25 as sent */
  resultStatusCode: string | null;
  observedAt: Date | null;
  reportedAt: Date | null;
  interpreter: string | null;
  observations: ParsedObservation[];
  /** NTE lines of the order group */
  notes: string[];
  /** imaging: findings / impression / Study Instance UID carried in OBX */
  reportText: string | null;
  conclusion: string | null;
  studyInstanceUid: string | null;
}

/** The patient and visit a message is about. */
export interface ParsedSubject {
  ids: PatientIds;
  name: string;
  birthDate: string | null;
  /** PV1-19, the HIS visit (encounter) number */
  visitNumber: string | null;
  /** PV1-50 alternate visit id: the hub booking code when the HIS sends it back */
  alternateVisitId: string | null;
}

export interface ParsedOru extends ParsedSubject {
  orders: ParsedOrderResult[];
}

export interface ParsedOrderMessage extends ParsedSubject {
  orders: ParsedOrder[];
}
