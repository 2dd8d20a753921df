import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateRawSync, gzipSync } from 'node:zlib';

/** Zalo's upload limits (zmp-cli-core SIZE_LIMIT_MB, FRONTEND.md §8.1). */
export const ZALO_FILE_LIMIT_BYTES = 3 * 1024 * 1024;
export const ZALO_ZIP_LIMIT_BYTES = 10 * 1024 * 1024;

export const miniappDist = fileURLToPath(new URL('../miniapp/dist', import.meta.url));

export interface MiniAppBundle {
  files: { path: string; bytes: number }[];
  totalBytes: number;
  /** the zipped build, as uploaded to Zalo (deflate) */
  zipBytes: number;
  /**
   * What the app loads before its first screen: the entry, its static imports, and the chunks the entry imports
   * dynamically (the Zalo bridge, which start-up awaits). Counting every chunk the entry names errs on the high side.
   */
  initialJs: { files: string[]; bytes: number; gzipBytes: number };
}

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path) : [path];
  });
}

/** The size of a deflate zip of the files (what Zalo's 10 MB check measures), without writing one. */
export function zipSize(root: string, paths: string[]): number {
  let size = 22; // end of central directory
  for (const path of paths) {
    const name = Buffer.byteLength(relative(root, path).split('\\').join('/'));
    // local file header + deflated data + central directory entry, as zip writes them
    size += 30 + name + deflateRawSync(readFileSync(path), { level: 9 }).length + 46 + name;
  }
  return size;
}

/** Sizes of a production build of the Mini App (`npm run build:miniapp`). */
export function measureMiniApp(dir: string = miniappDist): MiniAppBundle {
  const paths = walk(dir).sort();
  const files = paths.map((p) => ({ path: relative(dir, p).split('\\').join('/'), bytes: statSync(p).size }));
  // zmp-vite-plugin lists the entry (listSyncJS) and what it imports statically (listAsyncJS) in app-config.json.
  const manifest = JSON.parse(readFileSync(join(dir, 'app-config.json'), 'utf8')) as {
    listSyncJS?: string[];
    listAsyncJS?: string[];
  };
  const listed = [...(manifest.listSyncJS ?? []), ...(manifest.listAsyncJS ?? [])];
  const chunks = files.map((f) => f.path).filter((p) => p.endsWith('.js'));
  const named = (manifest.listSyncJS ?? []).flatMap((entry) => {
    const code = readFileSync(join(dir, entry), 'utf8');
    return chunks.filter((c) => c !== entry && code.includes(c.slice(c.lastIndexOf('/') + 1)));
  });
  const initial = [...new Set([...listed, ...named])];
  const initialData = initial.map((f) => readFileSync(join(dir, f)));
  return {
    files,
    totalBytes: files.reduce((n, f) => n + f.bytes, 0),
    zipBytes: zipSize(dir, paths),
    initialJs: {
      files: initial,
      bytes: initialData.reduce((n, b) => n + b.length, 0),
      gzipBytes: initialData.reduce((n, b) => n + gzipSync(b, { level: 9 }).length, 0),
    },
  };
}

const kb = (n: number) => `${(n / 1024).toFixed(1)} kB`;

/** `tsx scripts/miniapp-bundle.ts [dir]`: prints the table after `npm run build:miniapp`. */
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const report = measureMiniApp(process.argv[2] ?? miniappDist);
  for (const f of report.files) process.stdout.write(`${kb(f.bytes).padStart(10)}  ${f.path}\n`);
  process.stdout.write(
    `${kb(report.totalBytes).padStart(10)}  total (${report.files.length} files)\n` +
      `${kb(report.zipBytes).padStart(10)}  zip (limit ${kb(ZALO_ZIP_LIMIT_BYTES)}; per file ${kb(ZALO_FILE_LIMIT_BYTES)})\n` +
      `${kb(report.initialJs.gzipBytes).padStart(10)}  initial JS gzipped (${kb(report.initialJs.bytes)} raw, ${report.initialJs.files.length} files)\n`,
  );
}
