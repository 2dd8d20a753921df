import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    globalSetup: ['./tests/support/global-setup.ts'],
    // Integration tests share one PostgreSQL and one Redis: two cores, so keep the pool modest.
    maxWorkers: 3,
    testTimeout: 30_000,
    hookTimeout: 60_000,
    projects: [
      {
        extends: true,
        test: {
          name: 'server',
          environment: 'node',
          include: ['hub/**/*.test.ts', 'db/**/*.test.ts', 'adapters/**/*.test.ts', 'tests/**/*.test.ts'],
        },
      },
      {
        extends: true,
        plugins: [react()],
        test: {
          name: 'web',
          environment: 'jsdom',
          include: ['console/**/*.test.tsx', 'miniapp/**/*.test.tsx', 'miniapp/**/*.test.ts'],
          setupFiles: ['./tests/support/jsdom-setup.ts'],
        },
      },
    ],
  },
});
