import type {
  Channel,
  ConsentPurpose,
  ConsentSource,
  ConsentStatus,
  PatientRelationship,
  Sex,
  StaffRole,
} from '../schema/index.ts';

/** Every demo login uses this password; it is printed in the README, so demo data must never reach production. */
export const DEMO_PASSWORD = 'MediCRM@2026';

export const CALL_CENTER_TEAM = 'Tổng đài CSKH';
export const MARKETING_TEAM = 'Marketing';

export const teamSeeds: { name: string; description: string }[] = [
  { name: CALL_CENTER_TEAM, description: 'Tổng đài chăm sóc khách hàng: tư vấn, đặt lịch, nhắc lịch, gọi lại.' },
  { name: MARKETING_TEAM, description: 'Chiến dịch tái khám, tầm soát và chăm sóc sau khám.' },
];

export const staffSeeds: { email: string; fullName: string; role: StaffRole; team?: string }[] = [
  { email: 'admin@demo.medicrm.vn', fullName: 'Quản trị hệ thống', role: 'admin' },
  { email: 'supervisor@demo.medicrm.vn', fullName: 'Trần Thị Giám Sát', role: 'supervisor', team: CALL_CENTER_TEAM },
  { email: 'agent1@demo.medicrm.vn', fullName: 'Nguyễn Văn An', role: 'agent', team: CALL_CENTER_TEAM },
  { email: 'agent2@demo.medicrm.vn', fullName: 'Lê Thị Bình', role: 'agent', team: CALL_CENTER_TEAM },
  { email: 'marketer@demo.medicrm.vn', fullName: 'Phạm Minh Châu', role: 'marketer', team: MARKETING_TEAM },
  { email: 'clinician@demo.medicrm.vn', fullName: 'BS. Hoàng Đức Dũng', role: 'clinician' },
];

export interface ContactSeed {
  key: string;
  fullName: string;
  /** 84xxxxxxxxx */
  phone: string;
  email?: string;
  tags: string[];
  firstChannel: Channel;
  ownerEmail?: string;
  notes?: string;
  zaloOaUserId?: string;
  messengerPsid?: string;
}

const A1 = 'agent1@demo.medicrm.vn';
const A2 = 'agent2@demo.medicrm.vn';

export const contactSeeds: ContactSeed[] = [
  {
    key: 'huong',
    fullName: 'Nguyễn Thị Thu Hương',
    phone: '84912345678',
    email: 'thuhuong.nguyen@gmail.com',
    tags: ['gia đình', 'khám định kỳ'],
    firstChannel: 'miniapp',
    ownerEmail: A1,
    notes: 'Đặt lịch cho cả gia đình (con trai và mẹ); ưu tiên sáng thứ Bảy.',
    zaloOaUserId: '4356127890123456789',
  },
  {
    key: 'nam',
    fullName: 'Trần Văn Nam',
    phone: '84983456712',
    tags: ['tầm soát tim mạch'],
    firstChannel: 'hotline',
    ownerEmail: A1,
    notes: 'Tăng huyết áp, đang dùng thuốc; muốn làm gói tầm soát tim mạch.',
  },
  {
    key: 'ngocanh',
    fullName: 'Lê Thị Ngọc Anh',
    phone: '84978123456',
    email: 'ngocanh.le@yahoo.com',
    tags: ['mẹ bầu'],
    firstChannel: 'messenger',
    ownerEmail: A2,
    messengerPsid: '7012345678901234',
  },
  {
    key: 'bao',
    fullName: 'Phạm Quốc Bảo',
    phone: '84963112233',
    tags: ['lead landing page'],
    firstChannel: 'web_form',
  },
  {
    key: 'minhthu',
    fullName: 'Hoàng Thị Minh Thư',
    phone: '84935667788',
    email: 'minhthu.hoang@outlook.com',
    tags: ['VIP', 'da liễu'],
    firstChannel: 'zalo_oa',
    ownerEmail: A2,
    zaloOaUserId: '4356127890123456790',
  },
  { key: 'thang', fullName: 'Vũ Đức Thắng', phone: '84946223344', tags: ['doanh nghiệp'], firstChannel: 'email' },
  {
    key: 'oanh',
    fullName: 'Đặng Thị Kim Oanh',
    phone: '84888776655',
    tags: ['khám định kỳ'],
    firstChannel: 'miniapp',
    zaloOaUserId: '4356127890123456791',
  },
  { key: 'long', fullName: 'Bùi Văn Long', phone: '84326554433', tags: [], firstChannel: 'hotline', ownerEmail: A1 },
  {
    key: 'nhung',
    fullName: 'Đỗ Thị Hồng Nhung',
    phone: '84394112200',
    email: 'hongnhung.do@gmail.com',
    tags: ['tai mũi họng'],
    firstChannel: 'zalo_oa',
    zaloOaUserId: '4356127890123456792',
  },
  {
    key: 'son',
    fullName: 'Ngô Thanh Sơn',
    phone: '84705667890',
    tags: ['lead landing page'],
    firstChannel: 'messenger',
    messengerPsid: '7012345678901235',
  },
  { key: 'thao', fullName: 'Dương Thị Thảo', phone: '84768990011', tags: ['mẹ bầu'], firstChannel: 'web_form' },
  {
    key: 'tuan',
    fullName: 'Lý Minh Tuấn',
    phone: '84779123123',
    email: 'tuan.lyminh@gmail.com',
    tags: ['doanh nghiệp', 'tầm soát tim mạch'],
    firstChannel: 'email',
    ownerEmail: A2,
    notes: 'Đầu mối khám sức khỏe định kỳ cho 40 nhân viên công ty.',
  },
  { key: 'bichngoc', fullName: 'Trương Thị Bích Ngọc', phone: '84788456456', tags: [], firstChannel: 'zalo_oa' },
  { key: 'hau', fullName: 'Phan Văn Hậu', phone: '84799321321', tags: ['tái khám'], firstChannel: 'hotline' },
  {
    key: 'quynh',
    fullName: 'Mai Thị Quỳnh',
    phone: '84813579135',
    email: 'quynh.mai@icloud.com',
    tags: ['nhi'],
    firstChannel: 'miniapp',
  },
  { key: 'khai', fullName: 'Đinh Công Khải', phone: '84823456789', tags: [], firstChannel: 'web_form' },
  { key: 'yen', fullName: 'Tạ Thị Yến', phone: '84834567890', tags: ['khám định kỳ'], firstChannel: 'hotline' },
  {
    key: 'huy',
    fullName: 'Lâm Gia Huy',
    phone: '84845678901',
    tags: ['da liễu'],
    firstChannel: 'messenger',
    messengerPsid: '7012345678901236',
  },
  {
    key: 'tram',
    fullName: 'Châu Ngọc Trâm',
    phone: '84856789012',
    email: 'ngoctram.chau@gmail.com',
    tags: ['VIP'],
    firstChannel: 'zalo_oa',
    ownerEmail: A2,
  },
  { key: 'phuc', fullName: 'Hồ Văn Phúc', phone: '84896543210', tags: ['tái khám'], firstChannel: 'hotline' },
];

export interface PatientSeed {
  contact: string;
  relationship: PatientRelationship;
  fullName: string;
  birthDate: string;
  sex: Sex;
  phone?: string;
  /** CCCD: province (3) + sex/century digit + birth year (2) + 6 digits. Children get theirs at birth registration. */
  nationalId: string;
  /** BHYT: object code (2 letters) + benefit level + province (2) + 10 digits. */
  insuranceNumber?: string;
  address: string;
}

export const patientSeeds: PatientSeed[] = [
  {
    contact: 'huong',
    relationship: 'self',
    fullName: 'Nguyễn Thị Thu Hương',
    birthDate: '1988-03-14',
    sex: 'female',
    phone: '84912345678',
    nationalId: '001188012345',
    insuranceNumber: 'DN4010123456789',
    address: '18 Nguyễn Chí Thanh, Láng Thượng, Đống Đa, Hà Nội',
  },
  {
    contact: 'huong',
    relationship: 'child',
    fullName: 'Trần Minh Khang',
    birthDate: '2017-05-12',
    sex: 'male',
    nationalId: '001217034567',
    insuranceNumber: 'TE1010234567891',
    address: '18 Nguyễn Chí Thanh, Láng Thượng, Đống Đa, Hà Nội',
  },
  {
    contact: 'huong',
    relationship: 'parent',
    fullName: 'Phạm Thị Hoa',
    birthDate: '1958-11-02',
    sex: 'female',
    nationalId: '001158004321',
    insuranceNumber: 'HT3010345678912',
    address: '18 Nguyễn Chí Thanh, Láng Thượng, Đống Đa, Hà Nội',
  },
  {
    contact: 'nam',
    relationship: 'self',
    fullName: 'Trần Văn Nam',
    birthDate: '1971-08-20',
    sex: 'male',
    phone: '84983456712',
    nationalId: '001071056789',
    insuranceNumber: 'GD4010456789123',
    address: '42 Hoàng Quốc Việt, Nghĩa Đô, Cầu Giấy, Hà Nội',
  },
  {
    contact: 'minhthu',
    relationship: 'self',
    fullName: 'Hoàng Thị Minh Thư',
    birthDate: '1995-01-27',
    sex: 'female',
    phone: '84935667788',
    nationalId: '079195067890',
    address: '56 Lê Văn Sỹ, phường 11, quận Phú Nhuận, TP. Hồ Chí Minh',
  },
  {
    contact: 'ngocanh',
    relationship: 'self',
    fullName: 'Lê Thị Ngọc Anh',
    birthDate: '1993-06-09',
    sex: 'female',
    phone: '84978123456',
    nationalId: '001193078901',
    insuranceNumber: 'DN4010567891234',
    address: '9 Kim Mã, Kim Mã, Ba Đình, Hà Nội',
  },
];

export interface ConsentSeed {
  contact: string;
  channel: Channel;
  purpose: ConsentPurpose;
  /** Oldest first; the last entry is the current decision. */
  history: { status: ConsentStatus; source: ConsentSource; daysAgo: number; evidence: Record<string, unknown> }[];
}

const miniappForm = { form: 'miniapp-dang-ky', version: '2025-07' };

export const consentSeeds: ConsentSeed[] = [
  {
    contact: 'huong',
    channel: 'zns',
    purpose: 'transactional',
    history: [{ status: 'granted', source: 'miniapp', daysAgo: 120, evidence: miniappForm }],
  },
  {
    contact: 'huong',
    channel: 'zns',
    purpose: 'care',
    history: [{ status: 'granted', source: 'miniapp', daysAgo: 120, evidence: miniappForm }],
  },
  {
    contact: 'huong',
    channel: 'zns',
    purpose: 'marketing',
    history: [{ status: 'granted', source: 'miniapp', daysAgo: 120, evidence: miniappForm }],
  },
  {
    contact: 'ngocanh',
    channel: 'email',
    purpose: 'marketing',
    history: [
      { status: 'granted', source: 'web_form', daysAgo: 60, evidence: { form: 'landing-kham-thai', version: '3' } },
      { status: 'revoked', source: 'email_link', daysAgo: 5, evidence: { link: 'list-unsubscribe' } },
    ],
  },
  {
    contact: 'nam',
    channel: 'sms',
    purpose: 'care',
    history: [{ status: 'granted', source: 'hotline', daysAgo: 30, evidence: { call: 'ghi âm cuộc gọi tư vấn' } }],
  },
  {
    contact: 'minhthu',
    channel: 'zalo_oa',
    purpose: 'marketing',
    history: [
      { status: 'granted', source: 'zalo_oa', daysAgo: 45, evidence: { action: 'quan tâm OA, chọn nhận ưu đãi' } },
    ],
  },
  {
    contact: 'oanh',
    channel: 'zns',
    purpose: 'transactional',
    history: [{ status: 'granted', source: 'miniapp', daysAgo: 10, evidence: miniappForm }],
  },
  {
    contact: 'son',
    channel: 'messenger',
    purpose: 'care',
    history: [{ status: 'granted', source: 'messenger', daysAgo: 3, evidence: { postback: 'DONG_Y_NHAN_TIN' } }],
  },
];
