import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';

export default defineConfig({
  main: {
    build: {
      // What every host loads before it can answer is bundled in: zod alone is ~95 module files
      // (every locale) for Node to resolve and compile one by one, ~150 ms of each start.
      // Dependencies loaded later (the import parsers, the exporters) stay external.
      externalizeDeps: { exclude: ['zod', 'lowdb', 'approx-string-match'] },
      rollupOptions: {
        // One Node build serves three hosts: the Electron shell, the loopback web host and the CLI.
        input: {
          index: resolve('src/main/index.ts'),
          'web-host': resolve('src/main/web-host/run-web-host.ts'),
          cli: resolve('src/main/cli/factmark-cli.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      rollupOptions: {
        // A sandboxed preload cannot be an ES module.
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    plugins: [react()],
    build: {
      // FACTMARK_NO_MINIFY=1 keeps function names, for readable CPU profiles (bench --profile).
      minify: process.env['FACTMARK_NO_MINIFY'] !== '1',
      rollupOptions: {
        input: resolve('src/renderer/index.html'),
        // Building a zod schema has no side effects. Said so, the schemas of the shared modules
        // the renderer imports for their functions and constants are left out, and zod with them
        // (~90 kB of script to compile and run at every start).
        treeshake: { manualPureFunctions: ['z'] },
      },
    },
  },
});
