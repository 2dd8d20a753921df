import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, loadEnv } from 'vite';
import zaloMiniApp from 'zmp-vite-plugin';

const root = fileURLToPath(new URL('.', import.meta.url));
// Passed explicitly: the plugin would otherwise read ./app-config.json from the working directory.
const appConfig = JSON.parse(readFileSync(new URL('./app-config.json', import.meta.url), 'utf8'));

/**
 * The patient Zalo Mini App (FRONTEND.md §2.3).
 * - `vite build` (mode production) → dist/: what `zmp deploy` uploads; zmp-sdk bridge, Zalo's router basepath.
 * - `vite build --mode fake` → dist-fake/: the same app on the sandbox's fake Zalo bridge with an in-memory router,
 *   which the hub serves at /miniapp/ for tests and local preview.
 * VITE_HUB_URL (the hub's https address) must be set for a build deployed to Zalo, whose pages run on Zalo's origin;
 * VITE_ZALO_OA_ID is the clinic's Official Account (follow and chat buttons; hidden when unset).
 */

/** The OA id the fake build follows and chats with: the fake bridge only records the call. */
const sandboxOaId = '1000000000000000002';

export default defineConfig(({ mode }) => {
  const fake = mode === 'fake';
  const env = loadEnv(mode, root, 'VITE_');
  if (!fake && !env.VITE_HUB_URL) {
    console.warn('miniapp: VITE_HUB_URL is not set; the build calls the hub on its own origin (fine only for tests)');
  }
  return {
    root,
    base: '',
    plugins: [zaloMiniApp(appConfig), react()],
    define: {
      'import.meta.env.VITE_ZALO_BRIDGE': JSON.stringify(fake ? 'fake' : 'zalo'),
      'import.meta.env.VITE_MEMORY_ROUTER': JSON.stringify(fake ? '1' : '0'),
      'import.meta.env.VITE_ZALO_OA_ID': JSON.stringify(env.VITE_ZALO_OA_ID || (fake ? sandboxOaId : '')),
    },
    build: {
      outDir: fake ? 'dist-fake' : 'dist',
      emptyOutDir: true,
      assetsInlineLimit: 0,
    },
  };
});
