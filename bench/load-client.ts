/**
 * The load generator as a process of its own, so the client's work (sockets, reading bodies, gunzip) is not counted
 * against the server it measures. Reads one job as JSON on stdin, writes the LoadResult as JSON on stdout.
 */
import { loadUrl } from './load.ts';

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
const result = await loadUrl((i) => job.urls[(i * job.stride) % job.urls.length]!, job.connections, job.ms);
process.stdout.write(JSON.stringify(result));
