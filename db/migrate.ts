import { fileURLToPath } from 'node:url';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import type { Db } from './client.ts';

export const migrationsFolder = fileURLToPath(new URL('./migrations', import.meta.url));

/** Applies every committed migration not yet applied; safe to run any number of times and from several processes. */
export async function runMigrations(db: Db): Promise<void> {
  // drizzle's migrator is not safe against two processes booting at once: serialise with an advisory lock.
  // The lock is held by one dedicated connection while the migrator works on others.
  const lockClient = await db.$client.connect();
  try {
    await lockClient.query('select pg_advisory_lock(724001)');
    await migrate(db, { migrationsFolder, migrationsSchema: 'drizzle' });
  } finally {
    await lockClient.query('select pg_advisory_unlock(724001)').catch(() => {});
    lockClient.release();
  }
}
