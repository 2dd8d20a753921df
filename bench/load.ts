import { spawn } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';

/** Serves a fetch handler on a free loopback port. */
export async function listen(fetch: (req: Request) => Response | Promise<Response>) {
  const server = serve({ fetch, hostname: '127.0.0.1', port: 0 });
  await new Promise((r) => server.once('listening', r));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

/** The baseline every benchmark divides by: a bare Hono handler answering /health. */
export const bareHono = () => listen(new Hono().get('/health', (c) => c.json({ status: 'ok' })).fetch);

export interface LoadResult {
  /** completed operations per second */
  rps: number;
  /** the latency of every operation, ms */
  latencies: number[];
}

/**
 * Closed-loop load: `connections` clients each start the next operation when the previous one has finished, for `ms`
 * (or until `op` returns false). `op` gets a running index; it throws on a wrong answer.
 */
export async function closedLoop(
  connections: number,
  ms: number,
  op: (i: number) => Promise<unknown>,
): Promise<LoadResult> {
  const latencies: number[] = [];
  let next = 0;
  let stop = false;
  const started = performance.now();
  const until = started + ms;
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (!stop && performance.now() < until) {
        const t0 = performance.now();
        const more = await op(next++);
        latencies.push(performance.now() - t0);
        if (more === false) stop = true;
      }
    }),
  );
  const elapsed = performance.now() - started;
  return { rps: latencies.length / (elapsed / 1000), latencies };
}

/** GET `url` under closed-loop load, expecting 200. */
export function loadUrl(url: string | ((i: number) => string), connections: number, ms: number) {
  return closedLoop(connections, ms, async (i) => {
    const res = await fetch(typeof url === 'string' ? url : url(i));
    await res.arrayBuffer();
    if (res.status !== 200) throw new Error(`unexpected ${res.status}`);
  });
}

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/** One request a load client sends; a factory module makes them in the client process (see loadFromClient). */
export interface ClientRequest {
  url: string;
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: string;
}

/**
 * Requests made by a factory module in the client process: the module's `makeRequests(args)` returns a function from
 * a running index to the request, so the client does the requester's work (e.g. signing a webhook as its provider).
 */
export interface RequestFactory {
  module: string;
  args: unknown;
}

type ClientJob = { connections: number; ms: number } & (
  | { urls: string[]; stride: number }
  | { factory: RequestFactory }
);

/**
 * Closed-loop load from a separate process (bench/load-client.ts), so the server being measured has its event loop
 * to itself, as it would in production.
 */
function runClient(job: ClientJob): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', new URL('./load-client.ts', import.meta.url).pathname], {
      stdio: ['pipe', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
    });
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0 ? resolve(JSON.parse(out) as LoadResult) : reject(new Error(`load client exited with ${code}`)),
    );
    child.stdin.end(JSON.stringify(job));
  });
}

/** GET the urls (visited in `stride` steps) under closed-loop load from a separate process. */
export const loadUrlsFromClient = (urls: string[], connections: number, ms: number, stride = 1) =>
  runClient({ urls, stride, connections, ms });

/** The factory's requests under closed-loop load from a separate process; each must be answered 200. */
export const loadFromClient = (factory: RequestFactory, connections: number, ms: number) =>
  runClient({ factory, connections, ms });
