import type { ContentfulStatusCode } from 'hono/utils/http-status';

/**
 * Typed domain errors. Use cases throw them; hub/app.ts maps them to JSON in one place.
 * `code` is stable (clients and tests key on it); `message` is Vietnamese, for people.
 */
export class DomainError extends Error {
  readonly code: string;
  readonly status: ContentfulStatusCode;
  readonly details?: unknown;
  constructor(code: string, message: string, status: ContentfulStatusCode, details?: unknown) {
    super(message);
    this.name = new.target.name;
    this.code = code;
    this.status = status;
    this.details = details;
  }
}

export class ValidationError extends DomainError {
  constructor(message = 'Dữ liệu không hợp lệ', details?: unknown) {
    super('validation_failed', message, 400, details);
  }
}

export class UnauthenticatedError extends DomainError {
  constructor(message = 'Bạn cần đăng nhập để tiếp tục') {
    super('unauthenticated', message, 401);
  }
}

export class ForbiddenError extends DomainError {
  constructor(message = 'Bạn không có quyền thực hiện thao tác này', code = 'forbidden') {
    super(code, message, 403);
  }
}

export class NotFoundError extends DomainError {
  constructor(message = 'Không tìm thấy dữ liệu', code = 'not_found') {
    super(code, message, 404);
  }
}

export class ConflictError extends DomainError {
  constructor(code: string, message: string, details?: unknown) {
    super(code, message, 409, details);
  }
}

export class RateLimitedError extends DomainError {
  readonly retryAfterSeconds: number;
  constructor(retryAfterSeconds: number, message = 'Quá nhiều yêu cầu, vui lòng thử lại sau') {
    super('rate_limited', message, 429, { retryAfterSeconds });
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

export class UnavailableError extends DomainError {
  constructor(message = 'Dịch vụ tạm thời không sẵn sàng') {
    super('unavailable', message, 503);
  }
}
