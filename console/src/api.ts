import { type ClientResponse, hc, type InferResponseType } from 'hono/client';
import type { SuccessStatusCode } from 'hono/utils/http-status';
import type { ApiType } from '../../hub/app.ts';

/**
 * The CSRF token lives in memory only: a token in storage would survive the tab and be readable by any script,
 * which is exactly what the httpOnly cookie + header pair is meant to prevent.
 */
let csrfToken: string | null = null;
let sessionExpired: () => void = () => {};

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** Called once when a request made with a session answers 401 (expired, revoked, or role changed). */
export function onSessionExpired(handler: () => void): void {
  sessionExpired = handler;
}

const unsafeMethods = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

async function sessionFetch(input: RequestInfo | URL, init: RequestInit = {}): Promise<Response> {
  const method = (init.method ?? 'GET').toUpperCase();
  const headers = new Headers(init.headers);
  if (csrfToken && unsafeMethods.has(method)) headers.set('x-csrf-token', csrfToken);
  const res = await fetch(input, { ...init, headers });
  if (res.status === 401 && csrfToken) {
    csrfToken = null;
    sessionExpired();
  }
  return res;
}

/** The typed client: request and response types come from the hub's routes. */
export const api = hc<ApiType>('/api', { fetch: sessionFetch, init: { credentials: 'same-origin' } });

export type Me = InferResponseType<typeof api.auth.me.$get, 200>;
export type Role = Me['role'];
export type Staff = InferResponseType<typeof api.admin.staff.$get, 200>['items'][number];
export type AuditPage = InferResponseType<typeof api.admin.audit.$get, 200>;
export type AuditEntry = AuditPage['items'][number];
type ErrorBody = InferResponseType<typeof api.auth.me.$get, 401>;

/** A failed call, with the hub's Vietnamese message ready to show. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly retryAfterSeconds: number | null;
  /** for 400 validation_failed: which field the hub rejected and why */
  readonly issues: { path: string; message: string }[];
  constructor(
    status: number,
    code: string,
    message: string,
    extra: { retryAfterSeconds?: number | null; issues?: { path: string; message: string }[] } = {},
  ) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.retryAfterSeconds = extra.retryAfterSeconds ?? null;
    this.issues = extra.issues ?? [];
  }
}

function issuesOf(details: unknown): { path: string; message: string }[] {
  const issues = (details as { issues?: unknown } | null | undefined)?.issues;
  if (!Array.isArray(issues)) return [];
  return issues.filter(
    (i): i is { path: string; message: string } => typeof i?.path === 'string' && typeof i?.message === 'string',
  );
}

type Success<R> =
  R extends ClientResponse<infer T, infer S, infer F>
    ? S extends SuccessStatusCode
      ? F extends 'json'
        ? T
        : undefined
      : never
    : never;

const networkMessage = 'Không kết nối được máy chủ MediCRM. Kiểm tra mạng rồi thử lại.';

/** Awaits a typed call: the success body, or an ApiError carrying the hub's message. */
export async function call<R extends ClientResponse<unknown, number, 'json' | 'text'>>(
  pending: Promise<R>,
): Promise<Success<R>> {
  let res: R;
  try {
    res = await pending;
  } catch {
    throw new ApiError(0, 'network_error', networkMessage);
  }
  if (res.ok) {
    if (res.status === 204) return undefined as Success<R>;
    return (await res.json()) as Success<R>;
  }
  const body = (await res.json().catch(() => null)) as ErrorBody | null;
  const retryAfter = Number(res.headers.get('retry-after'));
  throw new ApiError(
    res.status,
    body?.error?.code ?? 'http_error',
    body?.error?.message ?? `Máy chủ trả lỗi ${res.status}. Vui lòng thử lại.`,
    {
      retryAfterSeconds: Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : null,
      issues: issuesOf(body?.error?.details),
    },
  );
}

/** A message to show for any thrown value. */
export function errorMessage(err: unknown): string {
  return err instanceof ApiError ? err.message : 'Đã có lỗi không mong muốn. Vui lòng tải lại trang.';
}
