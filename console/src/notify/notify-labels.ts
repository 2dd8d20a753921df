import type { NotificationState } from './notify-types.ts';

export const notifyChannelLabels: Record<string, string> = {
  zns: 'ZNS',
  sms: 'SMS',
  email: 'Email',
  zalo_oa: 'Zalo OA',
  miniapp: 'Mini App',
  hotline: 'Gọi điện',
};

export const purposeLabels: Record<string, string> = {
  care: 'Chăm sóc',
  transactional: 'Giao dịch',
  marketing: 'Tiếp thị',
};

export const typeLabels: Record<string, string> = {
  'appointment-confirmed': 'Xác nhận lịch khám',
  'appointment-reminder': 'Nhắc lịch khám',
  'appointment-rescheduled': 'Đổi lịch khám',
  'appointment-cancelled': 'Huỷ lịch khám',
  'result-ready': 'Có kết quả khám',
  're-exam-reminder': 'Nhắc tái khám',
  'satisfaction-survey': 'Khảo sát hài lòng',
  campaign: 'Chiến dịch',
};

export const stateInfo: Record<NotificationState, { label: string; color: string }> = {
  pending: { label: 'Chờ gửi', color: 'gray' },
  sending: { label: 'Đang gửi', color: 'blue' },
  sent: { label: 'Đã gửi', color: 'cyan' },
  delivered: { label: 'Đã nhận', color: 'teal' },
  read: { label: 'Đã xem', color: 'green' },
  failed: { label: 'Thất bại', color: 'red' },
  suppressed: { label: 'Không gửi', color: 'yellow' },
  cancelled: { label: 'Đã huỷ', color: 'gray' },
};

export const attemptStateLabels: Record<string, string> = {
  queued: 'Đang chờ nhà cung cấp',
  sent: 'Đã gửi',
  delivered: 'Đã nhận',
  read: 'Đã xem',
  failed: 'Thất bại',
};

export const consentSourceLabels: Record<string, string> = {
  web_form: 'Form website',
  miniapp: 'Mini App',
  zalo_oa: 'Trả lời trên Zalo',
  messenger: 'Messenger',
  hotline: 'Tổng đài',
  email_link: 'Liên kết huỷ trong email',
  sms_keyword: 'Trả lời SMS',
  staff: 'Nhân viên ghi nhận',
  import: 'Nhập dữ liệu',
};

export const formatVnd = (n: number) => `${new Intl.NumberFormat('vi-VN').format(Math.round(n))} ₫`;
