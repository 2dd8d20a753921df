import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import postcssPresetMantine from 'postcss-preset-mantine';
import postcssSimpleVars from 'postcss-simple-vars';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

/** The staff console. The hub serves `dist/index.html` for every page path and `dist/assets/*` at `/assets/*`. */
export default defineConfig({
  root,
  base: '/',
  plugins: [react()],
  css: {
    postcss: {
      plugins: [
        postcssPresetMantine(),
        // Mantine's breakpoints, usable as $mantine-breakpoint-* in the console's own CSS.
        postcssSimpleVars({
          variables: {
            'mantine-breakpoint-xs': '36em',
            'mantine-breakpoint-sm': '48em',
            'mantine-breakpoint-md': '62em',
            'mantine-breakpoint-lg': '75em',
            'mantine-breakpoint-xl': '88em',
          },
        }),
      ],
    },
  },
  build: {
    outDir: 'dist',
    assetsDir: 'assets',
    emptyOutDir: true,
  },
});
