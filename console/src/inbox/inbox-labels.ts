import type { Channel, ConversationKind, ConversationStatus, DeliveryState, Priority } from './inbox-types.ts';

export const channelInfo: Record<Channel, { label: string; color: string; short: string }> = {
  zalo_oa: { label: 'Zalo OA', color: 'blue', short: 'Zalo' },
  zns: { label: 'ZNS', color: 'indigo', short: 'ZNS' },
  messenger: { label: 'Messenger', color: 'violet', short: 'FB' },
  sms: { label: 'SMS', color: 'grape', short: 'SMS' },
  email: { label: 'Email', color: 'orange', short: '@' },
  miniapp: { label: 'Mini App', color: 'cyan', short: 'Mini' },
  web_form: { label: 'Form website', color: 'lime', short: 'Web' },
  hotline: { label: 'Tổng đài', color: 'teal', short: 'Gọi' },
};

export const channels = Object.keys(channelInfo) as Channel[];

export const statusInfo: Record<ConversationStatus, { label: string; color: string }> = {
  open: { label: 'Đang mở', color: 'teal' },
  pending: { label: 'Chờ khách', color: 'yellow' },
  snoozed: { label: 'Tạm hoãn', color: 'gray' },
  resolved: { label: 'Đã xử lý', color: 'dark' },
};

export const kindLabels: Record<ConversationKind, string> = {
  inquiry: 'Hỏi đáp',
  booking_request: 'Yêu cầu đặt lịch',
  complaint: 'Khiếu nại',
  feedback: 'Góp ý',
  follow_up: 'Theo dõi sau khám',
};

export const priorityInfo: Record<Priority, { label: string; color: string }> = {
  low: { label: 'Thấp', color: 'gray' },
  normal: { label: 'Bình thường', color: 'blue' },
  high: { label: 'Cao', color: 'orange' },
  urgent: { label: 'Khẩn cấp', color: 'red' },
};

/** An outbound message's provider progress, in the words agents use. */
export const deliveryInfo: Record<DeliveryState, { label: string; color: string }> = {
  queued: { label: 'Đang gửi', color: 'gray' },
  sent: { label: 'Đã gửi', color: 'blue' },
  delivered: { label: 'Đã nhận', color: 'teal' },
  read: { label: 'Đã xem', color: 'green' },
  failed: { label: 'Lỗi', color: 'red' },
};

export const identityLabels: Record<string, string> = {
  phone: 'Điện thoại',
  email: 'Email',
  zalo_oa: 'Zalo OA',
  miniapp: 'Zalo Mini App',
  messenger: 'Messenger',
};

export const relationshipLabels: Record<string, string> = {
  self: 'Bản thân',
  child: 'Con',
  parent: 'Cha/mẹ',
  spouse: 'Vợ/chồng',
  sibling: 'Anh/chị/em',
  grandparent: 'Ông/bà',
  other: 'Khác',
};

export const consentPurposeLabels: Record<string, string> = {
  care: 'Chăm sóc sức khoẻ',
  transactional: 'Thông báo giao dịch',
  marketing: 'Tiếp thị',
};

export const timelineKindLabels: Record<string, string> = {
  message: 'Tin nhắn',
  conversation: 'Hội thoại',
  note: 'Ghi chú',
  consent: 'Đồng ý',
  appointment: 'Lịch hẹn',
  notification: 'Thông báo',
  merge: 'Gộp hồ sơ',
};

export const mergeReasonLabels: Record<string, string> = {
  phone: 'trùng số điện thoại',
  email: 'trùng email',
  zalo_app_user_id: 'trùng tài khoản Zalo',
};

export const channelLabel = (c: string) => channelInfo[c as Channel]?.label ?? c;

/** A timeline entry's summary in words: codes (conversation kind, consent purpose) become labels. */
export function timelineSummary(t: { kind: string; summary: string | null }): string | null {
  if (!t.summary) return null;
  if (t.kind === 'conversation') return kindLabels[t.summary as ConversationKind] ?? t.summary;
  if (t.kind === 'consent') return consentPurposeLabels[t.summary] ?? t.summary;
  return t.summary;
}
