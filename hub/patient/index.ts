// What other hub features may use of the patient side (family profiles).
export { addProfile } from './manage-profiles.ts';
