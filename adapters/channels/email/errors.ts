import { type ChannelError, PermanentError, RateLimitError, TransientError } from '../errors.ts';

/**
 * Classifies an SMTP failure: 5xx is permanent (bad mailbox, refused), 4.7.x and "too many" are rate limits, other
 * 4xx and connection failures are transient (RFC 5321 §4.2.1, RFC 3463).
 */
export function classifySmtpError(err: unknown): ChannelError {
  const e = err as { responseCode?: number; response?: string; code?: string; message?: string };
  const text = e.response ?? e.message ?? '';
  const code = e.responseCode;
  if (typeof code === 'number' && code >= 500) {
    const reason = /5\.1\.[0-3]/.test(text)
      ? 'Địa chỉ email người nhận không tồn tại'
      : /5\.2\.2/.test(text)
        ? 'Hộp thư người nhận đã đầy'
        : 'Máy chủ email từ chối thư';
    return new PermanentError(String(code), reason, text);
  }
  if (typeof code === 'number' && code >= 400) {
    if (/\b4\.7\.\d+/.test(text) || /too many|rate/i.test(text)) {
      return new RateLimitError(
        String(code),
        'Máy chủ email giới hạn tần suất gửi, hệ thống sẽ gửi lại sau',
        60_000,
        text,
      );
    }
    return new TransientError(String(code), 'Máy chủ email tạm thời chưa nhận thư, hệ thống sẽ thử lại', text);
  }
  return new TransientError(e.code ?? 'network', 'Không kết nối được máy chủ email, hệ thống sẽ thử lại', text);
}
