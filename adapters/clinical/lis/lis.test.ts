import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { HisInterface, HisPatient } from '../his/index.ts';
import { Hl7Reader, val } from '../hl7/index.ts';
import { buildOml, buildOrm, parseOrderMessage, parseOru } from './index.ts';

const fixture = (name: string) =>
  new Hl7Reader(readFileSync(new URL(`../../../../shared/fixtures/hl7/${name}.hl7`, import.meta.url), 'utf8'));

describe('ORU^R01', () => {
  it('reads lab values with units, ranges, flags and statuses as sent', () => {
    const oru = parseOru(fixture('oru_lab'), 'BOOKINGHUB');
    expect(oru.ids.mrn).toBe('BN000123');
    expect(oru.name).toBe('Nguyễn Văn An');
    expect(oru.visitNumber).toBe('VIS-20250120-0042');
    const [order] = oru.orders;
    expect(order).toMatchObject({
      kind: 'lab',
      placerOrderNumber: 'ORD-88002',
      fillerOrderNumber: 'LAB-556677',
      serviceCode: 'SHM',
      serviceName: 'Sinh hóa máu',
      status: 'final',
      notes: ['Kết quả Kali đã được báo cho bác sĩ điều trị lúc 10:10.'],
    });
    expect(order!.reportedAt?.toISOString()).toBe('2025-01-20T03:14:00.000Z');
    const rows = order!.observations.map((o) => [
      o.valueType,
      o.code,
      o.name,
      o.value,
      o.unit,
      o.referenceRange,
      o.flag,
      o.status,
    ]);
    expect(rows).toEqual([
      ['NM', '2345-7', 'Glucose', '7.8', 'mmol/L', '3.9-6.4', 'H', 'F'],
      ['NM', '2160-0', 'Creatinin', '68', 'µmol/L', '62-106', 'N', 'F'],
      ['NM', '2823-3', 'Kali', '2.4', 'mmol/L', '3.5-5.1', 'LL', 'F'],
      ['ST', '5196-1', 'HBsAg', 'Dương tính', null, 'Âm tính', 'A', 'F'],
      ['CE', '882-1', 'Nhóm máu', 'O Rh(+)', null, null, null, 'P'],
      ['TX', 'NX', 'Nhận xét', 'Mẫu hơi vỡ hồng cầu & nên lấy lại mẫu nếu nghi ngờ.', null, null, null, 'F'],
    ]);
  });

  it('reads a radiology report: findings, impression, study UID, accession, line breaks', () => {
    const [order] = parseOru(fixture('oru_rad'), 'BOOKINGHUB').orders;
    expect(order).toMatchObject({
      kind: 'imaging',
      modality: 'CR',
      accessionNumber: 'ACC20250120001',
      placerOrderNumber: 'ORD-88001',
      conclusion: 'Phim X-quang ngực bình thường.',
      studyInstanceUid: '2.25.200000000000000000000000000000000001',
      interpreter: 'BS. Lê Minh Cường',
    });
    expect(order!.reportText).toBe('Bóng tim không to.\nHai phế trường sáng, không thấy tổn thương khu trú.');
  });

  it('marks a correction (OBX-11 C) as corrected', () => {
    const text = readFileSync(new URL('../../../../shared/fixtures/hl7/oru_lab.hl7', import.meta.url), 'utf8')
      .replace('LIS2501200000456', 'LIS2501200000999')
      .replace('||CH|F', '||CH|C')
      .replace('|2.4|mmol/L^mmol/L^UCUM|3.5-5.1|LL|||F|', '|3.6|mmol/L^mmol/L^UCUM|3.5-5.1|N|||C|');
    const [order] = parseOru(new Hl7Reader(text), 'BOOKINGHUB').orders;
    expect(order!.status).toBe('corrected');
    expect(order!.observations.find((o) => o.code === '2823-3')).toMatchObject({
      value: '3.6',
      flag: 'N',
      status: 'C',
    });
  });

  it('refuses an ORU without OBR', () => {
    const text = 'MSH|^~\\&|LIS|BV|BOOKINGHUB|PK|20250120101500+0700||ORU^R01^ORU_R01|X1|P|2.5.1\rPID|1||BN1^^^BV^MR\r';
    expect(() => parseOru(new Hl7Reader(text), 'BOOKINGHUB')).toThrow(/OBR/);
  });
});

describe('orders', () => {
  it('reads the ORM and OML fixtures', () => {
    const orm = parseOrderMessage(fixture('orm'), 'BOOKINGHUB');
    expect(orm.orders[0]).toMatchObject({
      kind: 'imaging',
      placerOrderNumber: 'ORD-88001',
      accessionNumber: 'ACC20250120001',
      modality: 'CR',
      serviceName: 'X-quang ngực thẳng',
      orderControl: 'NW',
      orderingDoctorCode: 'BS0456',
      clinicalInfo: 'Đau ngực khi gắng sức',
    });
    const oml = parseOrderMessage(fixture('oml'), 'BOOKINGHUB');
    expect(oml.orders[0]).toMatchObject({ kind: 'lab', placerOrderNumber: 'ORD-88002', serviceCode: 'SHM' });
  });

  const iface: HisInterface = {
    sendingApp: 'BOOKINGHUB',
    sendingFacility: 'PK_DEMO',
    receivingApp: 'HIS',
    receivingFacility: 'BV_DEMO',
    mrnAuthority: 'BV_DEMO',
    timeZone: 'Asia/Ho_Chi_Minh',
  };
  const patient: HisPatient = {
    id: 'p-1',
    mrn: 'BN000123',
    fullName: 'Nguyễn Văn An',
    birthDate: '1980-01-01',
    sex: 'male',
    phone: null,
    nationalId: null,
    insuranceNumber: null,
    insuranceValidTo: null,
    address: null,
  };
  const doctor = { code: 'BS0456', title: 'BS.', fullName: 'Trần Thị Bình' };

  it('builds ORM^O01 and OML^O21 that read back as the same order', () => {
    const orm = buildOrm(
      {
        placerOrderNumber: 'ORD-1',
        serviceCode: '18.0001',
        serviceName: 'X-quang ngực thẳng',
        orderedAt: new Date('2025-01-20T01:05:00Z'),
        accessionNumber: 'ACC1',
        modality: 'CR',
        doctor,
        clinicalInfo: 'Ho & sốt',
      },
      patient,
      iface,
    );
    const back = parseOrderMessage(new Hl7Reader(orm.text), 'BOOKINGHUB');
    expect(back.orders[0]).toMatchObject({
      placerOrderNumber: 'ORD-1',
      accessionNumber: 'ACC1',
      clinicalInfo: 'Ho & sốt',
    });
    expect(orm.controlId).toBe(new Hl7Reader(orm.text).header.controlId);
    const oml = new Hl7Reader(
      buildOml(
        {
          placerOrderNumber: 'ORD-2',
          serviceCode: 'SHM',
          serviceName: 'Sinh hóa máu',
          orderedAt: new Date(),
          specimen: { id: 'SPM-1', type: 'SER', typeName: 'Serum' },
        },
        patient,
        iface,
      ).text,
    );
    expect(oml.segments.map((s) => s.segmentType)).toEqual(['MSH', 'PID', 'PV1', 'ORC', 'TQ1', 'OBR', 'SPM']);
    expect(val(oml.first('SPM'), 4)).toBe('SER');
  });
});
