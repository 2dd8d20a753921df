import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { createDb } from '../db/client.ts';
import { runMigrations } from '../db/migrate.ts';

const adminUrl = 'postgres://postgres@127.0.0.1:5432/postgres';

/** A migrated, throw-away database for one benchmark run. */
export async function withScratchDatabase(fn: (url: string) => Promise<void>): Promise<void> {
  const name = `medicrm_bench_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database "${name}"`);
  const url = adminUrl.replace(/\/postgres$/, `/${name}`);
  try {
    const h = createDb(url, { max: 2 });
    await runMigrations(h.db);
    await h.close();
    await fn(url);
  } finally {
    await admin.query(`drop database if exists "${name}" with (force)`);
    await admin.end();
  }
}
