import { type HL7Segment, Hl7ParseError, type Hl7Reader, parseHl7Timestamp, reps, val } from '../hl7/index.ts';
import { orderGroups, readOrder, readSubject } from './obr.ts';
import type { ParsedObservation, ParsedOrderResult, ParsedOru, ParsedResultStatus } from './types.ts';

/** FT formatting (INTEGRATION.md §1.1): kept in HL7, turned into plain line breaks for our own model. */
export function plainText(ft: string): string {
  return ft
    .replace(/\\\.br\\/gi, '\n')
    .replace(/\\\.sp\d*\\/gi, '\n')
    .replace(/\\\.(in|ti|sk)[+-]?\d*\\|\\\.(ce|fi|nf)\\|\\[HN]\\/gi, '');
}

const findingsCodes = new Set(['18782-3', '59776-5', '18834-2']);
const impressionCodes = new Set(['19005-8', '59462-2']);

function observationValue(obx: HL7Segment, type: string): string | null {
  const n = reps(obx, 5);
  const one = (r: number) => {
    if (type === 'CE' || type === 'CWE') return val(obx, 5, 2, 1, r) || val(obx, 5, 1, 1, r);
    if (type === 'SN') return [1, 2, 3, 4].map((c) => val(obx, 5, c, 1, r)).join('');
    return val(obx, 5, 1, 1, r);
  };
  const values = Array.from({ length: n }, (_, r) => one(r)).filter((v) => v !== '');
  if (values.length === 0) return null;
  return plainText(values.join('\n'));
}

function readObservation(obx: HL7Segment): ParsedObservation {
  const type = val(obx, 2).toUpperCase();
  // the local coding (component 4-6, system L) carries the Vietnamese name patients read
  const localName = val(obx, 3, 6) === 'L' || !val(obx, 3, 2) ? val(obx, 3, 5) : '';
  const observed = val(obx, 14);
  return {
    seq: Number(val(obx, 1)) || 0,
    valueType: type || 'ST',
    code: val(obx, 3, 1) || val(obx, 3, 4),
    codeSystem: val(obx, 3, 3) || val(obx, 3, 6) || null,
    name: localName || val(obx, 3, 2) || val(obx, 3, 1),
    subId: val(obx, 4),
    value: observationValue(obx, type),
    unit: val(obx, 6, 2) || val(obx, 6, 1) || null,
    referenceRange: val(obx, 7) || null,
    flag: val(obx, 8).toUpperCase() || null,
    status: val(obx, 11).toUpperCase() || null,
    observedAt: observed ? (parseHl7Timestamp(observed) ?? null) : null,
  };
}

function resultStatus(obrStatus: string, observations: ParsedObservation[]): ParsedResultStatus {
  if (obrStatus === 'C' || observations.some((o) => o.status === 'C')) return 'corrected';
  if (obrStatus === 'F') return 'final';
  if (!obrStatus && observations.length > 0 && observations.every((o) => o.status === 'F')) return 'final';
  return 'preliminary';
}

function interpreter(obr: HL7Segment, observations: HL7Segment[]): string | null {
  const name = (id: string, family: string, given: string, middle: string, title: string) =>
    [title, family, middle, given].filter(Boolean).join(' ') || id;
  if (val(obr, 32))
    return name(val(obr, 32, 1, 1), val(obr, 32, 1, 2), val(obr, 32, 1, 3), val(obr, 32, 1, 4), val(obr, 32, 1, 6));
  const obx = observations.find((o) => val(o, 16));
  return obx ? name(val(obx, 16, 1), val(obx, 16, 2), val(obx, 16, 3), val(obx, 16, 4), val(obx, 16, 6)) : null;
}

function readOrderResult(group: ReturnType<typeof orderGroups>[number]): ParsedOrderResult {
  const order = readOrder(group.orc, group.obr);
  const obxs = group.rest.filter((s) => s.segmentType === 'OBX');
  const observations = obxs.map(readObservation);
  const notes = group.rest.filter((s) => s.segmentType === 'NTE').map((n) => plainText(val(n, 3)));
  const obrStatus = val(group.obr, 25).toUpperCase();
  const ts = (f: number) => (val(group.obr, f) ? (parseHl7Timestamp(val(group.obr, f)) ?? null) : null);
  let reportText: string | null = null;
  let conclusion: string | null = null;
  let studyInstanceUid: string | null = null;
  if (order.kind === 'imaging') {
    const join = (list: ParsedObservation[]) =>
      list
        .map((o) => o.value ?? '')
        .join('\n')
        .trim() || null;
    const text = observations.filter((o) => ['FT', 'TX', 'ST'].includes(o.valueType));
    const uid = observations.find((o) => /STUDYUID|^113014$/i.test(o.code) || /study instance uid/i.test(o.name));
    studyInstanceUid = uid?.value ?? null;
    conclusion = join(text.filter((o) => impressionCodes.has(o.code)));
    reportText = join(
      text.filter(
        (o) => o !== uid && !impressionCodes.has(o.code) && (findingsCodes.has(o.code) || o.valueType !== 'ST'),
      ),
    );
  }
  return {
    ...order,
    status: resultStatus(obrStatus, observations),
    resultStatusCode: obrStatus || null,
    observedAt: ts(7),
    reportedAt: ts(22),
    interpreter: interpreter(group.obr, obxs),
    observations,
    notes,
    reportText,
    conclusion,
    studyInstanceUid,
  };
}

/** ORU^R01: the patient, the visit and every order group with its observations (lab) or report (imaging). */
export function parseOru(msg: Hl7Reader, hubApp: string): ParsedOru {
  const groups = orderGroups(msg);
  if (groups.length === 0) throw new Hl7ParseError('Thiếu đoạn OBR trong ORU^R01', 101, 'OBR^1');
  const orders = groups.map(readOrderResult);
  const bad = orders.findIndex((o) => !o.serviceCode);
  if (bad >= 0) throw new Hl7ParseError('Thiếu mã xét nghiệm/dịch vụ (OBR-4)', 101, `OBR^${bad + 1}^4`);
  const noNumber = orders.findIndex((o) => !o.placerOrderNumber && !o.fillerOrderNumber);
  if (noNumber >= 0) throw new Hl7ParseError('Thiếu số phiếu chỉ định (OBR-2/OBR-3)', 101, `OBR^${noNumber + 1}^3`);
  return { ...readSubject(msg, hubApp), orders };
}
