import type { HisDoctor, HisInterface, HisPatient } from '../his/index.ts';
import { type Component, Hl7Builder, Hl7ParseError, type Hl7Reader, hl7Timestamp, newControlId } from '../hl7/index.ts';
import { orderGroups, readOrder, readSubject } from './obr.ts';
import type { ParsedOrderMessage } from './types.ts';

/** An order the hub places with the RIS (ORM^O01) or the LIS (OML^O21). */
export interface OrderToPlace {
  placerOrderNumber: string;
  serviceCode: string;
  serviceName: string;
  orderedAt: Date;
  scheduledAt?: Date;
  doctor?: HisDoctor | null;
  clinicalInfo?: string | null;
  /** imaging: accession (OBR-18), requested procedure id (OBR-19), scheduled step id (OBR-20), modality (OBR-24) */
  accessionNumber?: string | null;
  modality?: string | null;
  /** lab: specimen id and type (table 0487, e.g. SER^Serum) */
  specimen?: { id: string; type: string; typeName: string } | null;
  visitNumber?: string | null;
  location?: { department: string; facility: string } | null;
}

const patientOnly = (p: HisPatient, i: HisInterface) => ({
  1: '1',
  3: p.mrn ? [p.mrn, '', '', i.mrnAuthority, 'MR'] : [p.id, '', '', i.sendingApp, 'PI'],
  5: (() => {
    const words = p.fullName.trim().split(/\s+/);
    return [words[0], words.length > 1 ? words[words.length - 1] : '', words.slice(1, -1).join(' '), '', '', '', 'L'];
  })(),
  7: p.birthDate?.replaceAll('-', ''),
  8: ({ male: 'M', female: 'F', other: 'O', unknown: 'U' } as const)[p.sex],
});

function doctorXcn(d: HisDoctor | null | undefined): readonly Component[] | undefined {
  if (!d) return undefined;
  const w = d.fullName.trim().split(/\s+/);
  return [d.code, w[0], w.length > 1 ? w[w.length - 1] : '', w.slice(1, -1).join(' '), '', d.title];
}

function header(i: HisInterface, type: readonly [string, string, string], at: Date, receivingApp: string) {
  return new Hl7Builder({
    ...i,
    receivingApp,
    timestamp: hl7Timestamp(at, i.timeZone),
    type,
    controlId: newControlId(),
  });
}

/** ORM^O01 imaging order, IHE 2.3.1 style: the accession number in OBR-18 is what the study will carry in DICOM. */
export function buildOrm(o: OrderToPlace, p: HisPatient, i: HisInterface, receivingApp = 'RIS') {
  const ts = (d: Date) => hl7Timestamp(d, i.timeZone);
  const b = header(i, ['ORM', 'O01', 'ORM_O01'], o.orderedAt, receivingApp)
    .segment('PID', patientOnly(p, i))
    .segment('PV1', {
      1: '1',
      2: 'O',
      3: o.location ? [o.location.department, '', '', o.location.facility] : undefined,
      19: o.visitNumber ?? undefined,
    })
    .segment('ORC', {
      1: 'NW',
      2: [o.placerOrderNumber, i.sendingApp],
      7: o.scheduledAt ? ['', '', '', ts(o.scheduledAt), '', 'R'] : undefined,
      9: ts(o.orderedAt),
      12: doctorXcn(o.doctor),
    })
    .segment('OBR', {
      1: '1',
      2: [o.placerOrderNumber, i.sendingApp],
      4: [o.serviceCode, o.serviceName, 'L'],
      13: o.clinicalInfo ?? undefined,
      16: doctorXcn(o.doctor),
      18: o.accessionNumber ?? undefined,
      24: o.modality ?? undefined,
    });
  const text = b.toString();
  return { type: 'ORM^O01', text, controlId: controlIdOf(text) };
}

/** OML^O21 lab order with specimen; ORC → TQ1 → OBR → SPM order is mandatory in OML_O21. */
export function buildOml(o: OrderToPlace, p: HisPatient, i: HisInterface, receivingApp = 'LIS') {
  const ts = (d: Date) => hl7Timestamp(d, i.timeZone);
  const b = header(i, ['OML', 'O21', 'OML_O21'], o.orderedAt, receivingApp)
    .segment('PID', patientOnly(p, i))
    .segment('PV1', { 1: '1', 2: 'O', 19: o.visitNumber ?? undefined })
    .segment('ORC', { 1: 'NW', 2: [o.placerOrderNumber, i.sendingApp], 9: ts(o.orderedAt), 12: doctorXcn(o.doctor) })
    .segment('TQ1', { 1: '1', 7: o.scheduledAt ? ts(o.scheduledAt) : undefined, 9: ['R', 'Routine', 'HL70485'] })
    .segment('OBR', {
      1: '1',
      2: [o.placerOrderNumber, i.sendingApp],
      4: [o.serviceCode, o.serviceName, 'L'],
      13: o.clinicalInfo ?? undefined,
      16: doctorXcn(o.doctor),
    });
  if (o.specimen) {
    b.segment('SPM', {
      1: '1',
      2: [o.specimen.id, i.sendingApp],
      4: [o.specimen.type, o.specimen.typeName, 'HL70487'],
      17: o.scheduledAt ? ts(o.scheduledAt) : undefined,
    });
  }
  const text = b.toString();
  return { type: 'OML^O21', text, controlId: controlIdOf(text) };
}

function controlIdOf(text: string): string {
  return text.split('\r')[0]!.split('|')[9]!;
}

/** ORM^O01 / OML^O21 received (orders the HIS placed): the patient, the visit and each order's identifiers. */
export function parseOrderMessage(msg: Hl7Reader, hubApp: string): ParsedOrderMessage {
  const groups = orderGroups(msg);
  if (groups.length === 0) throw new Hl7ParseError('Thiếu đoạn OBR trong thông điệp chỉ định', 101, 'OBR^1');
  const orders = groups.map((g) => readOrder(g.orc, g.obr));
  const bad = orders.findIndex((o) => !o.serviceCode || (!o.placerOrderNumber && !o.fillerOrderNumber));
  if (bad >= 0) throw new Hl7ParseError('Thiếu mã dịch vụ hoặc số phiếu chỉ định', 101, `OBR^${bad + 1}`);
  return { ...readSubject(msg, hubApp), orders };
}
