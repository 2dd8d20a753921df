import { type ChannelError, PermanentError, RateLimitError, TransientError } from '../errors.ts';

/** Vietnamese reasons for the OA error codes of PROVIDERS.md §1.7, shown to staff on a failed message. */
const reasons: Record<number, string> = {
  [-32]: 'Zalo giới hạn tần suất gọi API, hệ thống sẽ gửi lại sau',
  [-100]: 'Tệp đính kèm đã hết hạn trên Zalo',
  [-200]: 'Zalo gửi tin thất bại, hệ thống sẽ thử lại',
  [-201]: 'Dữ liệu gửi sang Zalo không hợp lệ',
  [-204]: 'Official Account đã bị vô hiệu hoá',
  [-205]: 'Official Account không tồn tại',
  [-209]: 'Zalo không hỗ trợ API này',
  [-210]: 'Tham số vượt quá giới hạn cho phép của Zalo',
  [-211]: 'OA đã hết hạn mức gửi tin',
  [-212]: 'Ứng dụng chưa đăng ký API này với Zalo',
  [-213]: 'Người dùng chưa quan tâm OA',
  [-216]: 'Access token của OA không hợp lệ',
  [-217]: 'Người dùng đã chặn lời mời từ OA',
  [-218]: 'Người dùng đã hết hạn mức nhận tin',
  [-219]: 'Ứng dụng Zalo đã bị gỡ hoặc vô hiệu hoá',
  [-220]: 'Access token của OA đã hết hạn hoặc bị thu hồi',
  [-221]: 'OA cần được xác thực để dùng tính năng này',
  [-223]: 'OA chưa cấp quyền API này',
  [-224]: 'OA cần nâng cấp gói dịch vụ',
  [-227]: 'Tài khoản Zalo của người dùng bị khoá hoặc không hoạt động quá 45 ngày',
  [-230]: 'Người dùng chưa tương tác với OA trong 7 ngày qua',
  [-232]: 'Người dùng chưa tương tác hoặc lần tương tác gần nhất đã hết hạn',
  [-233]: 'Loại tin nhắn không hợp lệ hoặc không được hỗ trợ',
  [-234]: 'Không được gửi loại tin này vào ban đêm (22:00–06:00)',
  [-235]: 'API không hỗ trợ loại OA này',
  [-240]: 'API tin nhắn V2 đã ngừng hoạt động',
  [-242]: 'appsecret_proof không hợp lệ',
  [-244]: 'Người dùng đã chặn loại tin này từ OA',
  [-248]: 'Nội dung vi phạm tiêu chuẩn của Zalo',
  [-320]: 'OA cần kết nối Zalo Cloud Account để gửi tin tính phí',
  [-321]: 'Zalo Cloud Account hết tiền hoặc không trừ tiền được',
};

/** openapi.zalo.me's answers to an invalid (-216) or expired (-220) OA token: refresh once, retry once (§1.1). */
export const zaloTokenErrorCodes = ['-216', '-220'] as const;

/** The next 06:00 in Vietnam (UTC+7, no daylight saving), when night-blocked messages may go out. */
function msUntilMorning(now: number): number {
  const vn = new Date(now + 7 * 3_600_000);
  const morning = Date.UTC(vn.getUTCFullYear(), vn.getUTCMonth(), vn.getUTCDate(), 6, 0, 0);
  const target = vn.getTime() < morning ? morning : morning + 24 * 3_600_000;
  return target - vn.getTime();
}

/** Classifies an OA API error (HTTP 200 with a negative `error`). */
export function classifyZaloError(code: number, message: string, now = Date.now()): ChannelError {
  const providerCode = String(code);
  const reason = reasons[code] ?? `Zalo từ chối gửi tin (mã ${code})`;
  if (code === -32) return new RateLimitError(providerCode, reason, 60_000, message);
  if (code === -234) return new RateLimitError(providerCode, reason, msUntilMorning(now), message);
  if (code === -200) return new TransientError(providerCode, reason, message);
  return new PermanentError(providerCode, reason, message);
}

/** Classifies a non-200 HTTP answer from openapi.zalo.me (which normally answers 200 even for errors). */
export function classifyZaloHttp(status: number): ChannelError {
  if (status === 429) return new RateLimitError(`http_${status}`, reasons[-32]!, 60_000);
  if (status >= 500) return new TransientError(`http_${status}`, 'Máy chủ Zalo đang lỗi, hệ thống sẽ thử lại');
  return new PermanentError(`http_${status}`, `Zalo từ chối yêu cầu (HTTP ${status})`);
}
