import type { ContactDetail } from '../inbox/inbox-types.ts';
import type {
  AppointmentDetail,
  Branch,
  Department,
  Doctor,
  FreeSlot,
  ServicePackage,
  StaffAppointment,
} from './appointment-types.ts';

// Test data shaped by the hub's own response types: a change of the hub's schemas breaks these at compile time.

export const branchHn: Branch = {
  id: '10000000-0000-4000-8000-000000000001',
  code: 'HN',
  name: 'Phòng khám MediCRM Hà Nội',
  address: '12 Trần Hưng Đạo, Hoàn Kiếm, Hà Nội',
  province: 'Hà Nội',
  hotline: '842473001234',
  email: null,
  timeZone: 'Asia/Ho_Chi_Minh',
};

export const internal: Department = {
  id: '20000000-0000-4000-8000-000000000001',
  code: 'NOI',
  name: 'Nội tổng quát',
  description: 'Khám và điều trị các bệnh nội khoa thường gặp ở người lớn.',
};

export const checkupPackage: ServicePackage = {
  id: '30000000-0000-4000-8000-000000000001',
  code: 'TQ-CB',
  name: 'Khám tổng quát cơ bản',
  description: null,
  departmentId: internal.id,
  priceVnd: 450_000,
  bhytCovered: true,
  durationMinutes: 30,
  preparationNotes: 'Nhịn ăn sáng trước khi lấy máu',
  forSex: null,
};

export function doctor(id: string, fullName: string): Doctor {
  return {
    id,
    code: `BS-${id.slice(-2)}`,
    title: 'ThS.BS.',
    fullName,
    sex: 'female',
    bio: null,
    photoUrl: null,
    languages: ['vi', 'en'],
    yearsOfExperience: 12,
    kind: 'doctor',
    practices: [{ branchId: branchHn.id, departmentId: internal.id }],
  };
}

export const drLan = doctor('40000000-0000-4000-8000-000000000001', 'Nguyễn Thị Lan');

export function freeSlot(id: string, date: string, time: string, over: Partial<FreeSlot> = {}): FreeSlot {
  const [h, m] = time.split(':').map(Number) as [number, number];
  const startsAt = new Date(`${date}T${String(h - 7).padStart(2, '0')}:${String(m).padStart(2, '0')}:00Z`);
  return {
    slotId: id,
    doctorId: drLan.id,
    branchId: branchHn.id,
    departmentId: internal.id,
    date,
    time,
    startsAt: startsAt.toISOString(),
    endsAt: new Date(startsAt.getTime() + 15 * 60_000).toISOString(),
    seatsLeft: 1,
    ...over,
  };
}

export function staffAppointment(id: string, over: Partial<StaffAppointment> = {}): StaffAppointment {
  return {
    id,
    bookingCode: 'MC-7K2P9Q',
    qrPayload: 'MC-7K2P9Q',
    status: 'confirmed',
    startsAt: '2026-03-02T01:30:00.000Z',
    endsAt: '2026-03-02T01:45:00.000Z',
    holdExpiresAt: null,
    sourceChannel: 'hotline',
    contractRef: null,
    reason: null,
    priceVnd: 450_000,
    slotId: '50000000-0000-4000-8000-000000000001',
    cancelledReason: null,
    hisSyncState: 'pending',
    createdAt: '2026-03-01T03:00:00.000Z',
    canChange: true,
    changeDeadline: '2026-03-01T21:30:00.000Z',
    patient: {
      id: '60000000-0000-4000-8000-000000000001',
      fullName: 'Lê Thị Ngọc Ánh',
      contactId: '70000000-0000-4000-8000-000000000001',
      phone: '84987654321',
      birthDate: '1988-09-02',
      sex: 'female',
    },
    branch: { id: branchHn.id, name: branchHn.name, address: branchHn.address },
    department: { id: internal.id, name: internal.name },
    doctor: { id: drLan.id, title: drLan.title, fullName: drLan.fullName },
    package: {
      id: checkupPackage.id,
      name: checkupPackage.name,
      durationMinutes: 30,
      preparationNotes: checkupPackage.preparationNotes,
      bhytCovered: true,
    },
    ...over,
  };
}

export function appointmentDetail(id: string, over: Partial<AppointmentDetail> = {}): AppointmentDetail {
  const base = staffAppointment(id);
  return {
    ...base,
    patient: {
      ...base.patient,
      relationship: 'self',
      nationalId: '079188001234',
      insuranceNumber: 'DN4797912345678',
      insuranceValidTo: '2026-12-31',
      hisMrn: null,
    },
    contact: { id: base.patient.contactId, fullName: 'Lê Thị Ngọc Ánh', phone: '84903111222' },
    createdBy: { id: '00000000-0000-4000-8000-000000000002', fullName: 'Trần Thị Mai' },
    timeline: [
      { kind: 'requested', at: '2026-03-01T03:00:00.000Z', actor: 'staff', staffName: 'Trần Thị Mai' },
      { kind: 'confirmed', at: '2026-03-01T03:00:00.000Z', actor: 'staff', staffName: 'Trần Thị Mai' },
    ],
    qrSvg: '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><rect width="10" height="10"/></svg>',
    ...over,
  };
}

export function contactDetail(id: string, over: Partial<ContactDetail> = {}): ContactDetail {
  return {
    id,
    fullName: 'Phạm Văn Bình',
    displayName: null,
    phone: '84912345678',
    email: null,
    tags: [],
    firstChannel: 'hotline',
    ownerStaffId: null,
    lastInteractionAt: null,
    createdAt: '2026-02-01T03:00:00.000Z',
    mergedIntoId: null,
    avatarUrl: null,
    notes: null,
    identities: [],
    patients: [],
    consents: [],
    recentNotes: [],
    conversations: [],
    mergedFrom: [],
    ...over,
  };
}
