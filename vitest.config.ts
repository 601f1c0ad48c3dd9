import { defineConfig } from 'vitest/config';

// Tests talk to real servers on 127.0.0.1 (port 0), real SQLite files and the real Redis:
// keep a generous per-test timeout for a shared 2-core machine, but never assert on wall-clock time.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 60_000,
    pool: 'forks',
    maxWorkers: 2,
  },
});
