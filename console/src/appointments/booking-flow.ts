import type { FreeSlot, NewProfileBody, StaffBookBody } from './appointment-types.ts';

/**
 * The agent's booking flow as data: branch → specialty or package → doctor → date → slot → patient → confirm. A
 * choice forgets the choices after it, so changing the branch never leaves a slot of the old branch selected.
 */
export const steps = ['branch', 'service', 'doctor', 'date', 'slot', 'patient', 'confirm'] as const;
export type Step = (typeof steps)[number];

export const stepLabels: Record<Step, string> = {
  branch: 'Cơ sở',
  service: 'Dịch vụ',
  doctor: 'Bác sĩ',
  date: 'Ngày',
  slot: 'Giờ',
  patient: 'Người bệnh',
  confirm: 'Xác nhận',
};

export interface Choice {
  branchId?: string;
  /** the specialty asked for, or the package's */
  departmentId?: string;
  packageId?: string;
  /** undefined: not chosen yet; null: any doctor */
  doctorId?: string | null;
  date?: string;
  slot?: FreeSlot;
}

/** The person the booking is for, as the patient step settles it. */
export type Patient =
  | { kind: 'existing'; contactId: string; patientId: string; fullName: string }
  | {
      kind: 'new';
      contactId: string | null;
      callerPhone: string | null;
      callerName: string | null;
      profile: ProfileDraft;
    };

export interface ProfileDraft {
  relationship: NonNullable<NewProfileBody['relationship']>;
  fullName: string;
  birthDate: string;
  sex: NewProfileBody['sex'] | '';
  phone: string;
  nationalId: string;
  insuranceNumber: string;
}

export const emptyDraft = (relationship: ProfileDraft['relationship'] = 'self'): ProfileDraft => ({
  relationship,
  fullName: '',
  birthDate: '',
  sex: '',
  phone: '',
  nationalId: '',
  insuranceNumber: '',
});

export interface FlowState {
  step: Step;
  choice: Choice;
}

export type FlowAction =
  | { type: 'branch'; branchId: string }
  | { type: 'specialty'; departmentId: string }
  | { type: 'package'; packageId: string; departmentId: string | null }
  | { type: 'doctor'; doctorId: string | null }
  | { type: 'date'; date: string }
  | { type: 'slot'; slot: FreeSlot }
  | { type: 'patient-done' }
  /** back to an earlier step, keeping what was chosen up to it (a taken slot sends the agent back to the times) */
  | { type: 'go'; step: Step };

const setBy: Record<Step, (keyof Choice)[]> = {
  branch: ['branchId'],
  service: ['departmentId', 'packageId'],
  doctor: ['doctorId'],
  date: ['date'],
  slot: ['slot'],
  patient: [],
  confirm: [],
};

function from(choice: Choice, step: Step, set: Partial<Choice>): Choice {
  const next = { ...choice };
  for (const s of steps.slice(steps.indexOf(step))) for (const k of setBy[s]) delete next[k];
  return { ...next, ...set };
}

const after = (step: Step): Step => steps[steps.indexOf(step) + 1] ?? 'confirm';

export function flowReducer(state: FlowState, action: FlowAction): FlowState {
  switch (action.type) {
    case 'branch':
      return { step: after('branch'), choice: from(state.choice, 'branch', { branchId: action.branchId }) };
    case 'specialty':
      return { step: after('service'), choice: from(state.choice, 'service', { departmentId: action.departmentId }) };
    case 'package':
      return {
        step: after('service'),
        choice: from(state.choice, 'service', {
          packageId: action.packageId,
          ...(action.departmentId ? { departmentId: action.departmentId } : {}),
        }),
      };
    case 'doctor':
      return { step: after('doctor'), choice: from(state.choice, 'doctor', { doctorId: action.doctorId }) };
    case 'date':
      return { step: after('date'), choice: from(state.choice, 'date', { date: action.date }) };
    case 'slot':
      return { step: after('slot'), choice: from(state.choice, 'slot', { slot: action.slot }) };
    case 'patient-done':
      return { ...state, step: 'confirm' };
    case 'go':
      return steps.indexOf(action.step) < steps.indexOf(state.step) ? { ...state, step: action.step } : state;
  }
}

export const initialFlow: FlowState = { step: 'branch', choice: {} };

const orNull = (s: string) => (s.trim() ? s.trim() : null);

/** The hub's request for a settled flow; the hub checks every field again. */
export function bookingBody(
  choice: Choice,
  patient: Patient,
  extra: { reason: string; contractRef: string; sourceChannel: NonNullable<StaffBookBody['sourceChannel']> },
): StaffBookBody {
  const common = {
    slotId: choice.slot!.slotId,
    ...(choice.packageId ? { packageId: choice.packageId } : {}),
    ...(extra.reason.trim() ? { reason: extra.reason.trim().normalize('NFC') } : {}),
    ...(extra.contractRef.trim() ? { contractRef: extra.contractRef.trim() } : {}),
    sourceChannel: extra.sourceChannel,
  };
  if (patient.kind === 'existing') return { ...common, patientId: patient.patientId, contactId: patient.contactId };
  const p = patient.profile;
  const newProfile: NewProfileBody = {
    relationship: p.relationship,
    fullName: p.fullName.trim().normalize('NFC'),
    sex: p.sex || 'unknown',
    birthDate: orNull(p.birthDate),
    phone: orNull(p.phone),
    nationalId: orNull(p.nationalId),
    insuranceNumber: orNull(p.insuranceNumber),
  };
  return patient.contactId
    ? { ...common, newProfile, contactId: patient.contactId }
    : {
        ...common,
        newProfile,
        callerPhone: patient.callerPhone ?? '',
        ...(patient.callerName?.trim() ? { callerName: patient.callerName.trim().normalize('NFC') } : {}),
      };
}
