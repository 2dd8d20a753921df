import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildIfStale } from './build-web.ts';
import { ensureChromium, ensureOrthanc, ensurePostgres, ensureRedis, ServiceError } from './services.ts';

/**
 * `npm test`: services up, type check, lint, console build, then the whole vitest suite
 * (unit, integration on PostgreSQL + Redis, and browser tests in Chromium). Extra arguments go to vitest,
 * e.g. `npm test -- tests/auth`.
 */
const root = fileURLToPath(new URL('..', import.meta.url));
const bin = (name: string) => join(root, 'node_modules', '.bin', name);

function step(title: string, cmd: string, args: string[]) {
  process.stdout.write(`\n▶ ${title}\n`);
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) {
    process.stderr.write(`✖ ${title} failed\n`);
    process.exit(r.status ?? 1);
  }
}

try {
  await ensurePostgres(process.env.TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres');
  await ensureRedis(process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379');
  ensureChromium();
  // the PACS tests run an Orthanc of their own (tests/support/orthanc.ts) and make studies with dcmtk
  ensureOrthanc();
} catch (err) {
  if (err instanceof ServiceError) {
    process.stderr.write(`medicrm: ${err.message}\n`);
    process.exit(1);
  }
  throw err;
}

const extra = process.argv.slice(2);
if (extra.length === 0) {
  step('type check (tsc)', bin('tsc'), ['--noEmit', '-p', '.']);
  step('lint and format (biome)', bin('biome'), ['check', '.']);
}
buildIfStale('console');
buildIfStale('miniapp');
const report = join(root, '.tmp', 'vitest-report.json');
rmSync(report, { force: true });
process.stdout.write('\n▶ tests (vitest)\n');
const tests = spawnSync(
  bin('vitest'),
  ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`, ...extra],
  { cwd: root, stdio: 'inherit' },
);
// One plain closing line, the same whatever reporter is used above it.
if (existsSync(report)) {
  const r = JSON.parse(readFileSync(report, 'utf8')) as {
    numPassedTests: number;
    numFailedTests: number;
    numPendingTests: number;
    numTodoTests: number;
  };
  const skipped = r.numPendingTests + r.numTodoTests;
  process.stdout.write(
    `\ntests: ${r.numPassedTests} passed, ${r.numFailedTests} failed${skipped ? `, ${skipped} skipped` : ''}\n`,
  );
}
process.exit(tests.status ?? 1);
