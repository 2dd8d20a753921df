/**
 * How a provider failure steers the outbound worker (STYLE.md): PermanentError parks the message (or moves to the
 * next channel), RateLimitError waits, TransientError retries with backoff. `reason` is Vietnamese, for staff.
 */
export class ChannelError extends Error {
  /** the provider's own code, e.g. "-230", "10/2018278", "550" */
  readonly providerCode: string;
  readonly reason: string;
  constructor(providerCode: string, reason: string, providerMessage?: string) {
    super(providerMessage ? `${providerCode}: ${providerMessage}` : providerCode);
    this.name = new.target.name;
    this.providerCode = providerCode;
    this.reason = reason;
  }
}

export class PermanentError extends ChannelError {}

export class RateLimitError extends ChannelError {
  readonly retryAfterMs: number;
  constructor(providerCode: string, reason: string, retryAfterMs: number, providerMessage?: string) {
    super(providerCode, reason, providerMessage);
    this.retryAfterMs = retryAfterMs;
  }
}

export class TransientError extends ChannelError {}

/** A network failure or timeout talking to a provider: always worth retrying. */
export function networkError(err: unknown): TransientError {
  const message = err instanceof Error ? err.message : String(err);
  return new TransientError('network', 'Không kết nối được tới nhà cung cấp, hệ thống sẽ thử lại', message);
}
