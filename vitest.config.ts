import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Integration tests use real Redis with a unique key prefix per test, so files can run in parallel.
    pool: 'forks',
    maxWorkers: 2,
  },
});
