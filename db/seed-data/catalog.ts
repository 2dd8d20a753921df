import type { Sex } from '../schema/index.ts';

export type BranchCode = 'HN01' | 'HCM01';
export type DepartmentCode = 'NOI' | 'NHI' | 'SAN' | 'TMH' | 'DALIEU' | 'TIMMACH' | 'CDHA' | 'XN';
/** ISO weekday; 7 (Sunday) is deliberately absent: the clinic does not work on Sundays. */
export type WorkDay = 1 | 2 | 3 | 4 | 5 | 6;

export const branchSeeds: {
  code: BranchCode;
  name: string;
  address: string;
  province: string;
  hotline: string;
  email: string;
  hisCode: string;
}[] = [
  {
    code: 'HN01',
    name: 'Phòng khám MediCRM Hà Nội',
    address: '125 Trần Duy Hưng, phường Trung Hòa, quận Cầu Giấy, Hà Nội',
    province: 'Hà Nội',
    hotline: '84936115115',
    email: 'hanoi@demo.medicrm.vn',
    hisCode: 'CS01',
  },
  {
    code: 'HCM01',
    name: 'Phòng khám MediCRM TP.HCM',
    address: '268 Nguyễn Thị Minh Khai, phường Võ Thị Sáu, Quận 3, TP. Hồ Chí Minh',
    province: 'TP. Hồ Chí Minh',
    hotline: '84908115115',
    email: 'hcm@demo.medicrm.vn',
    hisCode: 'CS02',
  },
];

export const departmentSeeds: { code: DepartmentCode; name: string; description: string }[] = [
  { code: 'NOI', name: 'Nội tổng quát', description: 'Khám và điều trị các bệnh nội khoa thường gặp ở người lớn.' },
  { code: 'NHI', name: 'Nhi', description: 'Khám sức khỏe, tư vấn tiêm chủng và điều trị bệnh cho trẻ em.' },
  { code: 'SAN', name: 'Sản phụ khoa', description: 'Khám thai định kỳ, phụ khoa và tư vấn tiền hôn nhân.' },
  { code: 'TMH', name: 'Tai Mũi Họng', description: 'Khám, nội soi và điều trị bệnh lý tai, mũi, họng.' },
  { code: 'DALIEU', name: 'Da liễu', description: 'Điều trị mụn, viêm da, dị ứng và các bệnh da thường gặp.' },
  { code: 'TIMMACH', name: 'Tim mạch', description: 'Tầm soát và điều trị tăng huyết áp, bệnh mạch vành, suy tim.' },
  { code: 'CDHA', name: 'Chẩn đoán hình ảnh', description: 'Siêu âm, X-quang kỹ thuật số và đọc kết quả hình ảnh.' },
  { code: 'XN', name: 'Xét nghiệm', description: 'Xét nghiệm huyết học, sinh hóa, miễn dịch; trả kết quả trực tuyến.' },
];

export interface DoctorSeed {
  code: string;
  title: string;
  fullName: string;
  sex: Sex;
  yearsOfExperience: number;
  bio: string;
  /** ISO 639-1; Vietnamese only when absent */
  languages?: string[];
  slotMinutes: 15 | 20;
  capacityPerSlot: number;
  /** Morning sessions run 07:30–11:30, afternoon sessions 13:30–16:30. */
  practice: { branch: BranchCode; department: DepartmentCode; mornings: WorkDay[]; afternoons: WorkDay[] }[];
  /** Links the doctor to the console login of that email. */
  staffEmail?: string;
  /** A service point (lab sampling room) rather than a doctor: booked by package, never picked by name. */
  kind?: 'service_point';
}

const MON_SAT: WorkDay[] = [1, 2, 3, 4, 5, 6];
const MON_FRI: WorkDay[] = [1, 2, 3, 4, 5];

export const doctorSeeds: DoctorSeed[] = [
  {
    code: 'BS0101',
    title: 'PGS.TS.BS.',
    fullName: 'Nguyễn Văn Hùng',
    sex: 'male',
    yearsOfExperience: 28,
    bio: 'Chuyên gia tim mạch can thiệp, nhiều năm điều trị tăng huyết áp, bệnh mạch vành và suy tim.',
    languages: ['vi', 'en'],
    slotMinutes: 20,
    capacityPerSlot: 1,
    practice: [
      { branch: 'HN01', department: 'TIMMACH', mornings: MON_FRI, afternoons: [2, 4] },
      { branch: 'HCM01', department: 'TIMMACH', mornings: [6], afternoons: [] },
    ],
  },
  {
    code: 'BS0102',
    title: 'ThS.BS.',
    fullName: 'Trần Thị Mai',
    sex: 'female',
    yearsOfExperience: 15,
    bio: 'Khám và quản lý bệnh mạn tính: đái tháo đường, rối loạn mỡ máu, bệnh dạ dày.',
    slotMinutes: 15,
    capacityPerSlot: 2,
    practice: [{ branch: 'HN01', department: 'NOI', mornings: MON_SAT, afternoons: [1, 3, 5] }],
  },
  {
    code: 'BS0103',
    title: 'BS.CKII',
    fullName: 'Lê Quang Minh',
    sex: 'male',
    yearsOfExperience: 22,
    bio: 'Nội soi tai mũi họng, điều trị viêm xoang mạn tính và viêm tai giữa.',
    slotMinutes: 15,
    capacityPerSlot: 1,
    practice: [{ branch: 'HN01', department: 'TMH', mornings: MON_SAT, afternoons: [2, 4] }],
  },
  {
    code: 'BS0104',
    title: 'BS.CKI',
    fullName: 'Phạm Thu Hà',
    sex: 'female',
    yearsOfExperience: 12,
    bio: 'Khám sức khỏe trẻ em, tư vấn dinh dưỡng và điều trị bệnh hô hấp ở trẻ.',
    languages: ['vi', 'en'],
    slotMinutes: 15,
    capacityPerSlot: 2,
    practice: [{ branch: 'HN01', department: 'NHI', mornings: MON_SAT, afternoons: MON_FRI }],
  },
  {
    code: 'BS0105',
    title: 'ThS.BS.',
    fullName: 'Đỗ Thị Lan',
    sex: 'female',
    yearsOfExperience: 14,
    bio: 'Quản lý thai kỳ, siêu âm thai và tư vấn sức khỏe sinh sản.',
    slotMinutes: 20,
    capacityPerSlot: 1,
    practice: [{ branch: 'HN01', department: 'SAN', mornings: MON_SAT, afternoons: [3, 5] }],
  },
  {
    code: 'BS0106',
    title: 'BS.CKI',
    fullName: 'Hoàng Đức Dũng',
    sex: 'male',
    yearsOfExperience: 10,
    bio: 'Khám nội tổng quát, đọc và tư vấn kết quả xét nghiệm cho người bệnh.',
    slotMinutes: 15,
    capacityPerSlot: 1,
    practice: [{ branch: 'HN01', department: 'NOI', mornings: MON_FRI, afternoons: [1, 2, 3, 4] }],
    staffEmail: 'clinician@demo.medicrm.vn',
  },
  {
    code: 'BS0201',
    title: 'TS.BS.',
    fullName: 'Võ Thanh Tùng',
    sex: 'male',
    yearsOfExperience: 20,
    bio: 'Siêu âm tim, Holter điện tim và điều trị rối loạn nhịp tim.',
    languages: ['vi', 'en', 'fr'],
    slotMinutes: 20,
    capacityPerSlot: 1,
    practice: [{ branch: 'HCM01', department: 'TIMMACH', mornings: [1, 2, 3, 4, 5], afternoons: [1, 3] }],
  },
  {
    code: 'BS0202',
    title: 'BS.CKII',
    fullName: 'Huỳnh Thị Ngọc Ánh',
    sex: 'female',
    yearsOfExperience: 24,
    bio: 'Khám thai, sàng lọc trước sinh và điều trị các bệnh phụ khoa.',
    slotMinutes: 20,
    capacityPerSlot: 1,
    practice: [{ branch: 'HCM01', department: 'SAN', mornings: MON_SAT, afternoons: [2, 4] }],
  },
  {
    code: 'BS0203',
    title: 'ThS.BS.',
    fullName: 'Ngô Minh Khoa',
    sex: 'male',
    yearsOfExperience: 11,
    bio: 'Điều trị mụn trứng cá, viêm da cơ địa, nám và các bệnh da dị ứng.',
    languages: ['vi', 'en'],
    slotMinutes: 15,
    capacityPerSlot: 2,
    practice: [{ branch: 'HCM01', department: 'DALIEU', mornings: MON_SAT, afternoons: MON_FRI }],
  },
  {
    code: 'BS0204',
    title: 'BS.CKI',
    fullName: 'Bùi Thị Thanh Tâm',
    sex: 'female',
    yearsOfExperience: 9,
    bio: 'Khám nhi tổng quát, theo dõi tăng trưởng và tư vấn tiêm chủng.',
    slotMinutes: 15,
    capacityPerSlot: 2,
    practice: [{ branch: 'HCM01', department: 'NHI', mornings: MON_SAT, afternoons: MON_FRI }],
  },
  {
    code: 'BS0205',
    title: 'BS.CKI',
    fullName: 'Đặng Quốc Bảo',
    sex: 'male',
    yearsOfExperience: 13,
    bio: 'Siêu âm tổng quát, X-quang và đọc kết quả chẩn đoán hình ảnh.',
    slotMinutes: 15,
    capacityPerSlot: 2,
    practice: [{ branch: 'HCM01', department: 'CDHA', mornings: MON_SAT, afternoons: MON_FRI }],
  },
  {
    code: 'BS0206',
    title: 'ThS.BS.',
    fullName: 'Lý Hoàng Nam',
    sex: 'male',
    yearsOfExperience: 16,
    bio: 'Khám sức khỏe định kỳ, tầm soát bệnh chuyển hóa và bệnh tiêu hóa.',
    slotMinutes: 15,
    capacityPerSlot: 1,
    practice: [{ branch: 'HCM01', department: 'NOI', mornings: MON_SAT, afternoons: [2, 4] }],
  },
];

/** The rooms that lab packages are booked into: six patients per quarter hour, mornings only (fasting samples). */
export const servicePointSeeds: DoctorSeed[] = (['HN01', 'HCM01'] as const).map((branch, i) => ({
  code: `XN-${branch}`,
  title: '',
  fullName: `Phòng lấy mẫu xét nghiệm ${branch === 'HN01' ? 'Hà Nội' : 'TP. Hồ Chí Minh'}`,
  sex: 'unknown' as const,
  yearsOfExperience: 0,
  bio: 'Lấy máu và nhận mẫu xét nghiệm buổi sáng; kết quả trả qua Zalo Mini App.',
  slotMinutes: 15,
  capacityPerSlot: 6 - i,
  kind: 'service_point' as const,
  practice: [{ branch, department: 'XN' as const, mornings: MON_SAT, afternoons: [] }],
}));

export interface PackageSeed {
  code: string;
  name: string;
  description: string;
  department: DepartmentCode;
  priceVnd: number;
  bhytCovered: boolean;
  durationMinutes: number;
  preparationNotes: string;
  forSex?: Sex;
}

export const packageSeeds: PackageSeed[] = [
  {
    code: 'KTQ-CB',
    name: 'Khám tổng quát cơ bản',
    description: 'Khám nội tổng quát, đo huyết áp, chỉ số BMI và tư vấn cùng bác sĩ.',
    department: 'NOI',
    priceVnd: 450_000,
    bhytCovered: true,
    durationMinutes: 30,
    preparationNotes: 'Mang theo CCCD và thẻ BHYT (nếu có). Nhịn ăn sáng nếu muốn làm thêm xét nghiệm máu.',
  },
  {
    code: 'TS-TIMMACH',
    name: 'Gói tầm soát tim mạch',
    description: 'Khám chuyên khoa tim mạch, điện tim, siêu âm tim, xét nghiệm mỡ máu và đường huyết.',
    department: 'TIMMACH',
    priceVnd: 2_500_000,
    bhytCovered: false,
    durationMinutes: 90,
    preparationNotes:
      'Nhịn ăn 8 tiếng trước khi lấy máu; không hút thuốc, không uống cà phê 4 tiếng trước khi đo điện tim.',
  },
  {
    code: 'KHAM-THAI',
    name: 'Khám thai định kỳ',
    description: 'Khám thai, siêu âm 2D, theo dõi cân nặng thai nhi và tư vấn dinh dưỡng cho mẹ bầu.',
    department: 'SAN',
    priceVnd: 650_000,
    bhytCovered: true,
    durationMinutes: 40,
    preparationNotes: 'Mang theo sổ khám thai và kết quả lần khám trước. Uống nhiều nước nếu thai dưới 12 tuần.',
    forSex: 'female',
  },
  {
    code: 'KHAM-NHI',
    name: 'Khám nhi tổng quát',
    description: 'Khám sức khỏe cho trẻ dưới 16 tuổi, đánh giá tăng trưởng và tư vấn dinh dưỡng.',
    department: 'NHI',
    priceVnd: 350_000,
    bhytCovered: true,
    durationMinutes: 20,
    preparationNotes: 'Mang theo sổ tiêm chủng và thẻ BHYT của bé. Cho bé ăn nhẹ trước khi đến khám.',
  },
  {
    code: 'TMH-NS',
    name: 'Khám Tai Mũi Họng và nội soi',
    description: 'Khám chuyên khoa Tai Mũi Họng kèm nội soi tai, mũi, họng ống mềm.',
    department: 'TMH',
    priceVnd: 550_000,
    bhytCovered: true,
    durationMinutes: 30,
    preparationNotes: 'Không ăn uống 1 tiếng trước khi nội soi họng.',
  },
  {
    code: 'DA-LIEU',
    name: 'Khám da liễu và soi da',
    description: 'Khám chuyên khoa da liễu, soi da bằng máy và tư vấn phác đồ chăm sóc da.',
    department: 'DALIEU',
    priceVnd: 400_000,
    bhytCovered: false,
    durationMinutes: 20,
    preparationNotes: 'Không trang điểm và không bôi thuốc lên vùng da cần khám trong ngày khám.',
  },
  {
    code: 'XN-MAU',
    name: 'Gói xét nghiệm máu tổng quát',
    description: 'Công thức máu, đường huyết, mỡ máu, chức năng gan, thận; kết quả trả qua Zalo Mini App.',
    department: 'XN',
    priceVnd: 790_000,
    bhytCovered: false,
    durationMinutes: 20,
    preparationNotes: 'Nhịn ăn 8–10 tiếng trước khi lấy máu, chỉ uống nước lọc. Đến trước 10:00 sáng.',
  },
  {
    code: 'SA-BUNG',
    name: 'Siêu âm ổ bụng tổng quát',
    description: 'Siêu âm gan, mật, tụy, lách, thận, bàng quang; bác sĩ chẩn đoán hình ảnh đọc kết quả.',
    department: 'CDHA',
    priceVnd: 300_000,
    bhytCovered: true,
    durationMinutes: 20,
    preparationNotes: 'Nhịn ăn 6 tiếng; uống 500 ml nước và nhịn tiểu 1 tiếng trước khi siêu âm.',
  },
];
