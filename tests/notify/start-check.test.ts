import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/** Starts hub/main.ts as `npm start` would and collects what it says before exiting. */
async function startMain(env: Record<string, string>) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'hub/main.ts'], {
    env: { PATH: process.env.PATH, LOG_LEVEL: 'silent', PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  const [code] = (await once(child, 'exit')) as [number | null];
  return { code, stdout, stderr };
}

describe('hub start', () => {
  it('stops with one clear line when a template uses a variable it does not declare', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'medicrm-templates-'));
    const file = join(dir, 'templates.json');
    writeFileSync(
      file,
      JSON.stringify({ 'appointment-reminder': { sms: { text: 'Nhắc lịch {{bookingCode}} lúc {{gioKham}}' } } }),
    );
    // the check runs before anything connects: an unreachable database shows it comes first
    const { code, stdout, stderr } = await startMain({
      NOTIFY_TEMPLATES_FILE: file,
      DATABASE_URL: 'postgres://postgres@127.0.0.1:1/medicrm',
    });
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toMatch(
      /^medicrm: Template error: appointment-reminder sms\.text uses an undeclared variable \{\{gioKham\}\} \(declared: patientName, bookingCode/,
    );
  });

  it('names a notification setting that is well-formed but unknown', async () => {
    const { code, stderr } = await startMain({
      NOTIFY_CHANNEL_PLANS: 'appointment-reminder=zns,fax',
      DATABASE_URL: 'postgres://postgres@127.0.0.1:1/medicrm',
    });
    expect(code).toBe(1);
    expect(stderr.trim()).toBe('medicrm: NOTIFY_CHANNEL_PLANS: unknown channel "fax"');
  });
});
