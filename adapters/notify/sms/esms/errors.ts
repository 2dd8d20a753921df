import { type ChannelError, PermanentError, RateLimitError, TransientError } from '../../../channels/errors.ts';

/** Vietnamese reasons for eSMS's CodeResult values (PROVIDERS.md §5.1). */
const reasons: Record<string, string> = {
  '99': 'Số điện thoại bị chặn trên hệ thống eSMS',
  '101': 'Sai ApiKey hoặc SecretKey của eSMS',
  '102': 'Tài khoản eSMS chưa có bảng giá',
  '103': 'Tài khoản eSMS không đủ số dư',
  '104': 'Brandname chưa được đăng ký hoặc chưa kích hoạt',
  '108': 'Số điện thoại không đúng định dạng',
  '110': 'Dữ liệu gửi sang eSMS không hợp lệ',
  '140': 'Địa chỉ IP của máy chủ chưa được eSMS cho phép',
  '146': 'Nội dung SMS chăm sóc khách hàng không khớp mẫu đã đăng ký với nhà mạng',
  '177': 'Brandname chưa được đăng ký với nhà mạng của số này',
  '300': 'Thiếu loại tin nhắn',
};

/**
 * Every refusal eSMS documents is permanent for this message (bad number, unregistered template or brandname,
 * account or balance problems): the engine moves on to the next channel. 124 (duplicate RequestId) is not an error
 * and never reaches here.
 */
export function classifyEsmsCode(code: string, message: string): ChannelError {
  return new PermanentError(code, reasons[code] ?? `eSMS từ chối gửi tin (mã ${code})`, message);
}

/** A non-200 HTTP answer: 429 waits (Retry-After), 5xx retries, anything else is permanent. */
export function classifyEsmsHttp(status: number, retryAfterSeconds?: number): ChannelError {
  if (status === 429) {
    return new RateLimitError(
      'http_429',
      'eSMS giới hạn tần suất gửi, hệ thống sẽ gửi lại sau',
      (retryAfterSeconds ?? 1) * 1000,
    );
  }
  if (status >= 500) return new TransientError(`http_${status}`, 'Máy chủ eSMS đang lỗi, hệ thống sẽ thử lại');
  return new PermanentError(`http_${status}`, `eSMS từ chối yêu cầu (HTTP ${status})`);
}
