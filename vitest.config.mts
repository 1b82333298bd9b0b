import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts'],
          environment: 'node',
          // A timeout here only detects hangs: no unit test may fail because the machine is busy (both cores
          // saturated by another process still passes), so the default 5 s is far too tight for parsing work.
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          environment: 'node',
          // Real servers, clusters and failovers: generous timeouts, and few files at once on a 2-core machine.
          testTimeout: 60_000,
          hookTimeout: 90_000,
          maxWorkers: 2,
        },
      },
      {
        test: {
          name: 'e2e',
          // Real VS Code (code-server) in Chromium: one file at a time, each starts its own server.
          include: ['test/e2e/ui/**/*.test.ts'],
          environment: 'node',
          testTimeout: 180_000,
          hookTimeout: 180_000,
          fileParallelism: false,
          maxWorkers: 1,
        },
      },
    ],
  },
});
