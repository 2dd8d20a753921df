/** The two ends of the HIS interface as written in MSH-3…6 (agreed with the HIS vendor). */
export interface HisInterface {
  sendingApp: string;
  sendingFacility: string;
  receivingApp: string;
  receivingFacility: string;
  /** the HIS's assigning authority for its MRNs (PID-3.4 of an MR identifier), usually its facility code */
  mrnAuthority: string;
  timeZone: string;
}

export type HisSex = 'male' | 'female' | 'other' | 'unknown';

/** A hub patient profile as the HIS needs it. */
export interface HisPatient {
  /** hub patient id, sent as PID-3 with type PI and authority = our sending app */
  id: string;
  /** the HIS medical record number, once known */
  mrn: string | null;
  fullName: string;
  /** ISO date; a year alone (1980) is allowed */
  birthDate: string | null;
  sex: HisSex;
  /** 84xxxxxxxxx */
  phone: string | null;
  email?: string | null;
  /** CCCD, 12 digits */
  nationalId: string | null;
  /** BHYT card, 15 characters */
  insuranceNumber: string | null;
  insuranceValidTo: string | null;
  address: string | null;
}

export interface HisDoctor {
  /** HIS personnel id, e.g. BS0456 */
  code: string;
  title: string;
  fullName: string;
}

export interface CodedItem {
  code: string;
  name: string;
}

export interface HisAppointment {
  /** SCH-1 placer appointment id */
  bookingCode: string;
  /** SCH-2 once the HIS told us */
  hisAppointmentId: string | null;
  startsAt: Date;
  endsAt: Date;
  /** the patient's own words (NTE) */
  reason: string | null;
  /** corporate health-check contract (PV1-24 contract code) */
  contractRef: string | null;
  /** the channel it was booked through, for SCH-20 / EVN-5 */
  sourceChannel: string;
  doctor: HisDoctor | null;
  /** branch: code is the HIS facility / location code */
  branch: CodedItem;
  department: CodedItem | null;
  /** the service package, with its HIS service code (AIS-3) */
  service: CodedItem | null;
}

/** One outbound message, ready to store and send. */
export interface BuiltMessage {
  /** e.g. SIU^S12 */
  type: string;
  controlId: string;
  text: string;
}
