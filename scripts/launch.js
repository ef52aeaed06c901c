// Launching the two hosts: the Electron window where its runtime exists, else the web host.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { rootDir } from './ensure-built.js';

const electronDir = join(rootDir, 'node_modules', 'electron');

function installedElectronBinary() {
  const pathFile = join(electronDir, 'path.txt');
  if (!existsSync(pathFile)) return undefined;
  const binary = join(electronDir, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? binary : undefined;
}

/**
 * Finds Electron's runtime, fetching it once if it is missing (npm does not run Electron's own
 * download script, so `npm install` works offline). Returns the binary, or why it cannot be had.
 */
export function findElectron() {
  if (process.env.FACTMARK_WEB === '1') return { reason: 'FACTMARK_WEB=1 asks for the web host' };
  if (!existsSync(electronDir)) return { reason: 'the electron package is not installed' };
  let binary = installedElectronBinary();
  if (!binary) {
    console.log("Fetching Electron's runtime (once)…");
    const result = spawnSync(process.execPath, [join(electronDir, 'install.js')], {
      cwd: rootDir,
      encoding: 'utf8',
      timeout: 180_000,
    });
    binary = installedElectronBinary();
    if (!binary) {
      const detail = `${result.stderr ?? ''}`.match(/(\w*Error: .*)/)?.[1] ?? 'download failed';
      return {
        reason: `Electron's runtime is not installed and could not be downloaded (${detail})`,
      };
    }
  }
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    return { reason: 'there is no display to open a desktop window on' };
  }
  return { binary };
}

/** Opens the desktop window; exits with Electron's exit code. */
export function startElectron(binary, args) {
  const child = spawn(binary, [rootDir, ...args], { stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
}

/** Runs the loopback web host in this process. */
export async function startWebHost(args) {
  const { runWebHost } = await import(pathToFileURL(join(rootDir, 'out/main/web-host.js')).href);
  try {
    await runWebHost(args);
  } catch (error) {
    console.error(
      `Factmark could not start: ${error instanceof Error ? error.message : String(error)}`,
    );
    process.exit(1);
  }
}
