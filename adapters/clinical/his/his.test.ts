import { describe, expect, it } from 'vitest';
import { Hl7Reader, readAck, val } from '../hl7/index.ts';
import {
  buildAdt,
  buildSiu,
  type HisAppointment,
  type HisInterface,
  type HisPatient,
  readPatientIds,
} from './index.ts';

const iface: HisInterface = {
  sendingApp: 'BOOKINGHUB',
  sendingFacility: 'PK_DEMO',
  receivingApp: 'HIS',
  receivingFacility: 'BV_DEMO',
  mrnAuthority: 'BV_DEMO',
  timeZone: 'Asia/Ho_Chi_Minh',
};
const patient: HisPatient = {
  id: '6f1c2d3e-0000-4000-8000-000000000123',
  mrn: null,
  fullName: 'Nguyễn Văn An',
  birthDate: '1980-01-01',
  sex: 'male',
  phone: '84901234567',
  nationalId: '079080001234',
  insuranceNumber: 'HC4790123456789',
  insuranceValidTo: '2025-12-31',
  address: '12 Lê Lợi, Phường Bến Thành, TP.HCM',
};
const appt: HisAppointment = {
  bookingCode: 'MC-ABC234',
  hisAppointmentId: null,
  startsAt: new Date('2025-01-20T01:00:00Z'),
  endsAt: new Date('2025-01-20T01:15:00Z'),
  reason: 'Đau ngực khi gắng sức & khó thở nhẹ',
  contractRef: 'HD-2025-017',
  sourceChannel: 'miniapp',
  doctor: { code: 'BS0456', title: 'BS.', fullName: 'Trần Thị Bình' },
  branch: { code: 'BV_DEMO', name: 'Cơ sở Quận 1' },
  department: { code: 'KHAMNOI', name: 'Khám Nội' },
  service: { code: 'K01.0001', name: 'Khám Nội tổng quát' },
};

describe('ADT to the HIS', () => {
  it('A28 carries the person with our id, CCCD, name parts, birth date, phone and BHYT card', () => {
    const m = buildAdt('A28', patient, iface, { sourceChannel: 'Zalo Mini App' });
    const r = new Hl7Reader(m.text);
    expect(r.header).toMatchObject({
      messageCode: 'ADT',
      triggerEvent: 'A28',
      structure: 'ADT_A05',
      charset: 'UNICODE UTF-8',
    });
    expect(r.segments.map((s) => s.segmentType)).toEqual(['MSH', 'EVN', 'PID', 'PV1', 'IN1']);
    const pid = r.first('PID');
    expect(readPatientIds(pid, 'BOOKINGHUB')).toEqual({ hubId: patient.id, nationalId: '079080001234' });
    expect([val(pid, 5, 1), val(pid, 5, 2), val(pid, 5, 3)]).toEqual(['Nguyễn', 'An', 'Văn']);
    expect(val(pid, 7)).toBe('19800101');
    expect(val(pid, 13, 7)).toBe('901234567');
    expect(val(r.first('PV1'), 2)).toBe('N');
    expect(val(r.first('IN1'), 36)).toBe('HC4790123456789');
  });

  it('A31 puts the HIS MRN first once known', () => {
    const r = new Hl7Reader(buildAdt('A31', { ...patient, mrn: 'BN000123' }, iface).text);
    expect(val(r.first('PID'), 3, 1)).toBe('BN000123');
    expect(val(r.first('PID'), 3, 5)).toBe('MR');
    expect(r.type).toBe('ADT^A31');
  });
});

describe('SIU to the HIS', () => {
  it('S12 carries patient, time, service package, doctor, branch and contract where INTEGRATION.md lists them', () => {
    const m = buildSiu('S12', appt, patient, iface);
    const r = new Hl7Reader(m.text);
    expect(r.segments.map((s) => s.segmentType)).toEqual([
      'MSH',
      'SCH',
      'TQ1',
      'NTE',
      'PID',
      'PV1',
      'RGS',
      'AIS',
      'AIL',
      'AIP',
    ]);
    const sch = r.first('SCH');
    expect([val(sch, 1, 1), val(sch, 1, 2)]).toEqual(['MC-ABC234', 'BOOKINGHUB']);
    expect(val(sch, 6)).toBe('NEW');
    expect(val(sch, 11, 4)).toBe('20250120080000+0700');
    expect(val(sch, 11, 5)).toBe('20250120081500+0700');
    expect(val(sch, 16, 1)).toBe('BS0456');
    expect(val(sch, 25)).toBe('Booked');
    expect(val(r.first('TQ1'), 7)).toBe('20250120080000+0700');
    expect(val(r.first('NTE'), 3)).toBe('Đau ngực khi gắng sức & khó thở nhẹ');
    expect(m.text).toContain('Đau ngực khi gắng sức \\T\\ khó thở nhẹ');
    expect(val(r.first('PV1'), 3, 4)).toBe('BV_DEMO');
    expect(val(r.first('PV1'), 24)).toBe('HD-2025-017');
    expect([val(r.first('AIS'), 3, 1), val(r.first('AIS'), 3, 2)]).toEqual(['K01.0001', 'Khám Nội tổng quát']);
    expect(val(r.first('AIL'), 3, 1)).toBe('KHAMNOI');
    expect([val(r.first('AIP'), 3, 1), val(r.first('AIP'), 3, 2), val(r.first('AIP'), 3, 6)]).toEqual([
      'BS0456',
      'Trần',
      'BS.',
    ]);
    expect(readAck(r)).toBeUndefined();
  });

  it('S13 moves the time with action U; S15 cancels with action D and status Cancelled', () => {
    const moved = {
      ...appt,
      hisAppointmentId: 'HIS-APT-1',
      startsAt: new Date('2025-01-21T02:30:00Z'),
      endsAt: new Date('2025-01-21T02:45:00Z'),
    };
    const s13 = new Hl7Reader(buildSiu('S13', moved, patient, iface).text);
    expect(val(s13.first('SCH'), 2)).toBe('HIS-APT-1');
    expect(val(s13.first('TQ1'), 7)).toBe('20250121093000+0700');
    expect(val(s13.first('RGS'), 2)).toBe('U');
    const s15 = new Hl7Reader(buildSiu('S15', moved, patient, iface, { cancelledByPatient: true }).text);
    expect(val(s15.first('SCH'), 6)).toBe('PATCANCEL');
    expect(val(s15.first('SCH'), 25)).toBe('Cancelled');
    expect(val(s15.first('AIS'), 2)).toBe('D');
  });

  it('leaves out what a booking does not have (no doctor, no package, no reason)', () => {
    const bare = { ...appt, doctor: null, service: null, reason: null, contractRef: null };
    const r = new Hl7Reader(buildSiu('S12', bare, { ...patient, phone: null }, iface).text);
    expect(r.segments.map((s) => s.segmentType)).toEqual(['MSH', 'SCH', 'TQ1', 'PID', 'PV1', 'RGS', 'AIS', 'AIL']);
    expect(val(r.first('AIS'), 3)).toBe('KHAMNOI');
    expect(val(r.first('SCH'), 16, 2)).toBe('Zalo Mini App');
  });
});
