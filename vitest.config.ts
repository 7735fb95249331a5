import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'scripts/**/*.test.ts'],
    environment: 'node',
    // electron-store imports `electron`; inlining it lets tests mock `electron` (its binary is absent here).
    server: { deps: { inline: ['electron-store'] } },
    testTimeout: 60_000,
  },
});
