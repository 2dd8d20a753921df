import { inject } from 'vitest';
import { createDb, type Db, type DbHandle } from '../../db/client.ts';
import { runMigrations } from '../../db/migrate.ts';
import { databaseUrl, dropDatabase, uniqueName, withAdmin } from './pg-admin.ts';

export interface TestDatabase {
  db: Db;
  url: string;
  name: string;
  handle: DbHandle;
  drop(): Promise<void>;
}

/** A fresh, migrated PostgreSQL database of its own; `drop()` removes it. */
export async function createTestDatabase(opts: { migrate?: boolean } = {}): Promise<TestDatabase> {
  const name = uniqueName('medicrm_t');
  const template = opts.migrate === false ? undefined : safeInject();
  await withAdmin(async (c) => {
    if (!template) return c.query(`create database "${name}"`);
    // Clones of one template may collide briefly while another clone is being made: retry.
    for (let attempt = 0; ; attempt++) {
      try {
        return await c.query(`create database "${name}" template "${template}"`);
      } catch (err) {
        if (attempt >= 20 || !String(err).includes('being accessed by other users')) throw err;
        await new Promise((r) => setTimeout(r, 100 + attempt * 50));
      }
    }
  });
  const url = databaseUrl(name);
  const handle = createDb(url, { max: 5, applicationName: 'medicrm-test' });
  if (!template && opts.migrate !== false) await runMigrations(handle.db);
  return {
    db: handle.db,
    url,
    name,
    handle,
    async drop() {
      await handle.close();
      await dropDatabase(name);
    },
  };
}

function safeInject(): string | undefined {
  try {
    return inject('pgTemplate');
  } catch {
    return undefined;
  }
}
