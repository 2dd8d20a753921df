/**
 * The sandbox twins in a process of their own for bench/campaign.ts, so the hub's memory and event loop are measured
 * alone. Prints `{"url": …}` once listening; stops when its stdin closes.
 */
import { startSandbox } from '../sandbox/server.ts';

const sandbox = await startSandbox({ hubUrl: 'http://127.0.0.1:9', deliveryDelayMs: 60_000, smtpPort: 0 });
process.stdout.write(`${JSON.stringify({ url: sandbox.url })}\n`);
process.stdin.resume();
process.stdin.on('end', () => {
  void sandbox.stop().then(() => process.exit(0));
});
