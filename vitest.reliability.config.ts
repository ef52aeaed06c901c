import { defineConfig } from 'vitest/config';

// The fault, bad-input and security suite (`npm run test:reliability`). It starts child processes
// and the built web host (`out/`, so run `npm run build` first), so files run one at a time: two
// cores are shared with those children, and no file competes with another for them.
export default defineConfig({
  test: {
    include: ['reliability/**/*.test.ts'],
    environment: 'node',
    globalSetup: ['reliability/support/global-setup.ts'],
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 60_000,
  },
});
