/**
 * The ZNS templates the sandbox OA has approved (PROVIDERS.md §2.3): ids, parameters with their type limits, status.
 * More can be registered through `POST /zns/_sandbox/templates` (tests, a clinic trying its own).
 */
export interface ZnsParam {
  name: string;
  /** §2.3 parameter type: 1 name (30), 3 address (200), 4 code (30), 5 label (30), 9 product (200), 11 time (20), 13 URL (200)… */
  type: number;
  maxLength: number;
  require: boolean;
}

export interface ZnsTemplate {
  templateId: string;
  templateName: string;
  status: 'ENABLE' | 'PENDING_REVIEW' | 'REJECT' | 'DISABLE';
  /** 1 transaction, 2 customer care, 3 promotion */
  tag: 1 | 2 | 3;
  /** price per message by phone, VND */
  price: number;
  params: ZnsParam[];
}

const p = (name: string, type: number, maxLength: number, require = true): ZnsParam => ({
  name,
  type,
  maxLength,
  require,
});
const visit = [
  p('customer_name', 1, 30),
  p('service_name', 9, 200),
  p('appointment_time', 11, 20),
  p('clinic_address', 3, 200),
  p('booking_code', 4, 30),
];

export const sandboxZnsTemplates: ZnsTemplate[] = [
  { templateId: '413001', templateName: 'Xác nhận lịch hẹn', status: 'ENABLE', tag: 1, price: 300, params: visit },
  { templateId: '413002', templateName: 'Nhắc lịch hẹn', status: 'ENABLE', tag: 1, price: 300, params: visit },
  { templateId: '413003', templateName: 'Đổi lịch hẹn', status: 'ENABLE', tag: 1, price: 300, params: visit },
  {
    templateId: '413004',
    templateName: 'Huỷ lịch hẹn',
    status: 'ENABLE',
    tag: 1,
    price: 300,
    params: [p('customer_name', 1, 30), p('appointment_time', 11, 20), p('booking_code', 4, 30)],
  },
  {
    templateId: '413005',
    templateName: 'Có kết quả xét nghiệm',
    status: 'ENABLE',
    tag: 1,
    price: 300,
    params: [p('customer_name', 1, 30), p('result_name', 9, 200), p('result_url', 13, 200)],
  },
  {
    templateId: '413006',
    templateName: 'Nhắc tái khám',
    status: 'ENABLE',
    tag: 2,
    price: 300,
    params: [p('customer_name', 1, 30), p('service_name', 9, 200), p('due_date', 11, 20)],
  },
  {
    templateId: '413007',
    templateName: 'Khảo sát hài lòng',
    status: 'ENABLE',
    tag: 2,
    price: 300,
    params: [p('customer_name', 1, 30), p('visit_date', 11, 20)],
  },
  {
    templateId: '413099',
    templateName: 'Ưu đãi gói khám',
    status: 'ENABLE',
    tag: 3,
    price: 400,
    params: [p('customer_name', 1, 30), p('offer', 5, 30)],
  },
  {
    templateId: '413098',
    templateName: 'Mẫu mới (chờ Zalo duyệt)',
    status: 'PENDING_REVIEW',
    tag: 2,
    price: 300,
    params: [p('customer_name', 1, 30)],
  },
];
