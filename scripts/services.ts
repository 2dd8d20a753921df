import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { connect } from 'node:net';
import pg from 'pg';
import { dicomWebPluginPath, orthancBinary } from './orthanc.ts';

/**
 * Makes sure the local services the hub and the tests need are up, starting the ones that are installed
 * but stopped. Only acts on services configured on this machine (127.0.0.1 / localhost).
 */

function say(line: string) {
  process.stdout.write(`[services] ${line}\n`);
}

export class ServiceError extends Error {}

function reachable(host: string, port: number, ms = 1_500): Promise<boolean> {
  return new Promise((resolve) => {
    const s = connect({ host, port });
    const done = (ok: boolean) => {
      s.destroy();
      resolve(ok);
    };
    s.setTimeout(ms, () => done(false));
    s.once('connect', () => done(true));
    s.once('error', () => done(false));
  });
}

async function waitFor(host: string, port: number, seconds: number): Promise<boolean> {
  for (let i = 0; i < seconds * 4; i++) {
    if (await reachable(host, port, 500)) return true;
    await new Promise((r) => setTimeout(r, 250));
  }
  return false;
}

const isLocal = (host: string) => ['127.0.0.1', 'localhost', '::1', '[::1]'].includes(host);
const has = (cmd: string) => spawnSync('sh', ['-c', `command -v ${cmd}`]).status === 0;

export async function ensurePostgres(url: string): Promise<void> {
  const u = new URL(url);
  const host = u.hostname;
  const port = Number(u.port || 5432);
  if (await reachable(host, port)) return;
  if (!isLocal(host)) throw new ServiceError(`PostgreSQL at ${host}:${port} is not reachable (DATABASE_URL)`);
  if (!has('pg_ctlcluster') || !existsSync('/etc/postgresql')) {
    throw new ServiceError(
      'PostgreSQL is not installed: install it with `apt-get install -y postgresql` (version 13 or later)',
    );
  }
  const version = readdirSync('/etc/postgresql').sort().at(-1);
  say(`starting PostgreSQL ${version} …`);
  execFileSync('pg_ctlcluster', ['--skip-systemctl-redirect', String(version), 'main', 'start'], { stdio: 'inherit' });
  if (!(await waitFor(host, port, 20))) throw new ServiceError(`PostgreSQL did not come up on ${host}:${port}`);
}

export async function ensureRedis(url: string): Promise<void> {
  const u = new URL(url);
  const host = u.hostname;
  const port = Number(u.port || 6379);
  if (await reachable(host, port)) return;
  if (!isLocal(host)) throw new ServiceError(`Redis at ${host}:${port} is not reachable (REDIS_URL)`);
  if (!has('redis-server'))
    throw new ServiceError('Redis is not installed: install it with `apt-get install -y redis-server`');
  say(`starting Redis on port ${port} …`);
  execFileSync(
    'redis-server',
    ['--daemonize', 'yes', '--bind', '127.0.0.1', '--port', String(port), '--save', '', '--appendonly', 'no'],
    { stdio: 'inherit' },
  );
  if (!(await waitFor(host, port, 10))) throw new ServiceError(`Redis did not come up on ${host}:${port}`);
}

/** Creates the database named in the URL when the server has no such database yet. */
export async function ensureDatabase(url: string): Promise<void> {
  const u = new URL(url);
  const name = decodeURIComponent(u.pathname.slice(1));
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    const { rowCount } = await client.query('select 1 from pg_database where datname = $1', [name]);
    if (!rowCount) {
      say(`creating database ${name}`);
      await client.query(`create database "${name.replace(/"/g, '""')}"`);
    }
  } finally {
    await client.end();
  }
}

export const chromiumPath = '/usr/bin/chromium';

/** Debian's Chromium for the browser tests (playwright-core drives it; nothing is downloaded from elsewhere). */
export function ensureChromium(): void {
  if (existsSync(chromiumPath)) return;
  if (process.getuid?.() !== 0 || !has('apt-get')) {
    throw new ServiceError('Chromium is missing: install it with `sudo apt-get install -y chromium`');
  }
  say('installing Chromium from Debian (about 30 s) …');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  execFileSync('apt-get', ['update', '-q'], { stdio: 'inherit', env });
  execFileSync('apt-get', ['install', '-y', '-q', 'chromium'], { stdio: 'inherit', env });
}

/** Debian's Orthanc with its DICOMweb plugin, and dcmtk to make test studies (INTEGRATION.md §3.2, §3.6). */
export function orthancInstalled(): boolean {
  return existsSync(orthancBinary) && dicomWebPluginPath() !== undefined && has('storescu') && has('dump2dcm');
}

/** Installs orthanc, orthanc-dicomweb and dcmtk from Debian when they are missing (the tests need a real PACS). */
export function ensureOrthanc(): void {
  if (orthancInstalled()) return;
  if (process.getuid?.() !== 0 || !has('apt-get')) {
    throw new ServiceError(
      'Orthanc is missing: install it with `sudo apt-get install -y orthanc orthanc-dicomweb dcmtk`',
    );
  }
  say('installing Orthanc and dcmtk from Debian …');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  execFileSync('apt-get', ['update', '-q'], { stdio: 'inherit', env });
  execFileSync('apt-get', ['install', '-y', '-q', 'orthanc', 'orthanc-dicomweb', 'dcmtk'], { stdio: 'inherit', env });
}

export { type ManagedOrthanc, type OrthancOptions, orthancBinary, startOrthanc } from './orthanc.ts';
