import { type Component, type FieldValue, repeat, type SegmentFields } from '../hl7/index.ts';
import type { HisDoctor, HisInterface, HisPatient, HisSex } from './types.ts';

const sexCode: Record<HisSex, string> = { male: 'M', female: 'F', other: 'O', unknown: 'U' };

const channelLabel: Record<string, string> = {
  miniapp: 'Zalo Mini App',
  zalo_oa: 'Zalo OA',
  zns: 'Zalo ZNS',
  messenger: 'Messenger',
  sms: 'SMS',
  email: 'Email',
  web_form: 'Website',
  hotline: 'Tổng đài',
};

/** "Nguyễn Văn An" → family Nguyễn, given An, middle Văn: XPN's strict mapping (INTEGRATION.md §1.3). */
export function splitName(fullName: string): { family: string; given: string; middle: string } {
  const words = fullName.normalize('NFC').trim().split(/\s+/).filter(Boolean);
  if (words.length <= 1) return { family: words[0] ?? '', given: '', middle: '' };
  return { family: words[0]!, given: words[words.length - 1]!, middle: words.slice(1, -1).join(' ') };
}

/** XCN of a doctor: id^family^given^middle^^title. */
export function doctorXcn(d: HisDoctor): readonly Component[] {
  const n = splitName(d.fullName);
  return [d.code, n.family, n.given, n.middle, '', d.title];
}

/** XCN of whoever entered the booking: the hub and the channel it came through. */
export function enteredBy(sourceChannel: string): readonly Component[] {
  return ['HUB', channelLabel[sourceChannel] ?? sourceChannel];
}

/** XTN 2.5.1 layout ^use^equipment^email^country^area^local for a 84xxxxxxxxx number. */
export function phoneXtn(phone: string): readonly Component[] {
  return ['', 'PRN', 'CP', '', '84', '', phone.replace(/^84/, '')];
}

/** PID-3: HIS MRN (MR), our id (PI), CCCD (NI) — in that order, the MRN first once known. */
export function patientIdentifiers(p: HisPatient, i: HisInterface): FieldValue {
  const ids: (readonly Component[])[] = [];
  if (p.mrn) ids.push([p.mrn, '', '', i.mrnAuthority, 'MR']);
  ids.push([p.id, '', '', i.sendingApp, 'PI']);
  if (p.nationalId) ids.push([p.nationalId, '', '', 'BCA', 'NI']);
  return repeat(...ids);
}

/** PID with what the HIS needs to register or find the person; `full` adds address, contact and nationality. */
export function pidSegment(p: HisPatient, i: HisInterface, full: boolean): SegmentFields {
  const n = splitName(p.fullName);
  const contact: (readonly Component[])[] = [];
  if (p.phone) contact.push(phoneXtn(p.phone));
  if (p.email) contact.push(['', 'NET', 'Internet', p.email]);
  return {
    1: '1',
    3: patientIdentifiers(p, i),
    5: [n.family, n.given, n.middle, '', '', '', 'L'],
    7: p.birthDate?.replaceAll('-', ''),
    8: sexCode[p.sex],
    ...(full
      ? {
          11: p.address ? [p.address, '', '', '', '', 'VNM', 'H'] : undefined,
          13: contact.length ? repeat(...contact) : undefined,
          15: ['vi', 'Tiếng Việt', 'ISO639'],
          28: ['VN', 'Việt Nam', 'ISO3166'],
        }
      : {}),
  };
}

/** IN1 for a BHYT card (proposed local convention: IN1-2 plan, IN1-3 company, IN1-36 card number). */
export function in1Segment(p: HisPatient): SegmentFields | undefined {
  if (!p.insuranceNumber) return undefined;
  return {
    1: '1',
    2: ['BHYT', 'Bảo hiểm y tế', 'L'],
    3: ['BHXH', '', '', 'VSS', 'XX'],
    4: 'Bảo hiểm xã hội Việt Nam',
    13: p.insuranceValidTo?.replaceAll('-', ''),
    36: p.insuranceNumber,
  };
}
