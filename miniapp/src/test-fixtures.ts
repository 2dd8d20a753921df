import type {
  Appointment,
  AppointmentDetail,
  AvailableDay,
  Branch,
  Department,
  Doctor,
  FreeSlot,
  Me,
  ServicePackage,
} from './types.ts';

// Hub answers for component tests, typed from the hub's routes: a change of the API breaks these at compile time.

export const branch = {
  id: '6f1c0b3e-1111-4a6e-9d1a-000000000001',
  code: 'HN01',
  name: 'Phòng khám MediCRM Hà Nội',
  address: '125 Trần Duy Hưng, phường Trung Hòa, quận Cầu Giấy, Hà Nội',
  province: 'Hà Nội',
  hotline: '84936115115',
  email: 'hanoi@demo.medicrm.vn',
  timeZone: 'Asia/Ho_Chi_Minh',
} satisfies Branch;

export const internal = {
  id: '6f1c0b3e-2222-4a6e-9d1a-000000000001',
  code: 'NOI',
  name: 'Nội tổng quát',
  description: 'Khám và điều trị các bệnh nội khoa thường gặp ở người lớn.',
} satisfies Department;

export const basicCheckup = {
  id: '6f1c0b3e-3333-4a6e-9d1a-000000000001',
  code: 'KTQ-CB',
  name: 'Khám tổng quát cơ bản',
  description: 'Khám nội tổng quát, đo huyết áp, chỉ số BMI.',
  departmentId: internal.id,
  priceVnd: 450_000,
  bhytCovered: true,
  durationMinutes: 30,
  preparationNotes: 'Mang theo CCCD và thẻ BHYT (nếu có).',
  forSex: null,
} satisfies ServicePackage;

export const doctorDung = {
  id: '6f1c0b3e-4444-4a6e-9d1a-000000000001',
  code: 'BS0106',
  title: 'BS.CKI',
  fullName: 'Hoàng Đức Dũng',
  sex: 'male',
  bio: 'Khám nội tổng quát.',
  photoUrl: null,
  languages: ['vi', 'en'],
  yearsOfExperience: 10,
  kind: 'doctor',
  practices: [{ branchId: branch.id, departmentId: internal.id }],
} satisfies Doctor;

export const doctorMai = {
  ...doctorDung,
  id: '6f1c0b3e-4444-4a6e-9d1a-000000000002',
  code: 'BS0102',
  title: 'ThS.BS.',
  fullName: 'Trần Thị Mai',
  sex: 'female',
  languages: ['vi'],
} satisfies Doctor;

export const days = [
  { date: '2026-12-01', freeSlots: 2 },
  { date: '2026-12-03', freeSlots: 1 },
] satisfies AvailableDay[];

export const slotDung = {
  slotId: '6f1c0b3e-5555-4a6e-9d1a-000000000001',
  doctorId: doctorDung.id,
  branchId: branch.id,
  departmentId: internal.id,
  date: '2026-12-01',
  time: '08:30',
  startsAt: '2026-12-01T01:30:00Z',
  endsAt: '2026-12-01T01:45:00Z',
  seatsLeft: 1,
} satisfies FreeSlot;

export const slotMai = {
  slotId: '6f1c0b3e-5555-4a6e-9d1a-000000000002',
  doctorId: doctorMai.id,
  branchId: branch.id,
  departmentId: internal.id,
  date: '2026-12-01',
  time: '09:00',
  startsAt: '2026-12-01T02:00:00Z',
  endsAt: '2026-12-01T02:15:00Z',
  seatsLeft: 2,
} satisfies FreeSlot;

export const slots: FreeSlot[] = [slotDung, slotMai];

export const selfProfile = {
  id: '6f1c0b3e-7777-4a6e-9d1a-000000000001',
  relationship: 'self',
  fullName: 'Trần Thị Thu',
  birthDate: '1988-03-14',
  sex: 'female',
  phone: '84912345678',
  nationalId: null,
  insuranceNumber: null,
  insuranceValidTo: null,
  address: null,
} satisfies Me['profiles'][number];

export const me = {
  contact: {
    id: '6f1c0b3e-6666-4a6e-9d1a-000000000001',
    fullName: 'Trần Thị Thu',
    displayName: 'Trần Thị Thu',
    avatarUrl: null,
    phone: '84912345678',
    phoneVerified: true,
  },
  profiles: [selfProfile],
  permissions: [],
} satisfies Me;

export function heldAppointment(holdExpiresAt: string): Appointment {
  return {
    id: '6f1c0b3e-8888-4a6e-9d1a-000000000001',
    bookingCode: 'MC-7K2P9Q',
    qrPayload: 'MC-7K2P9Q',
    status: 'requested',
    startsAt: slotDung.startsAt,
    endsAt: slotDung.endsAt,
    holdExpiresAt,
    sourceChannel: 'miniapp',
    contractRef: null,
    reason: null,
    priceVnd: 450_000,
    slotId: slotDung.slotId,
    cancelledReason: null,
    hisSyncState: 'pending',
    createdAt: '2026-11-26T13:00:00Z',
    canChange: false,
    changeDeadline: '2026-11-30T21:30:00Z',
    patient: { id: selfProfile.id, fullName: selfProfile.fullName, contactId: me.contact.id },
    branch: { id: branch.id, name: branch.name, address: branch.address },
    department: { id: internal.id, name: internal.name },
    doctor: { id: doctorDung.id, title: doctorDung.title, fullName: doctorDung.fullName },
    package: {
      id: basicCheckup.id,
      name: basicCheckup.name,
      durationMinutes: basicCheckup.durationMinutes,
      preparationNotes: basicCheckup.preparationNotes,
      bhytCovered: true,
    },
  };
}

export function confirmedDetail(holdExpiresAt: string): AppointmentDetail {
  return {
    ...heldAppointment(holdExpiresAt),
    status: 'confirmed',
    holdExpiresAt: null,
    canChange: true,
    timeline: [
      { kind: 'requested', at: '2026-11-26T13:00:00Z', actor: 'patient' },
      { kind: 'confirmed', at: '2026-11-26T13:01:00Z', actor: 'patient' },
    ],
    qrSvg: '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1"><rect width="1" height="1"/></svg>',
  };
}
