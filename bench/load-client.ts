/**
 * The load generator as a process of its own, so the client's work (sockets, reading bodies, signing) is not counted
 * against the server it measures. Reads one job as JSON on stdin, writes the LoadResult as JSON on stdout.
 *
 * It speaks plain node:http over keep-alive sockets (one per connection, like a browser's pool) and asks for gzip as
 * browsers do, reading the compressed bytes without inflating them: fetch() costs the client several times more CPU
 * per request, and on a small machine the client and the server share the cores.
 */
import { Agent, request } from 'node:http';
import { type ClientRequest, closedLoop, type RequestFactory } from './load.ts';

type Job = { connections: number; ms: number } & (
  | {
      urls: string[];
      /** visit the list in this stride (a prime), so neighbouring requests ask different things */
      stride: number;
    }
  | { factory: RequestFactory }
);

let input = '';
for await (const chunk of process.stdin) input += chunk;
const job = JSON.parse(input) as Job;
const agent = new Agent({ keepAlive: true, maxSockets: job.connections });

const send = (r: ClientRequest) =>
  new Promise<void>((resolve, reject) => {
    const headers = { 'accept-encoding': 'gzip', ...r.headers };
    const req = request(r.url, { agent, method: r.method ?? 'GET', headers }, (res) => {
      res.on('data', () => {});
      res.on('end', () => (res.statusCode === 200 ? resolve() : reject(new Error(`unexpected ${res.statusCode}`))));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(r.body);
  });

let make: (i: number) => ClientRequest;
if ('factory' in job) {
  const mod = (await import(job.factory.module)) as { makeRequests(args: unknown): (i: number) => ClientRequest };
  make = mod.makeRequests(job.factory.args);
} else {
  make = (i) => ({ url: job.urls[(i * job.stride) % job.urls.length]! });
}

const result = await closedLoop(job.connections, job.ms, (i) => send(make(i)));
agent.destroy();
process.stdout.write(JSON.stringify(result));
