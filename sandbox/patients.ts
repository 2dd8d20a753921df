/**
 * The fake patients of the sandbox phone: one person with a Zalo account (OA-scoped and app-scoped ids), a Messenger
 * PSID and a mailbox. The first three are contacts of the demo clinic's seed (same ids), so writing as them lands on
 * their existing record; the others are strangers to the clinic.
 */
export interface FakePatient {
  key: string;
  name: string;
  /** 84xxxxxxxxx */
  phone: string;
  zaloUserId: string;
  zaloAppUserId: string;
  messengerPsid: string;
  email: string;
}

export const fakePatients: FakePatient[] = [
  {
    key: 'huong',
    name: 'Nguyễn Thị Thu Hương',
    phone: '84912345678',
    zaloUserId: '4356127890123456789',
    zaloAppUserId: '5512345678901234501',
    messengerPsid: '7012345678901299',
    email: 'thuhuong.nguyen@gmail.com',
  },
  {
    key: 'minhthu',
    name: 'Hoàng Thị Minh Thư',
    phone: '84935667788',
    zaloUserId: '4356127890123456790',
    zaloAppUserId: '5512345678901234502',
    messengerPsid: '7012345678901298',
    email: 'minhthu.hoang@outlook.com',
  },
  {
    key: 'ngocanh',
    name: 'Lê Thị Ngọc Anh',
    phone: '84978123456',
    zaloUserId: '4356127890123456701',
    zaloAppUserId: '5512345678901234503',
    messengerPsid: '7012345678901234',
    email: 'ngocanh.le@yahoo.com',
  },
  {
    key: 'khoa',
    name: 'Trần Minh Khoa',
    phone: '84866123456',
    zaloUserId: '4356127890123456702',
    zaloAppUserId: '5512345678901234504',
    messengerPsid: '7012345678901297',
    email: 'minhkhoa.tran@gmail.com',
  },
  {
    key: 'lan',
    name: 'Phạm Thị Lan',
    phone: '84707889900',
    zaloUserId: '4356127890123456703',
    zaloAppUserId: '5512345678901234505',
    messengerPsid: '7012345678901296',
    email: 'lan.pham@yahoo.com.vn',
  },
];
