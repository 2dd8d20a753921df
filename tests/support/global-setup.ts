import { createDb } from '../../db/client.ts';
import { runMigrations } from '../../db/migrate.ts';
import { databaseUrl, dropDatabase, uniqueName, withAdmin } from './pg-admin.ts';

/**
 * Once per `vitest run`: one migrated template database. Each test file clones it
 * (CREATE DATABASE … TEMPLATE), which is much faster than migrating every time.
 */
export default async function setup({ provide }: { provide: (key: 'pgTemplate', value: string) => void }) {
  const template = uniqueName('medicrm_tpl');
  await withAdmin((c) => c.query(`create database "${template}"`));
  const handle = createDb(databaseUrl(template), { max: 2 });
  try {
    await runMigrations(handle.db);
  } finally {
    await handle.close();
  }
  provide('pgTemplate', template);
  return async () => {
    // Drop the template and whatever a crashed test file left behind.
    const leftovers = await withAdmin(async (c) => {
      const r = await c.query<{ datname: string }>('select datname from pg_database where datname like $1', [
        `medicrm_t_%`,
      ]);
      return r.rows.map((x) => x.datname).filter((n) => n.startsWith('medicrm_t_') && isStale(n));
    });
    for (const name of [template, ...leftovers]) await dropDatabase(name);
  };
}

/** A test database whose creating process is gone. */
function isStale(name: string): boolean {
  const pid = Number(name.split('_')[2]);
  if (!Number.isInteger(pid)) return false;
  try {
    process.kill(pid, 0);
    return false;
  } catch {
    return true;
  }
}

declare module 'vitest' {
  export interface ProvidedContext {
    pgTemplate: string;
  }
}
