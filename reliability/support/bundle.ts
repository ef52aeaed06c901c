import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { build } from 'rolldown';

/**
 * Bundles a TypeScript helper, the app code and the packages it imports into ES modules a
 * plain `node` child can run (Node 20 cannot run TypeScript). One file also starts faster than
 * resolving zod and lowdb from node_modules, which matters when a child is started 50 times.
 * Uses rolldown, the bundler vite 8 is built on, so no extra dependency is needed.
 * Returns the bundle's path, in a fresh temp folder the caller removes.
 */
export async function bundleHelper(entry: string): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'factmark-helper-'));
  const file = path.join(dir, `${path.basename(entry, '.ts')}.mjs`);
  await build({
    input: entry,
    platform: 'node',
    logLevel: 'silent',
    // A folder, not one file: the app loads some modules lazily (e.g. the import parsers), and
    // those become chunks beside the entry.
    output: {
      dir,
      format: 'esm',
      entryFileNames: '[name].mjs',
      chunkFileNames: 'chunks/[name]-[hash].mjs',
    },
  });
  return file;
}
