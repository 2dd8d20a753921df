import { type ChannelError, PermanentError, RateLimitError, TransientError } from '../../channels/errors.ts';
import { msUntilVnHour, msUntilVnMidnight, msUntilVnMonthStart } from '../shared/vn-time.ts';

/** ZNS answers an invalid or expired OA token with -124 (PROVIDERS.md §1.1, §2.5): refresh once, retry once. */
export const znsTokenErrorCodes = ['-124'] as const;

/** Vietnamese reasons for the ZNS / ZBS codes of PROVIDERS.md §2.5, shown to staff. */
const reasons: Record<number, string> = {
  [-100]: 'ZNS gặp lỗi không xác định, hệ thống sẽ thử lại',
  [-101]: 'Ứng dụng Zalo không hợp lệ',
  [-102]: 'Ứng dụng Zalo không tồn tại',
  [-103]: 'Ứng dụng Zalo chưa được kích hoạt',
  [-104]: 'Secret key của ứng dụng không hợp lệ',
  [-105]: 'Ứng dụng chưa liên kết với Official Account',
  [-108]: 'Số điện thoại không hợp lệ',
  [-109]: 'Mã mẫu ZNS không hợp lệ',
  [-110]: 'Phiên bản Zalo của người nhận quá cũ',
  [-111]: 'Dữ liệu mẫu ZNS trống',
  [-112]: 'Dữ liệu mẫu ZNS có kiểu không xác định',
  [-1121]: 'Tham số mẫu ZNS vượt độ dài tối đa',
  [-1122]: 'Thiếu tham số của mẫu ZNS',
  [-1124]: 'Tham số mẫu ZNS sai định dạng',
  [-114]: 'Người nhận không nhận được tin ZNS (không hoạt động, đã từ chối hoặc Zalo quá cũ)',
  [-115]: 'Hết hạn mức hoặc số dư ZNS',
  [-116]: 'Nội dung tham số ZNS không hợp lệ',
  [-117]: 'OA không có quyền dùng mẫu ZNS này',
  [-118]: 'Số điện thoại chưa có tài khoản Zalo hoặc tài khoản đã bị khoá',
  [-119]: 'Tài khoản Zalo của người nhận không nhận được tin',
  [-124]: 'Access token của OA không hợp lệ',
  [-125]: 'Mã Official Account không hợp lệ',
  [-126]: 'Hết hạn mức gửi ZNS ở chế độ phát triển',
  [-127]: 'Chế độ phát triển chỉ gửi được tới quản trị viên của OA',
  [-131]: 'Mẫu ZNS chưa được duyệt',
  [-132]: 'Tham số gửi ZNS không hợp lệ',
  [-133]: 'Mẫu ZNS này không được gửi ban đêm (22:00–06:00)',
  [-135]: 'OA chưa được cấp quyền gửi ZNS',
  [-136]: 'OA cần kết nối Zalo Cloud Account',
  [-137]: 'Zalo Cloud Account không trừ được tiền hoặc hết số dư',
  [-139]: 'Người nhận đã từ chối loại tin ZNS này',
  [-140]: 'Người nhận không đủ điều kiện nhận tin ZNS theo chính sách',
  [-141]: 'Người nhận đã từ chối tin ZNS từ OA này',
  [-144]: 'OA đã hết hạn mức gửi ZNS trong ngày',
  [-1441]: 'OA đã hết hạn mức tin quảng cáo trong tháng',
  [-146]: 'Mẫu ZNS đã bị vô hiệu hoá do chất lượng thấp',
  [-147]: 'Mẫu ZNS đã hết hạn mức gửi trong ngày',
  [-1471]: 'Người nhận đã hết hạn mức tin chăm sóc trong tháng',
  [-1472]: 'Người nhận đã nhận tin quảng cáo hôm nay',
};

/**
 * Classifies a ZNS answer with a non-zero `error` (HTTP 200): a used-up daily quota is a RateLimitError 'quota' until
 * midnight in Vietnam; per-template and per-user daily limits wait for midnight under their own code; the night rule
 * waits for 06:00; -100 retries; everything else (invalid phone, no Zalo account, template errors, billing) is
 * permanent: the engine tries the next channel.
 */
export function classifyZnsError(code: number, message: string, now = Date.now()): ChannelError {
  const reason = reasons[code] ?? `Zalo từ chối gửi tin ZNS (mã ${code})`;
  if (code === -144) return new RateLimitError('quota', reason, msUntilVnMidnight(now), `${code}: ${message}`);
  if (code === -1441) return new RateLimitError(String(code), reason, msUntilVnMonthStart(now), message);
  if (code === -147 || code === -1472) return new RateLimitError(String(code), reason, msUntilVnMidnight(now), message);
  if (code === -133) return new RateLimitError(String(code), reason, msUntilVnHour(6, now), message);
  if (code === -32)
    return new RateLimitError(String(code), 'Zalo giới hạn tần suất gọi API, hệ thống sẽ gửi lại sau', 60_000);
  if (code === -100) return new TransientError(String(code), reason, message);
  return new PermanentError(String(code), reason, message);
}

/** A non-200 HTTP answer (Zalo answers application errors with 200): 5xx retries, 429 waits, the rest is permanent. */
export function classifyZnsHttp(status: number, retryAfterSeconds?: number): ChannelError {
  if (status === 429) {
    return new RateLimitError(
      'http_429',
      'Zalo giới hạn tần suất gọi API, hệ thống sẽ gửi lại sau',
      (retryAfterSeconds ?? 60) * 1000,
    );
  }
  if (status >= 500) return new TransientError(`http_${status}`, 'Máy chủ ZNS đang lỗi, hệ thống sẽ thử lại');
  return new PermanentError(`http_${status}`, `Zalo từ chối yêu cầu ZNS (HTTP ${status})`);
}
