// Builds the app with electron-vite when the build output is missing or older than the sources.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** The project's root folder. */
export const rootDir = join(import.meta.dirname, '..');

const outputs = [
  'out/main/index.js',
  'out/main/web-host.js',
  'out/preload/index.cjs',
  'out/renderer/index.html',
];
const inputs = ['src', 'resources', 'electron.vite.config.ts', 'package.json'];

function newestMtime(path) {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

/** Runs `electron-vite build` unless every output exists and is newer than every input. */
export function ensureBuilt() {
  const outputPaths = outputs.map((file) => join(rootDir, file));
  if (outputPaths.every((file) => existsSync(file))) {
    const oldestOutput = Math.min(...outputPaths.map((file) => statSync(file).mtimeMs));
    const newestInput = Math.max(...inputs.map((file) => newestMtime(join(rootDir, file))));
    if (oldestOutput >= newestInput) return;
  }
  // stderr, so a CLI command's stdout stays clean.
  console.error('Building Factmark…');
  const bin = join(
    rootDir,
    'node_modules',
    '.bin',
    process.platform === 'win32' ? 'electron-vite.cmd' : 'electron-vite',
  );
  const result = spawnSync(bin, ['build'], {
    cwd: rootDir,
    stdio: ['ignore', 'ignore', 'inherit'],
    shell: process.platform === 'win32',
  });
  if (result.status !== 0) {
    console.error('Factmark could not be built; see the errors above.');
    process.exit(result.status ?? 1);
  }
}
