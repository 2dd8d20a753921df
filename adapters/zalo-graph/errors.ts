/**
 * How a Zalo Graph failure steers the caller: PermanentError (this request will never succeed as sent),
 * RateLimitError (wait, then retry), TransientError (retry). `reason` says what went wrong in terms the hub acts on.
 */
export type ZaloGraphReason =
  /** the user access token is unknown, expired or revoked (the Mini App must get a new one) */
  | 'invalid_token'
  /** appsecret_proof or secret_key was refused: the app credentials are wrong (configuration) */
  | 'invalid_credentials'
  /** the getPhoneNumber token is unknown, used or expired (the Mini App must ask again) */
  | 'invalid_code'
  | 'rate_limited'
  | 'unavailable'
  /** any other refusal or an answer we do not understand */
  | 'unexpected';

export class ZaloGraphError extends Error {
  readonly reason: ZaloGraphReason;
  /** Zalo's `error` value, when it gave one */
  readonly providerCode: number | undefined;
  constructor(reason: ZaloGraphReason, message: string, providerCode?: number) {
    super(message);
    this.name = new.target.name;
    this.reason = reason;
    this.providerCode = providerCode;
  }
}

export class PermanentError extends ZaloGraphError {}

export class RateLimitError extends ZaloGraphError {
  readonly retryAfterSeconds: number;
  constructor(message: string, retryAfterSeconds: number, providerCode?: number) {
    super('rate_limited', message, providerCode);
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

export class TransientError extends ZaloGraphError {
  constructor(message: string, providerCode?: number) {
    super('unavailable', message, providerCode);
  }
}

/** Graph answers application errors with HTTP 200 and a non-zero `error` (PROVIDERS.md §0, §3.2). */
export function classifyGraphError(code: number, message: string, call: 'me' | 'phone'): ZaloGraphError {
  if (code === 452 || code === -216 || code === -220) return new PermanentError('invalid_token', message, code);
  if (code === -242 || code === -1241) return new PermanentError('invalid_credentials', message, code);
  if (code === -32) return new RateLimitError(message, 60, code);
  if (call === 'phone') return new PermanentError('invalid_code', message, code);
  return new PermanentError('unexpected', message, code);
}
