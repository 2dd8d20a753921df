// Messages the hub exchanges with the HIS: patients (ADT) and appointments (SIU) as the filler of its own slots.
export { buildAdt } from './adt.ts';
export { type PatientIds, readPatientIds } from './patient-ids.ts';
export { splitName } from './segments.ts';
export { buildSiu, type SiuEvent } from './siu.ts';
export type { BuiltMessage, CodedItem, HisAppointment, HisDoctor, HisInterface, HisPatient, HisSex } from './types.ts';
