import { ConfigError, loadConfig } from '../hub/config.ts';
import { buildIfStale } from './build-web.ts';
import { ensureDatabase, ensurePostgres, ensureRedis, ServiceError } from './services.ts';

/**
 * `npm start`: the demo clinic on this machine. Starts PostgreSQL/Redis if they are installed but stopped,
 * creates the database, builds the console if needed, then runs the hub (migrations and demo seed on boot).
 */
process.env.SEED_DEMO ??= 'true';
try {
  const config = loadConfig();
  await ensurePostgres(config.DATABASE_URL);
  await ensureRedis(config.REDIS_URL);
  await ensureDatabase(config.DATABASE_URL);
  if (config.SERVE_WEB) buildIfStale('console');
} catch (err) {
  if (err instanceof ServiceError || err instanceof ConfigError) {
    process.stderr.write(`medicrm: ${err.message}\n`);
    process.exit(1);
  }
  throw err;
}
await import('../hub/main.ts');
