import { Agent as HttpAgent, request as httpRequest, type IncomingMessage, type RequestOptions } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';

/** A provider API call: what the adapters send (JSON or form bodies, their own headers). */
export interface ProviderRequest {
  method?: string;
  headers?: Record<string, string>;
  body?: string | URLSearchParams;
}

/** The part of a fetch Response the adapters read: a real Response satisfies it (tests hand adapters a fetch). */
export interface ProviderResponse {
  status: number;
  ok: boolean;
  headers: { get(name: string): string | null };
  text(): Promise<string>;
}

export type ProviderHttp = (url: string, init: ProviderRequest, timeoutMs: number) => Promise<ProviderResponse>;

/** The call took longer than its timeout: the socket is closed and the answer, if any comes, ignored. */
export class ProviderTimeoutError extends Error {
  override name = 'TimeoutError';
  readonly code = 'ETIMEDOUT';
}

function answer(status: number, raw: IncomingMessage['headers'], body: string): ProviderResponse {
  return {
    status,
    ok: status >= 200 && status < 300,
    headers: {
      get(name) {
        const v = raw[name.toLowerCase()];
        return v === undefined ? null : Array.isArray(v) ? v.join(', ') : v;
      },
    },
    text: () => Promise.resolve(body),
  };
}

/**
 * The HTTP client of the provider adapters, over node:http(s) with keep-alive pools: campaign sends make thousands of
 * calls a second to one host, and the built-in fetch spends several times more CPU per call (web streams for every
 * body, an AbortSignal whose timer fires long after the answer) on cores the hub shares with everything else.
 * Answers are read whole as UTF-8 text (provider APIs answer small JSON); redirects are not followed and no content
 * encoding is asked for. A kept-alive socket the server closed while idle fails before anything was read: the call
 * goes once more on a fresh socket.
 */
export function createProviderHttp(opts: { maxSockets?: number } = {}): ProviderHttp {
  const agentOptions = { keepAlive: true, maxSockets: opts.maxSockets ?? 128, scheduling: 'lifo' as const };
  const http = new HttpAgent(agentOptions);
  const https = new HttpsAgent(agentOptions);

  const once = (url: URL, options: RequestOptions, body: string | undefined, timeoutMs: number, retry: boolean) =>
    new Promise<ProviderResponse>((resolve, reject) => {
      const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
      let settled = false;
      const timer = setTimeout(
        () => req.destroy(new ProviderTimeoutError(`no answer within ${timeoutMs} ms`)),
        timeoutMs,
      );
      const req = send(url, options, (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => {
          text += c;
        });
        res.on('end', () => {
          if (settled) return;
          settled = true;
          clearTimeout(timer);
          resolve(answer(res.statusCode ?? 502, res.headers, text));
        });
        res.on('error', fail);
      });
      function fail(err: Error) {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        const code = (err as NodeJS.ErrnoException).code;
        if (retry && req.reusedSocket && (code === 'ECONNRESET' || code === 'EPIPE')) {
          once(url, options, body, timeoutMs, false).then(resolve, reject);
          return;
        }
        reject(err);
      }
      req.on('error', fail);
      req.end(body);
    });

  return (input, init, timeoutMs) => {
    const url = new URL(input);
    const headers: Record<string, string> = { ...init.headers };
    const has = (name: string) => Object.keys(headers).some((k) => k.toLowerCase() === name);
    let body: string | undefined;
    if (init.body instanceof URLSearchParams) {
      body = init.body.toString();
      if (!has('content-type')) headers['content-type'] = 'application/x-www-form-urlencoded;charset=UTF-8';
    } else {
      body = init.body;
    }
    if (body !== undefined && !has('content-length')) headers['content-length'] = String(Buffer.byteLength(body));
    const method = (init.method ?? 'GET').toUpperCase();
    const agent = url.protocol === 'https:' ? https : http;
    return once(url, { method, headers, agent }, body, timeoutMs, true);
  };
}

/** One pool per process, shared by every adapter that is not handed a fetch of its own. */
export const providerHttp: ProviderHttp = createProviderHttp();
