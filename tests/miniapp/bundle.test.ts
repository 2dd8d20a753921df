import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FAKE_BRIDGE_MARKER } from '../../miniapp/src/platform/fake-bridge.ts';
import {
  type MiniAppBundle,
  measureMiniApp,
  ZALO_FILE_LIMIT_BYTES,
  ZALO_ZIP_LIMIT_BYTES,
} from '../../scripts/miniapp-bundle.ts';

/**
 * The Mini App as it would be uploaded to Zalo: built here, from the current sources, in production mode (real
 * zmp-sdk bridge, zmp-vite-plugin) and in the fake mode the hub serves, into throwaway folders.
 */
const root = fileURLToPath(new URL('../..', import.meta.url));
const work = mkdtempSync(join(tmpdir(), 'medicrm-miniapp-'));
const prodDir = join(work, 'prod');
const fakeDir = join(work, 'fake');

function build(outDir: string, mode: 'production' | 'fake') {
  execFileSync(
    join(root, 'node_modules', '.bin', 'vite'),
    [
      'build',
      '--config',
      join(root, 'miniapp', 'vite.config.ts'),
      '--mode',
      mode,
      '--outDir',
      outDir,
      '--logLevel',
      'error',
    ],
    { cwd: root, stdio: 'pipe', env: { ...process.env, VITE_HUB_URL: 'https://crm.phongkham.example.vn' } },
  );
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((n) =>
    statSync(join(dir, n)).isDirectory() ? filesUnder(join(dir, n)) : [join(dir, n)],
  );
}
const containing = (dir: string, needle: string) =>
  filesUnder(dir).filter((f) => readFileSync(f, 'utf8').includes(needle));

let prod: MiniAppBundle;

describe('Mini App production build', () => {
  beforeAll(() => {
    build(prodDir, 'production');
    build(fakeDir, 'fake');
    prod = measureMiniApp(prodDir);
  }, 120_000);
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('stays within Zalo’s upload limits: every file under 3 MB, the zip under 10 MB', () => {
    const tooBig = prod.files.filter((f) => f.bytes >= ZALO_FILE_LIMIT_BYTES);
    expect(tooBig).toEqual([]);
    expect(prod.zipBytes).toBeLessThan(ZALO_ZIP_LIMIT_BYTES);
  });

  it('loads under 250 kB of gzipped JavaScript before the first screen', () => {
    expect(prod.initialJs.files.length).toBeGreaterThan(0);
    expect(prod.initialJs.gzipBytes).toBeLessThan(250 * 1024);
  });

  it('has no trace of the fake Zalo bridge, which the fake build does have', () => {
    expect(containing(prodDir, FAKE_BRIDGE_MARKER)).toEqual([]);
    expect(containing(fakeDir, FAKE_BRIDGE_MARKER).length).toBeGreaterThan(0);
  });

  it('talks to Zalo through zmp-sdk, and the fake build does not load zmp-sdk at all', () => {
    // zmp-sdk's own global, set when it loads
    expect(containing(prodDir, 'ZaloMiniAppSDK').length).toBeGreaterThan(0);
    expect(containing(fakeDir, 'ZaloMiniAppSDK')).toEqual([]);
  });

  it('lists its entry and styles in app-config.json for zmp deploy, with the app’s title', () => {
    const manifest = JSON.parse(readFileSync(join(prodDir, 'app-config.json'), 'utf8')) as {
      app: { title: string };
      listSyncJS: string[];
      listCSS: string[];
    };
    expect(manifest.app.title).toBe('MediCRM – Đặt lịch khám');
    expect(manifest.listSyncJS).toHaveLength(1);
    expect(manifest.listCSS.length).toBeGreaterThan(0);
    for (const f of [...manifest.listSyncJS, ...manifest.listCSS])
      expect(statSync(join(prodDir, f)).isFile()).toBe(true);
  });

  it('calls the hub at the address it was built for', () => {
    expect(containing(prodDir, 'https://crm.phongkham.example.vn').length).toBeGreaterThan(0);
  });
});
