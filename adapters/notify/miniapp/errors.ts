import { type ChannelError, PermanentError, RateLimitError, TransientError } from '../../channels/errors.ts';
import { msUntilVnHour, msUntilVnMidnight } from '../shared/vn-time.ts';

/**
 * Refusals of the Mini App notification API. Zalo documents the rules (opt-in, opened in the last 7 days, 1 per user
 * per day, 1,000 per app per day, 06:00–22:00; PROVIDERS.md §3.3) but not the codes nor the answer's shape (§9.9):
 * these are the codes the sandbox twin uses, kept in one place to be checked against the live API before go-live.
 */
export const miniAppCodes = {
  notOptedIn: -1101,
  inactiveUser: -1102,
  userDailyLimit: -1103,
  appDailyLimit: -1104,
  outsideHours: -1105,
  invalidTemplate: -1106,
  invalidData: -1107,
} as const;

const reasons: Record<number, string> = {
  [miniAppCodes.notOptedIn]: 'Người dùng chưa cho phép Mini App gửi thông báo',
  [miniAppCodes.inactiveUser]: 'Người dùng chưa mở Mini App trong 7 ngày qua',
  [miniAppCodes.userDailyLimit]: 'Người dùng đã nhận thông báo Mini App hôm nay (tối đa 1 lần/ngày)',
  [miniAppCodes.appDailyLimit]: 'Mini App đã hết hạn mức thông báo trong ngày',
  [miniAppCodes.outsideHours]: 'Chỉ được gửi thông báo Mini App từ 06:00 đến 22:00',
  [miniAppCodes.invalidTemplate]: 'Mẫu thông báo Mini App không hợp lệ',
  [miniAppCodes.invalidData]: 'Dữ liệu thông báo Mini App không hợp lệ',
};

/**
 * Not opted in / inactive / bad template: permanent (next channel). The per-user daily limit waits for midnight under
 * its own code; the app's daily limit is the channel quota ('quota', midnight); outside the hours waits for 06:00.
 */
export function classifyMiniAppError(code: number, message: string, now = Date.now()): ChannelError {
  const reason = reasons[code] ?? `Zalo từ chối gửi thông báo Mini App (mã ${code})`;
  if (code === miniAppCodes.appDailyLimit) {
    return new RateLimitError('quota', reason, msUntilVnMidnight(now), `${code}: ${message}`);
  }
  if (code === miniAppCodes.userDailyLimit)
    return new RateLimitError(String(code), reason, msUntilVnMidnight(now), message);
  if (code === miniAppCodes.outsideHours)
    return new RateLimitError(String(code), reason, msUntilVnHour(6, now), message);
  return new PermanentError(String(code), reason, message);
}

/** HTTP failures: 401/403 is the API key or the server IP not whitelisted (configuration), 429 waits, 5xx retries. */
export function classifyMiniAppHttp(status: number, retryAfterSeconds?: number): ChannelError {
  if (status === 429) {
    return new RateLimitError(
      'http_429',
      'Zalo giới hạn tần suất gửi thông báo, hệ thống sẽ gửi lại sau',
      (retryAfterSeconds ?? 60) * 1000,
    );
  }
  if (status >= 500)
    return new TransientError(`http_${status}`, 'Máy chủ thông báo Mini App đang lỗi, hệ thống sẽ thử lại');
  if (status === 401 || status === 403) {
    return new PermanentError(`http_${status}`, 'Zalo từ chối khoá API Mini App hoặc địa chỉ IP của máy chủ');
  }
  return new PermanentError(`http_${status}`, `Zalo từ chối yêu cầu thông báo Mini App (HTTP ${status})`);
}
