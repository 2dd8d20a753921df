import { Hl7Builder, hl7Timestamp, newControlId } from '../hl7/index.ts';
import { in1Segment, pidSegment } from './segments.ts';
import type { BuiltMessage, HisInterface, HisPatient } from './types.ts';

/**
 * ADT^A28 (add person) or ADT^A31 (update person), structure ADT_A05: MSH EVN PID PV1 [IN1]. PV1-2 = N because
 * no visit exists yet (INTEGRATION.md §1.2).
 */
export function buildAdt(
  event: 'A28' | 'A31',
  patient: HisPatient,
  i: HisInterface,
  opts: { sourceChannel?: string; at?: Date; controlId?: string } = {},
): BuiltMessage {
  const ts = hl7Timestamp(opts.at ?? new Date(), i.timeZone);
  const controlId = opts.controlId ?? newControlId();
  const b = new Hl7Builder({ ...i, timestamp: ts, type: ['ADT', event, 'ADT_A05'], controlId })
    .segment('EVN', { 1: event, 2: ts, 5: ['HUB', opts.sourceChannel ?? 'MediCRM'] })
    .segment('PID', pidSegment(patient, i, true))
    .segment('PV1', { 1: '1', 2: 'N' });
  const in1 = in1Segment(patient);
  if (in1) b.segment('IN1', in1);
  return { type: `ADT^${event}`, controlId, text: b.toString() };
}
