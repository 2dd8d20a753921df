import { type ChannelError, PermanentError, RateLimitError, TransientError } from '../../../channels/errors.ts';

/** Vietnamese reasons for SpeedSMS's error codes (PROVIDERS.md §5.2). */
const reasons: Record<string, string> = {
  '007': 'Địa chỉ IP của máy chủ bị SpeedSMS chặn hoặc chưa được cho phép',
  '008': 'Tài khoản SpeedSMS bị khoá',
  '009': 'Tài khoản SpeedSMS chưa được phép dùng API',
  '101': 'Thiếu hoặc sai tham số gửi sang SpeedSMS',
  '105': 'Số điện thoại không hợp lệ',
  '110': 'SpeedSMS không hỗ trợ mã hoá nội dung này',
  '113': 'Nội dung SMS quá dài',
  '300': 'Tài khoản SpeedSMS không đủ số dư',
};

/** `500` (their internal error) retries; every other documented code is permanent for this message. */
export function classifySpeedSmsCode(code: string, message: string): ChannelError {
  if (code === '500') return new TransientError(code, 'Máy chủ SpeedSMS đang lỗi, hệ thống sẽ thử lại', message);
  return new PermanentError(code, reasons[code] ?? `SpeedSMS từ chối gửi tin (mã ${code})`, message);
}

/**
 * A non-200 HTTP answer. 429 comes with X-Rate-Limit-Reset (60 requests / 60 s): read as seconds to wait, or as a
 * Unix time when it is one.
 */
export function classifySpeedSmsHttp(status: number, reset: string | null, now = Date.now()): ChannelError {
  if (status === 429) {
    const n = Number(reset);
    const waitMs = !Number.isFinite(n) || n <= 0 ? 60_000 : n > 1e9 ? Math.max(1_000, n * 1000 - now) : n * 1000;
    return new RateLimitError('http_429', 'SpeedSMS giới hạn tần suất gửi, hệ thống sẽ gửi lại sau', waitMs);
  }
  if (status >= 500) return new TransientError(`http_${status}`, 'Máy chủ SpeedSMS đang lỗi, hệ thống sẽ thử lại');
  if (status === 401 || status === 403) {
    return new PermanentError(`http_${status}`, 'SpeedSMS từ chối access token (cấu hình sai)');
  }
  return new PermanentError(`http_${status}`, `SpeedSMS từ chối yêu cầu (HTTP ${status})`);
}
