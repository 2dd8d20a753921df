import { ConfigError, loadConfig } from './config.ts';
import { StartupError } from './runtime.ts';
import { startHub } from './server.ts';

function fatal(line: string): never {
  process.stderr.write(`medicrm: ${line}\n`);
  process.exit(1);
}

let config: ReturnType<typeof loadConfig>;
try {
  config = loadConfig();
} catch (err) {
  fatal(err instanceof ConfigError ? err.message : String(err));
}

const hub = await startHub(config).catch((err: unknown) =>
  fatal(err instanceof StartupError || err instanceof Error ? err.message : String(err)),
);

const base = config.PUBLIC_URL.replace(/\/$/, '');
const lines =
  config.ROLE === 'worker'
    ? [`MediCRM worker running (health on ${hub.url}/health)`]
    : [
        `MediCRM đang chạy (role ${config.ROLE}) — listening on ${hub.url}`,
        `  Console nhân viên   ${base}/`,
        ...(config.SANDBOX_URL && config.SERVE_WEB ? [`  Mini App (thử)      ${base}/miniapp/`] : []),
        `  API docs            ${base}/docs   (OpenAPI: ${base}/openapi.json)`,
        `  Hàng đợi (admin)    ${base}/admin/queues`,
        `  Health / ready      ${base}/health   ${base}/ready   metrics: ${base}/metrics`,
      ];
process.stdout.write(`${lines.join('\n')}\n`);

let signals = 0;
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.on(signal, () => {
    if (++signals > 1) process.exit(1); // a second signal means "now"
    const timer = setTimeout(
      () => fatal(`shutdown took longer than ${config.SHUTDOWN_TIMEOUT_MS} ms`),
      config.SHUTDOWN_TIMEOUT_MS,
    );
    timer.unref();
    hub.stop().then(
      () => process.exit(0),
      (err: unknown) => fatal(`shutdown failed: ${String(err)}`),
    );
  });
}
