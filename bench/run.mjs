// Entry of `npm run bench`: makes sure the app is built, bundles the TypeScript harness with
// rolldown (the code under test is TypeScript), then runs it. Arguments pass through:
//   node bench/run.mjs [--quick] [--json FILE] [--only 1,3,5] [--no-build]
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bundleDir = path.join(root, 'node_modules', '.cache', 'factmark-bench');
const argv = process.argv.slice(2);

/** The newest modification time (ms) of the files under `entry`, tests left out. */
function newestMtime(entry) {
  if (!existsSync(entry)) return 0;
  const stat = statSync(entry);
  if (!stat.isDirectory()) return /\.test\.tsx?$/.test(entry) ? 0 : stat.mtimeMs;
  let newest = 0;
  for (const name of readdirSync(entry)) {
    newest = Math.max(newest, newestMtime(path.join(entry, name)));
  }
  return newest;
}

/** Why `out/` must be rebuilt, or undefined when it is newer than every input of the build. */
function staleReason() {
  const outputs = ['out/main/web-host.js', 'out/renderer/index.html'].map((p) =>
    path.join(root, p),
  );
  const missing = outputs.find((p) => !existsSync(p));
  if (missing) return `${path.relative(root, missing)} is missing`;
  const built = Math.min(...outputs.map((p) => statSync(p).mtimeMs));
  const inputs = ['src', 'resources', 'electron.vite.config.ts', 'package.json'];
  const changed = inputs.find((p) => newestMtime(path.join(root, p)) > built);
  return changed ? `${changed} changed since the last build` : undefined;
}

function ensureBuilt() {
  if (argv.includes('--no-build')) return;
  const reason = staleReason();
  if (!reason) return;
  console.log(`bench: building the app (${reason}): npx electron-vite build`);
  const result = spawnSync('npx', ['electron-vite', 'build'], {
    cwd: root,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  if (result.status !== 0) throw new Error(`electron-vite build failed (exit ${result.status})`);
}

/**
 * Modules the harness imports from src/ that other work may not have landed yet resolve to a stub
 * exporting `__missing`; the scenario using it then reports "skipped" instead of crashing.
 */
const missingModuleStub = {
  name: 'factmark-bench-missing-module',
  resolveId(source, importer) {
    if (!importer || !source.startsWith('.')) return null;
    const base = path.resolve(path.dirname(importer), source);
    if (!base.startsWith(path.join(root, 'src') + path.sep)) return null;
    const candidates = [base, `${base}.ts`, `${base}.tsx`, path.join(base, 'index.ts')];
    if (candidates.some((c) => existsSync(c) && statSync(c).isFile())) return null;
    return `\0factmark-missing:${path.relative(root, base)}`;
  },
  load(id) {
    if (!id.startsWith('\0factmark-missing:')) return null;
    return `export const __missing = ${JSON.stringify(id.slice('\0factmark-missing:'.length))};`;
  },
};

async function bundleHarness() {
  const { build } = await import('rolldown');
  rmSync(bundleDir, { recursive: true, force: true });
  await build({
    input: path.join(root, 'bench', 'main.ts'),
    platform: 'node',
    cwd: root,
    logLevel: 'warn',
    // Packages stay external and load from node_modules, exactly as the app's build uses them.
    external: (id) => !id.startsWith('.') && !path.isAbsolute(id) && !id.startsWith('\0'),
    plugins: [missingModuleStub],
    // The harness imports optional modules dynamically (to skip when absent); that they are
    // also imported statically by the app is expected, not worth a warning.
    onLog(level, log, handler) {
      if (log.code !== 'INEFFECTIVE_DYNAMIC_IMPORT') handler(level, log);
    },
    output: { dir: bundleDir, format: 'esm', entryFileNames: 'bench.mjs' },
  });
  return path.join(bundleDir, 'bench.mjs');
}

try {
  ensureBuilt();
  const entry = await bundleHarness();
  const { runBench } = await import(pathToFileURL(entry).href);
  process.exitCode = await runBench(argv, root);
} catch (error) {
  console.error(
    `bench crashed: ${error instanceof Error ? (error.stack ?? error.message) : error}`,
  );
  process.exitCode = 1;
}
