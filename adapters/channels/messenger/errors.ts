import { type ChannelError, PermanentError, RateLimitError, TransientError } from '../errors.ts';

/** Classifies a Graph API error body `{error:{code, error_subcode, message}}` (PROVIDERS.md §4.4). */
export function classifyMessengerError(
  httpStatus: number,
  code: number | undefined,
  subcode: number | undefined,
  message = '',
): ChannelError {
  const providerCode = subcode ? `${code}/${subcode}` : String(code ?? `http_${httpStatus}`);
  if (code === 613 || code === 4 || code === 32 || code === 80006) {
    return new RateLimitError(
      providerCode,
      'Messenger giới hạn tần suất gửi, hệ thống sẽ gửi lại sau',
      60_000,
      message,
    );
  }
  if (code === 2 || code === 1200 || (code === undefined && httpStatus >= 500)) {
    return new TransientError(providerCode, 'Messenger đang lỗi tạm thời, hệ thống sẽ thử lại', message);
  }
  if (code === 10 && subcode === 2018278) {
    return new PermanentError(providerCode, 'Đã quá thời hạn được phép trả lời trên Messenger', message);
  }
  if (code === 10 && subcode === 1893063) {
    return new PermanentError(providerCode, 'Trang Facebook đang bị hạn chế nhắn tin', message);
  }
  if (code === 10 || (code !== undefined && code >= 200 && code < 300)) {
    return new PermanentError(providerCode, 'Trang chưa có quyền gửi loại tin này trên Messenger', message);
  }
  if (code === 551) return new PermanentError(providerCode, 'Người dùng hiện không nhận được tin nhắn', message);
  if (code === 190)
    return new PermanentError(providerCode, 'Mã truy cập của Trang không hợp lệ hoặc đã hết hạn', message);
  if (code === 100) {
    return new PermanentError(
      providerCode,
      subcode === 2018001 ? 'Không tìm thấy người nhận trên Messenger' : 'Yêu cầu gửi sang Messenger không hợp lệ',
      message,
    );
  }
  return new PermanentError(providerCode, `Messenger từ chối gửi tin (mã ${providerCode})`, message);
}
