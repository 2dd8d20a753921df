import type { Hl7Message } from '@medplum/core';
import { ack, get, patientIds } from './hl7-text.ts';

/** One appointment as the HIS keeps it: its own copy of what the hub's SIU messages said. */
export interface ScheduledVisit {
  bookingCode: string;
  hisAppointmentId: string;
  hubPatientId: string;
  mrn: string;
  /** PID-5 and PV1-3 / AIP-3 as received (still escaped), re-sent unchanged in ORU */
  patientName: string;
  location: string;
  doctorXcn: string;
  birthDate: string;
  sex: string;
  displayName: string;
  doctorName: string;
  service: string;
  startsAt: string;
  status: 'Booked' | 'Cancelled' | 'Complete';
  visitNumber?: string;
  orderNumber: string;
  labNumber: string;
  /** SIU events in the order they arrived, e.g. S12, S13, S15 */
  events: string[];
}

export interface ReceivedMessage {
  at: string;
  type: string;
  controlId: string;
  ack: string;
  error?: string;
}

export interface HisSettings {
  /** the next N messages are refused with AE (a HIS-side data problem) */
  rejectNext: number;
  /** doctors the HIS does not know (AE 103 on SIU naming them) */
  unknownDoctors: string[];
  /** wait before ACKing, to exercise the hub's ACK timeout */
  ackDelayMs: number;
}

/** The HIS's state and its answer to each ADT / SIU from the hub. */
export function hisState() {
  const visits = new Map<string, ScheduledVisit>();
  const mrns = new Map<string, string>();
  const received: ReceivedMessage[] = [];
  const settings: HisSettings = { rejectNext: 0, unknownDoctors: [], ackDelayMs: 0 };
  let counter = 0;
  const nextId = (prefix: string, width = 6) => `${prefix}${String(++counter).padStart(width, '0')}`;

  const hubIdOf = (msg: Hl7Message) => patientIds(msg).find((i) => i.type === 'PI')?.id ?? '';
  const mrnFor = (hubId: string) => {
    let mrn = mrns.get(hubId);
    if (!mrn) {
      mrn = nextId('BN');
      mrns.set(hubId, mrn);
    }
    return mrn;
  };

  type Answer = { code: 'AA' | 'AE' | 'AR'; error?: { code: string; location: string; text: string } };

  const onAdt = (msg: Hl7Message): Answer => {
    const hubId = hubIdOf(msg);
    if (!hubId || !get(msg, 'PID', 5, 1)) {
      return { code: 'AE', error: { code: '101', location: 'PID^1^3', text: 'Thiếu mã hoặc họ tên bệnh nhân' } };
    }
    mrnFor(hubId);
    return { code: 'AA' };
  };

  const onSiu = (msg: Hl7Message, event: string): Answer => {
    const code = get(msg, 'SCH', 1, 1);
    const start = get(msg, 'TQ1', 7) || get(msg, 'SCH', 11, 4);
    if (!code || !start)
      return { code: 'AE', error: { code: '101', location: 'SCH^1^1', text: 'Thiếu mã lịch hẹn hoặc giờ khám' } };
    const doctor = get(msg, 'AIP', 3, 1);
    if (doctor && settings.unknownDoctors.includes(doctor)) {
      return {
        code: 'AE',
        error: { code: '103', location: 'AIP^1^3', text: `Mã bác sĩ ${doctor} không tồn tại trong HIS` },
      };
    }
    const existing = visits.get(code);
    if (event !== 'S12' && !existing) {
      return { code: 'AE', error: { code: '204', location: 'SCH^1^1', text: `Không tìm thấy lịch hẹn ${code}` } };
    }
    const hubId = hubIdOf(msg) || existing?.hubPatientId || '';
    const pid = msg.getSegment('PID');
    const name = [get(msg, 'PID', 5, 1), get(msg, 'PID', 5, 3), get(msg, 'PID', 5, 2)].filter(Boolean).join(' ');
    const visit: ScheduledVisit = existing ?? {
      bookingCode: code,
      hisAppointmentId: nextId('HIS-APT-'),
      hubPatientId: hubId,
      mrn: mrnFor(hubId),
      patientName: pid?.getField(5)?.toString() ?? '',
      location: msg.getSegment('PV1')?.getField(3)?.toString() ?? '',
      doctorXcn: msg.getSegment('AIP')?.getField(3)?.toString() ?? '',
      birthDate: pid?.getField(7)?.toString() ?? '',
      sex: pid?.getField(8)?.toString() ?? '',
      displayName: name,
      doctorName: [get(msg, 'AIP', 3, 6), get(msg, 'AIP', 3, 2), get(msg, 'AIP', 3, 4), get(msg, 'AIP', 3, 3)]
        .filter(Boolean)
        .join(' '),
      service: get(msg, 'AIS', 3, 2) || get(msg, 'AIS', 3, 1),
      startsAt: start,
      status: 'Booked',
      orderNumber: nextId('HIS-ORD-'),
      labNumber: nextId('LAB-'),
      events: [],
    };
    visit.events.push(event);
    if (event === 'S13' || event === 'S14') visit.startsAt = start;
    if (event === 'S14' && doctor) visit.doctorXcn = msg.getSegment('AIP')?.getField(3)?.toString() ?? visit.doctorXcn;
    if (event === 'S15') visit.status = 'Cancelled';
    visits.set(code, visit);
    return { code: 'AA' };
  };

  /** Answers one message from the hub and records it for the sandbox page. */
  const answer = (msg: Hl7Message) => {
    const type = `${get(msg, 'MSH', 9, 1)}^${get(msg, 'MSH', 9, 2)}`;
    let result: Answer;
    if (settings.rejectNext > 0) {
      settings.rejectNext--;
      result = {
        code: 'AE',
        error: { code: '207', location: 'MSH^1^9', text: 'HIS tạm thời không xử lý được thông điệp' },
      };
    } else if (type.startsWith('ADT^')) result = onAdt(msg);
    else if (type.startsWith('SIU^')) result = onSiu(msg, type.slice(4));
    else result = { code: 'AR', error: { code: '200', location: 'MSH^1^9', text: `HIS không nhận ${type}` } };
    received.push({
      at: new Date().toISOString(),
      type,
      controlId: get(msg, 'MSH', 10),
      ack: result.code,
      error: result.error?.text,
    });
    if (received.length > 500) received.shift();
    return ack(msg, result.code, result.error);
  };

  return {
    visits,
    received,
    settings,
    mrns,
    answer,
    nextId,
  };
}

export type HisState = ReturnType<typeof hisState>;
