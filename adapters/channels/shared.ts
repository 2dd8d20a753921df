import { createHash, timingSafeEqual } from 'node:crypto';
import { type ProviderRequest, type ProviderResponse, providerHttp } from '../shared/provider-http.ts';
import { networkError } from './errors.ts';

/** Constant-time comparison of two hex/text digests. */
export function sameDigest(a: string, b: string): boolean {
  const x = Buffer.from(a.toLowerCase(), 'utf8');
  const y = Buffer.from(b.toLowerCase(), 'utf8');
  return x.length === y.length && timingSafeEqual(x, y);
}

export function sha256Hex(s: string | Buffer): string {
  return createHash('sha256').update(s).digest('hex');
}

/** JSON.parse that answers undefined instead of throwing. */
export function tryParseJson(raw: string): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    return undefined;
  }
}

export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : typeof v === 'number' ? String(v) : undefined;
}

/**
 * fetch with a timeout; network failures and timeouts become TransientError. Without a fetch of its own (tests give
 * one) the call goes through the adapters' shared keep-alive client.
 */
export async function fetchWithTimeout(
  fetchFn: typeof fetch | undefined,
  url: string,
  init: ProviderRequest,
  timeoutMs: number,
): Promise<ProviderResponse> {
  try {
    if (!fetchFn) return await providerHttp(url, init, timeoutMs);
    return await fetchFn(url, { ...init, signal: AbortSignal.timeout(timeoutMs) });
  } catch (err) {
    throw networkError(err);
  }
}
