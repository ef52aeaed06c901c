import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';

export default defineConfig({
  main: {
    build: {
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
      minify: true,
      rollupOptions: { input: resolve('src/renderer/index.html') },
    },
  },
});
