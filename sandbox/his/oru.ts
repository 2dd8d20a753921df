import { esc, message, vnTimestamp } from './hl7-text.ts';
import type { ScheduledVisit } from './schedule.ts';

/** One lab test as the HIS's LIS module reports it: LOINC + local Vietnamese name, unit, range, flag. */
export interface LabValue {
  loinc: string;
  loincName: string;
  local: string;
  name: string;
  type: 'NM' | 'ST' | 'TX';
  value: string;
  unit?: string;
  range?: string;
  flag?: string;
}

/** The panel a completed visit reports: one high, one low, the rest normal, and a note with an ampersand. */
export function defaultPanel(): LabValue[] {
  return [
    {
      loinc: '2345-7',
      loincName: 'Glucose',
      local: 'GLU',
      name: 'Đường huyết (Glucose)',
      type: 'NM',
      value: '6.8',
      unit: 'mmol/L',
      range: '3.9-6.4',
      flag: 'H',
    },
    {
      loinc: '2160-0',
      loincName: 'Creatinine',
      local: 'CRE',
      name: 'Creatinin',
      type: 'NM',
      value: '85',
      unit: 'µmol/L',
      range: '62-106',
      flag: 'N',
    },
    {
      loinc: '1742-6',
      loincName: 'ALT',
      local: 'ALT',
      name: 'Men gan ALT',
      type: 'NM',
      value: '32',
      unit: 'U/L',
      range: '0-40',
      flag: 'N',
    },
    {
      loinc: '718-7',
      loincName: 'Hemoglobin',
      local: 'HGB',
      name: 'Huyết sắc tố (Hb)',
      type: 'NM',
      value: '118',
      unit: 'g/L',
      range: '120-160',
      flag: 'L',
    },
    {
      loinc: '5196-1',
      loincName: 'HBsAg',
      local: 'HBSAG',
      name: 'Kháng nguyên HBsAg',
      type: 'ST',
      value: 'Âm tính',
      range: 'Âm tính',
      flag: 'N',
    },
    {
      loinc: 'NX',
      loincName: 'Nhận xét',
      local: 'NX',
      name: 'Nhận xét',
      type: 'TX',
      value: 'Đường huyết hơi cao & Hb hơi thấp; tái khám sau 1 tháng.',
    },
  ];
}

let sequence = 0;

/**
 * ORU^R01 for a visit: PID with the HIS MRN and the hub's own id, PV1-19 visit number and PV1-50 the hub's booking
 * code, one ORC/OBR (placer = the HIS order, filler = the lab), one OBX per test. `correction` re-sends some values
 * with OBR-25 / OBX-11 = C under a new MSH-10, like a lab correcting a released result.
 */
export function buildLabOru(
  v: ScheduledVisit,
  values: LabValue[],
  opts: { hubApp: string; hubFacility: string; correction?: boolean },
) {
  const now = vnTimestamp();
  const status = opts.correction ? 'C' : 'F';
  const controlId = `HIS${Date.now().toString(36).toUpperCase()}${(++sequence).toString().padStart(3, '0')}`;
  const ids = [`${esc(v.mrn)}^^^BV_DEMO^MR`, `${esc(v.hubPatientId)}^^^${esc(opts.hubApp)}^PI`].join('~');
  const pv1 = [
    'PV1',
    '1',
    'O',
    esc(v.location),
    ...Array(15).fill(''),
    esc(v.visitNumber ?? ''),
    ...Array(30).fill(''),
    `${esc(v.bookingCode)}^^^${esc(opts.hubApp)}`,
  ];
  const lines = [
    `MSH|^~\\&|HIS|BV_DEMO|${esc(opts.hubApp)}|${esc(opts.hubFacility)}|${now}||ORU^R01^ORU_R01|${controlId}|P|2.5.1|||||VNM|UNICODE UTF-8`,
    `PID|1||${ids}||${v.patientName}||${v.birthDate}|${v.sex}`,
    pv1.join('|'),
    `ORC|RE|${esc(v.orderNumber)}^HIS|${esc(v.labNumber)}^LIS||CM`,
    `OBR|1|${esc(v.orderNumber)}^HIS|${esc(v.labNumber)}^LIS|XN-TQ^Xét nghiệm máu tổng quát^L|||${now}|||||||||${v.doctorXcn}||||||${now}||CH|${status}`,
    ...values.map((x, i) =>
      [
        'OBX',
        String(i + 1),
        x.type,
        `${esc(x.loinc)}^${esc(x.loincName)}^LN^${esc(x.local)}^${esc(x.name)}^L`,
        '',
        esc(x.value),
        x.unit ? `${esc(x.unit)}^${esc(x.unit)}^UCUM` : '',
        esc(x.range ?? ''),
        x.flag ?? '',
        '',
        '',
        status,
        '',
        '',
        now,
      ].join('|'),
    ),
    `NTE|1|L|${esc('Kết quả đã được bác sĩ xét nghiệm duyệt.')}`,
  ];
  return { controlId, message: message(lines) };
}
