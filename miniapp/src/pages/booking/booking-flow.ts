/**
 * The booking flow as data: branch → specialty or package → doctor → date → slot → profile → confirm. Each choice
 * clears the ones after it, so going back and changing the branch never leaves a slot of the old branch selected.
 */

export const bookingSteps = ['branch', 'service', 'doctor', 'date', 'slot', 'profile', 'confirm'] as const;
export type BookingStep = (typeof bookingSteps)[number];

export interface BookingChoice {
  branchId?: string;
  /** the specialty asked for, or the package's specialty */
  departmentId?: string;
  packageId?: string;
  /** undefined: not chosen yet; null: any doctor of the specialty */
  doctorId?: string | null;
  /** yyyy-MM-dd, clinic calendar */
  date?: string;
  slotId?: string;
  profileId?: string;
}

export interface BookingState {
  step: BookingStep;
  choice: BookingChoice;
}

export type BookingAction =
  | { type: 'branch'; branchId: string }
  | { type: 'specialty'; departmentId: string }
  | { type: 'package'; packageId: string; departmentId: string }
  | { type: 'doctor'; doctorId: string | null }
  | { type: 'date'; date: string }
  | { type: 'slot'; slotId: string }
  | { type: 'profile'; profileId: string }
  | { type: 'back' }
  | { type: 'restart-from'; step: BookingStep };

export const initialBooking: BookingState = { step: 'branch', choice: {} };

/** What each step sets; stepping back to a step forgets what it and the later steps chose. */
const setBy: Record<BookingStep, (keyof BookingChoice)[]> = {
  branch: ['branchId'],
  service: ['departmentId', 'packageId'],
  doctor: ['doctorId'],
  date: ['date'],
  slot: ['slotId'],
  profile: ['profileId'],
  confirm: [],
};

function keepBefore(choice: BookingChoice, step: BookingStep): BookingChoice {
  const from = bookingSteps.indexOf(step);
  const next = { ...choice };
  for (const s of bookingSteps.slice(from)) for (const k of setBy[s]) delete next[k];
  return next;
}

const after = (step: BookingStep): BookingStep => bookingSteps[bookingSteps.indexOf(step) + 1] ?? 'confirm';

export function bookingReducer(state: BookingState, action: BookingAction): BookingState {
  switch (action.type) {
    case 'branch':
      return { step: after('branch'), choice: { ...keepBefore(state.choice, 'branch'), branchId: action.branchId } };
    case 'specialty':
      return {
        step: after('service'),
        choice: { ...keepBefore(state.choice, 'service'), departmentId: action.departmentId },
      };
    case 'package':
      return {
        step: after('service'),
        choice: {
          ...keepBefore(state.choice, 'service'),
          packageId: action.packageId,
          departmentId: action.departmentId,
        },
      };
    case 'doctor':
      return { step: after('doctor'), choice: { ...keepBefore(state.choice, 'doctor'), doctorId: action.doctorId } };
    case 'date':
      return { step: after('date'), choice: { ...keepBefore(state.choice, 'date'), date: action.date } };
    case 'slot':
      return { step: after('slot'), choice: { ...keepBefore(state.choice, 'slot'), slotId: action.slotId } };
    case 'profile':
      return {
        step: after('profile'),
        choice: { ...keepBefore(state.choice, 'profile'), profileId: action.profileId },
      };
    case 'back': {
      const i = bookingSteps.indexOf(state.step);
      return i === 0 ? state : { ...state, step: bookingSteps[i - 1]! };
    }
    case 'restart-from':
      return { step: action.step, choice: keepBefore(state.choice, action.step) };
  }
}

export const stepTitles: Record<BookingStep, string> = {
  branch: 'Chọn cơ sở khám',
  service: 'Chọn chuyên khoa hoặc gói khám',
  doctor: 'Chọn bác sĩ hoặc nơi thực hiện',
  date: 'Chọn ngày khám',
  slot: 'Chọn giờ khám',
  profile: 'Khám cho ai?',
  confirm: 'Xác nhận đặt lịch',
};
