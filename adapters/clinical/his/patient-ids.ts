import { type HL7Segment, reps, val } from '../hl7/index.ts';

export interface PatientIds {
  /** the HIS MRN (type MR) */
  mrn?: string;
  /** the hub's own id (type PI, assigned by `hubApp`) */
  hubId?: string;
  /** CCCD (type NI) */
  nationalId?: string;
}

/** Reads PID-3's repetitions by identifier type code (CX.5). A bare id without a type is taken as the MRN. */
export function readPatientIds(pid: HL7Segment | undefined, hubApp: string): PatientIds {
  const out: PatientIds = {};
  for (let r = 0; r < reps(pid, 3); r++) {
    const id = val(pid, 3, 1, 1, r);
    const authority = val(pid, 3, 4, 1, r);
    const type = val(pid, 3, 5, 1, r).toUpperCase();
    if (!id) continue;
    if (type === 'PI' && authority === hubApp) out.hubId ??= id;
    else if (type === 'NI') out.nationalId ??= id;
    else if (type === 'MR' || (!type && !out.mrn)) out.mrn ??= id;
  }
  return out;
}
