import type { CampaignStatus, ConsentChannel } from './campaigns-api.ts';

export const statusInfo: Record<CampaignStatus, { label: string; color: string }> = {
  draft: { label: 'Bản nháp', color: 'gray' },
  scheduled: { label: 'Đã hẹn giờ', color: 'violet' },
  running: { label: 'Đang gửi', color: 'blue' },
  paused: { label: 'Tạm dừng', color: 'yellow' },
  completed: { label: 'Hoàn tất', color: 'teal' },
  cancelled: { label: 'Đã huỷ', color: 'red' },
};

export const consentChannelLabels: Record<ConsentChannel, string> = {
  zns: 'ZNS',
  sms: 'SMS',
  email: 'Email',
  zalo_oa: 'Zalo OA',
};
export const consentChannels = Object.keys(consentChannelLabels) as ConsentChannel[];

/** Why a recipient failed or was skipped: the hub's reasons and the commonest ZNS / SMS provider codes. */
export const failureCodeLabels: Record<string, string> = {
  no_consent: 'Chưa đồng ý nhận tin tiếp thị',
  opted_out: 'Đã từ chối nhận tin tiếp thị',
  no_address: 'Không có số di động hợp lệ',
  undelivered: 'Nhà mạng báo không tới được',
  '-108': 'Số điện thoại không hợp lệ',
  '-114': 'Người nhận không nhận được tin ZNS',
  '-118': 'Số điện thoại chưa có tài khoản Zalo',
  '-119': 'Tài khoản Zalo không nhận được tin',
  '-124': 'Access token của OA không hợp lệ',
  '-131': 'Mẫu ZNS chưa được duyệt',
  '-139': 'Người nhận đã từ chối loại tin này',
  '-141': 'Người nhận đã từ chối tin từ OA',
  '-144': 'OA đã hết hạn mức ZNS trong ngày',
  '-1472': 'Người nhận đã nhận tin quảng cáo hôm nay',
};

const vnd = new Intl.NumberFormat('vi-VN', { style: 'currency', currency: 'VND', maximumFractionDigits: 0 });
/** "1.250.000 ₫" */
export const formatVnd = (n: number) => vnd.format(Math.round(n));

const count = new Intl.NumberFormat('vi-VN');
export const formatCount = (n: number) => count.format(n);

const percent = new Intl.NumberFormat('vi-VN', { style: 'percent', maximumFractionDigits: 1 });
export const formatPercent = (ratio: number) => percent.format(ratio);

/** A clinic day key "2026-12-08" as staff write it: "08/12/2026". */
export function formatDay(key: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(key);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : key;
}
