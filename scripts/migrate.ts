import { createDb } from '../db/client.ts';
import { runMigrations } from '../db/migrate.ts';
import { ConfigError, loadConfig } from '../hub/config.ts';
import { ensureDatabase, ensurePostgres, ServiceError } from './services.ts';

/** `npm run db:migrate` (add `-- --seed` to also load the demo clinic). Safe to run again. */
try {
  const config = loadConfig();
  await ensurePostgres(config.DATABASE_URL);
  await ensureDatabase(config.DATABASE_URL);
  const handle = createDb(config.DATABASE_URL, { max: 2 });
  try {
    await runMigrations(handle.db);
    process.stdout.write('migrations applied\n');
    if (process.argv.includes('--seed')) {
      const { seedDemo } = await import('../db/seed.ts');
      const { hashPassword } = await import('../hub/auth/password.ts');
      const { seeded } = await seedDemo(handle.db, { hashPassword });
      process.stdout.write(seeded ? 'demo clinic seeded\n' : 'demo clinic already present\n');
    }
  } finally {
    await handle.close();
  }
} catch (err) {
  if (err instanceof ServiceError || err instanceof ConfigError) {
    process.stderr.write(`medicrm: ${err.message}\n`);
    process.exit(1);
  }
  throw err;
}
