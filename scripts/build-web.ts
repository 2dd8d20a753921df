import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

function newest(path: string): number {
  if (!existsSync(path)) return 0;
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  return Math.max(0, ...readdirSync(path).map((f) => newest(join(path, f))));
}

/**
 * What each web app's build is: the console, and the Mini App's fake-bridge build the hub serves at /miniapp/ (the
 * production Mini App build, `npm run build:miniapp`, is uploaded to Zalo and never served by the hub).
 */
const webApps = {
  console: { outDir: 'dist', args: [] as string[] },
  miniapp: { outDir: 'dist-fake', args: ['--mode', 'fake'] },
} as const;

/** Builds a web app with Vite when its sources are newer than its build. */
export function buildIfStale(app: keyof typeof webApps): void {
  const dir = join(root, app);
  const { outDir, args } = webApps[app];
  const built = join(dir, outDir, 'index.html');
  const sources = Math.max(
    newest(join(dir, 'src')),
    newest(join(dir, 'index.html')),
    newest(join(dir, 'vite.config.ts')),
    newest(join(dir, 'app-config.json')),
  );
  if (existsSync(built) && statSync(built).mtimeMs >= sources) return;
  process.stdout.write(`[build] ${app} …\n`);
  execFileSync(
    join(root, 'node_modules', '.bin', 'vite'),
    ['build', '--config', join(dir, 'vite.config.ts'), '--logLevel', 'warn', ...args],
    {
      cwd: root,
      stdio: 'inherit',
    },
  );
}
