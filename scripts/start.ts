import { ConfigError, loadConfig } from '../hub/config.ts';
import { startSandbox } from '../sandbox/server.ts';
import { buildIfStale } from './build-web.ts';
import { ensureDatabase, ensurePostgres, ensureRedis, ServiceError } from './services.ts';
import { startProjectOrthanc } from './start-orthanc.ts';

/**
 * `npm start`: the demo clinic on this machine. Starts PostgreSQL/Redis if they are installed but stopped,
 * creates the database, builds the console if needed, then runs the hub (migrations and demo seed on boot).
 */
process.env.SEED_DEMO ??= 'true';
process.env.SANDBOX ??= 'true';
let config: ReturnType<typeof loadConfig>;
try {
  config = loadConfig();
  await ensurePostgres(config.DATABASE_URL);
  await ensureRedis(config.REDIS_URL);
  await ensureDatabase(config.DATABASE_URL);
  if (config.SERVE_WEB) buildIfStale('console');
  if (config.SERVE_WEB && config.SANDBOX) buildIfStale('miniapp');
} catch (err) {
  if (err instanceof ServiceError || err instanceof ConfigError) {
    process.stderr.write(`medicrm: ${err.message}\n`);
    process.exit(1);
  }
  throw err;
}
if (config.SANDBOX) {
  const sandbox = await startSandbox({
    port: config.SANDBOX_PORT,
    hubUrl: config.PUBLIC_URL,
    smtpPort: config.SANDBOX_SMTP_PORT,
    hubSmtp: { host: config.EMAIL_LISTEN_HOST, port: config.EMAIL_LISTEN_PORT },
    clinicEmail: config.EMAIL_INBOX_ADDRESS,
    hisMllpPort: config.HIS_MLLP_PORT,
    hubMllp: config.HL7_LISTEN_PORT ? { host: config.HL7_LISTEN_HOST, port: config.HL7_LISTEN_PORT } : undefined,
  });
  process.stdout.write(`Sandbox providers on ${sandbox.url}/\n${sandbox.titles.map((t) => `  · ${t}\n`).join('')}`);
}
// the project's own Orthanc (when Debian's is installed and no other PACS is configured); the hub reads ORTHANC_URL
if (!config.ORTHANC_URL) await startProjectOrthanc(config);
await import('../hub/main.ts');
