export const reportChannelLabels: Record<string, string> = {
  zalo_oa: 'Zalo OA',
  zns: 'ZNS',
  messenger: 'Messenger',
  sms: 'SMS',
  email: 'Email',
  miniapp: 'Mini App',
  web_form: 'Form website',
  hotline: 'Tổng đài',
  unknown: 'Không rõ',
};

export const channelName = (c: string) => reportChannelLabels[c] ?? c;

export const funnelStageLabels: Record<string, string> = {
  lead: 'Khách mới',
  booked: 'Đã đặt lịch',
  checked_in: 'Đã đến khám',
  completed: 'Hoàn tất khám',
};

export const notificationStateLabels: Record<string, string> = {
  pending: 'Chờ gửi',
  sending: 'Đang gửi',
  sent: 'Đã gửi',
  delivered: 'Đã nhận',
  read: 'Đã xem',
  failed: 'Thất bại',
  suppressed: 'Không gửi',
  cancelled: 'Đã huỷ',
};

export const orderKindLabels: Record<string, string> = { lab: 'Xét nghiệm', imaging: 'Chẩn đoán hình ảnh' };

const count = new Intl.NumberFormat('vi-VN');
const decimal = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 1 });
const share = new Intl.NumberFormat('vi-VN', { style: 'percent', maximumFractionDigits: 1 });
const vnd = new Intl.NumberFormat('vi-VN', { style: 'currency', currency: 'VND', maximumFractionDigits: 0 });

export const formatCount = (n: number) => count.format(n);
export const formatRate = (r: number | null) => (r === null ? '—' : share.format(r));
export const formatVnd = (n: number | null) => (n === null ? '—' : vnd.format(n));

/** "45 phút", "2,5 giờ", "1,2 ngày": a duration in minutes in the unit people think in. */
export function formatMinutes(m: number | null): string {
  if (m === null) return '—';
  if (m < 120) return `${decimal.format(m)} phút`;
  if (m < 48 * 60) return `${decimal.format(m / 60)} giờ`;
  return `${decimal.format(m / 1440)} ngày`;
}

export const formatHours = (h: number | null) => (h === null ? '—' : formatMinutes(h * 60));
