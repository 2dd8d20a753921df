/**
 * The load generator as a process of its own, so the client's work (sockets, reading bodies) is not counted against
 * the server it measures. Reads one job as JSON on stdin, writes the LoadResult as JSON on stdout.
 *
 * It speaks plain node:http over keep-alive sockets (one per connection, like a browser's pool) and asks for gzip as
 * browsers do, reading the compressed bytes without inflating them: fetch() costs the client several times more CPU
 * per request, and on a small machine the client and the server share the cores.
 */
import { Agent, request } from 'node:http';
import { closedLoop } from './load.ts';

interface Job {
  urls: string[];
  /** visit the list in this stride (a prime), so neighbouring requests ask different things */
  stride: number;
  connections: number;
  ms: number;
}

let input = '';
for await (const chunk of process.stdin) input += chunk;
const job = JSON.parse(input) as Job;
const agent = new Agent({ keepAlive: true, maxSockets: job.connections });

const get = (url: string) =>
  new Promise<void>((resolve, reject) => {
    const req = request(url, { agent, headers: { 'accept-encoding': 'gzip' } }, (res) => {
      res.on('data', () => {});
      res.on('end', () => (res.statusCode === 200 ? resolve() : reject(new Error(`unexpected ${res.statusCode}`))));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });

const result = await closedLoop(job.connections, job.ms, (i) => get(job.urls[(i * job.stride) % job.urls.length]!));
agent.destroy();
process.stdout.write(JSON.stringify(result));
