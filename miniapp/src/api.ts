import { type ClientResponse, hc } from 'hono/client';
import type { SuccessStatusCode } from 'hono/utils/http-status';
import type { ApiType } from '../../hub/app.ts';

/**
 * The hub's API, typed from its routes. The Mini App authenticates with the short-lived hub token the hub issued
 * after checking the Zalo access token; it travels in the Authorization header (no cookies: the app runs on
 * Zalo's origin, not the hub's).
 */
export function createApi(opts: { baseUrl: string; fetch?: typeof fetch }) {
  let tokenFor: () => Promise<string | null> = async () => null;
  let unauthorized: () => void = () => {};
  const doFetch = opts.fetch ?? ((input: RequestInfo | URL, init?: RequestInit) => fetch(input, init));

  const authFetch = async (input: RequestInfo | URL, init: RequestInit = {}): Promise<Response> => {
    const token = await tokenFor();
    const headers = new Headers(init.headers);
    if (token) headers.set('authorization', `Bearer ${token}`);
    const res = await doFetch(input, { ...init, headers });
    if (res.status === 401 && token) unauthorized();
    return res;
  };

  return {
    client: hc<ApiType>(`${opts.baseUrl}/api`, { fetch: authFetch }),
    /** Without the hub token: signing in, and renewing the token when it is about to expire. */
    publicClient: hc<ApiType>(`${opts.baseUrl}/api`, { fetch: doFetch }),
    /** Where the hub token comes from (the session renews it before it expires). */
    setTokenProvider(provider: () => Promise<string | null>) {
      tokenFor = provider;
    },
    /** Called when a request made with a token answers 401 (revoked, or the account changed): sign in again. */
    onUnauthorized(handler: () => void) {
      unauthorized = handler;
    },
  };
}

export type HubApi = ReturnType<typeof createApi>;
export type HubClient = HubApi['client'];

/** Same origin for the fake build served by the hub; the hub's public address for the build deployed to Zalo. */
export function hubBaseUrl(): string {
  return (import.meta.env.VITE_HUB_URL ?? '').replace(/\/$/, '');
}

/** A failed call, with the hub's Vietnamese message ready to show. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  /** for 400 validation_failed: which field the hub rejected and why */
  readonly issues: { path: string; message: string }[];
  constructor(status: number, code: string, message: string, issues: { path: string; message: string }[] = []) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.issues = issues;
  }
}

type Success<R> =
  R extends ClientResponse<infer T, infer S, infer F>
    ? S extends SuccessStatusCode
      ? F extends 'json'
        ? T
        : undefined
      : never
    : never;

interface ErrorBody {
  error?: { code?: string; message?: string; details?: { issues?: unknown } };
}

const networkMessage = 'Không kết nối được phòng khám. Kiểm tra mạng rồi thử lại.';

function issuesOf(details: ErrorBody['error']): { path: string; message: string }[] {
  const issues = details?.details?.issues;
  if (!Array.isArray(issues)) return [];
  return issues.filter(
    (i): i is { path: string; message: string } => typeof i?.path === 'string' && typeof i?.message === 'string',
  );
}

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
  throw new ApiError(
    res.status,
    body?.error?.code ?? 'http_error',
    body?.error?.message ?? `Máy chủ trả lỗi ${res.status}. Vui lòng thử lại.`,
    issuesOf(body?.error),
  );
}

/** A message to show for any thrown value. */
export function errorMessage(err: unknown): string {
  if (err instanceof ApiError) return err.message;
  if (err instanceof Error && err.name === 'BridgeError') return err.message;
  return 'Đã có lỗi không mong muốn. Vui lòng thử lại.';
}
