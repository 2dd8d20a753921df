import { type Component, Hl7Builder, hl7Timestamp, newControlId } from '../hl7/index.ts';
import { doctorXcn, enteredBy, phoneXtn, pidSegment } from './segments.ts';
import type { BuiltMessage, HisAppointment, HisInterface, HisPatient } from './types.ts';

export type SiuEvent = 'S12' | 'S13' | 'S14' | 'S15';

const eventReason: Record<SiuEvent, readonly Component[]> = {
  S12: ['NEW', 'Đặt lịch mới', 'L'],
  S13: ['RESCHED', 'Đổi lịch hẹn', 'L'],
  S14: ['MODIFY', 'Cập nhật thông tin lịch hẹn', 'L'],
  S15: ['CANCEL', 'Hủy lịch hẹn', 'L'],
};
/** RGS-2 / AIx-2 segment action code (table 0206) */
const action: Record<SiuEvent, string> = { S12: 'A', S13: 'U', S14: 'U', S15: 'D' };
const minutes: readonly Component[] = ['MIN', 'phút', 'ANS+'];

/**
 * SIU^S12/S13/S14/S15 (structure SIU_S12) from the hub as the filler of its own slots (INTEGRATION.md §1.6):
 * SCH (ids, reason, timing, doctor, entered-by, status), TQ1, NTE (the patient's words), PID, PV1 (location, doctor,
 * department, contract code PV1-24), RGS, AIS (service package), AIL (branch/department), AIP (doctor).
 */
export function buildSiu(
  event: SiuEvent,
  appt: HisAppointment,
  patient: HisPatient,
  i: HisInterface,
  opts: { at?: Date; controlId?: string; cancelledByPatient?: boolean } = {},
): BuiltMessage {
  const ts = (d: Date) => hl7Timestamp(d, i.timeZone);
  const controlId = opts.controlId ?? newControlId();
  const start = ts(appt.startsAt);
  const end = ts(appt.endsAt);
  const duration = String(Math.round((appt.endsAt.getTime() - appt.startsAt.getTime()) / 60_000));
  const status = event === 'S15' ? 'Cancelled' : 'Booked';
  const doctor = appt.doctor ? doctorXcn(appt.doctor) : undefined;
  const location: readonly Component[] = [appt.department?.code ?? '', '', '', appt.branch.code];
  const reason =
    event === 'S15' && opts.cancelledByPatient
      ? (['PATCANCEL', 'Bệnh nhân hủy lịch', 'L'] as const)
      : eventReason[event];
  const service = appt.service ?? appt.department;

  const b = new Hl7Builder({ ...i, timestamp: ts(opts.at ?? new Date()), type: ['SIU', event, 'SIU_S12'], controlId })
    .segment('SCH', {
      1: [appt.bookingCode, i.sendingApp],
      2: appt.hisAppointmentId ? [appt.hisAppointmentId, i.receivingApp] : undefined,
      6: reason,
      7: ['ROUTINE', 'Khám theo lịch hẹn', 'HL70276'],
      8: ['Normal', 'Normal', 'HL70277'],
      9: duration,
      10: minutes,
      11: ['', '', duration, start, end],
      16: doctor ?? enteredBy(appt.sourceChannel),
      20: enteredBy(appt.sourceChannel),
      21: patient.phone ? phoneXtn(patient.phone) : undefined,
      25: [status, status, 'HL70278'],
    })
    .segment('TQ1', { 1: '1', 7: start, 8: end });
  const note = appt.reason?.replace(/\s*\n\s*/g, ' ').trim();
  if (note) b.segment('NTE', { 1: '1', 2: 'P', 3: note });
  b.segment('PID', pidSegment(patient, i, event === 'S12'))
    .segment('PV1', {
      1: '1',
      2: 'O',
      3: location,
      7: doctor,
      10: appt.department?.code,
      24: appt.contractRef ?? undefined,
    })
    .segment('RGS', { 1: '1', 2: action[event] });
  if (service) {
    b.segment('AIS', {
      1: '1',
      2: action[event],
      3: [service.code, service.name, 'L'],
      4: start,
      7: duration,
      8: minutes,
      10: status,
    });
  }
  b.segment('AIL', {
    1: '1',
    2: action[event],
    3: location,
    4: ['CLINIC', appt.branch.name, 'L'],
    6: start,
    9: duration,
    10: minutes,
    12: status,
  });
  if (doctor) {
    b.segment('AIP', {
      1: '1',
      2: action[event],
      3: doctor,
      4: ['ATND', 'Bác sĩ khám', 'L'],
      6: start,
      9: duration,
      10: minutes,
      12: status,
    });
  }
  return { type: `SIU^${event}`, controlId, text: b.toString() };
}
