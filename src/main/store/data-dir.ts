import * as fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

/** The app name Electron derives the per-user data folder from. */
export const APP_NAME = 'Factmark';

/** Where to look for the data folder; every field defaults to the running process's own. */
export interface ResolveDataDirOptions {
  /** Command-line arguments, searched for `--data-dir DIR` or `--data-dir=DIR`. */
  argv?: readonly string[];
  env?: NodeJS.ProcessEnv;
  platform?: NodeJS.Platform;
  homedir?: string;
}

/**
 * The value of `--data-dir DIR` or `--data-dir=DIR` in `argv`, or undefined when absent.
 * Arguments after a bare `--` are not options. Throws when the flag has no folder after it.
 */
export function dataDirFromArgs(argv: readonly string[]): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--') return undefined;
    let value: string | undefined;
    if (arg === '--data-dir') {
      value = argv[i + 1];
      if (value?.startsWith('--')) value = undefined;
    } else if (arg?.startsWith('--data-dir=')) {
      value = arg.slice('--data-dir='.length);
    } else {
      continue;
    }
    if (!value) throw new Error('--data-dir needs a folder, as in --data-dir ~/factmark-library.');
    return value;
  }
  return undefined;
}

/**
 * The per-user folder Electron's `app.getPath('userData')` gives an app named "Factmark", so
 * the desktop app, the web host and the CLI agree without importing Electron: Linux
 * `$XDG_CONFIG_HOME/Factmark` (else `~/.config/Factmark`), macOS `~/Library/Application
 * Support/Factmark`, Windows `%APPDATA%\Factmark` (else `~\AppData\Roaming\Factmark`).
 */
export function defaultUserDataDir(
  platform: NodeJS.Platform,
  env: NodeJS.ProcessEnv,
  homedir: string,
): string {
  if (platform === 'win32') {
    const appData = env['APPDATA'] || path.win32.join(homedir, 'AppData', 'Roaming');
    return path.win32.join(appData, APP_NAME);
  }
  if (platform === 'darwin') {
    return path.posix.join(homedir, 'Library', 'Application Support', APP_NAME);
  }
  const config = env['XDG_CONFIG_HOME'] || path.posix.join(homedir, '.config');
  return path.posix.join(config, APP_NAME);
}

/**
 * The library folder to use: `--data-dir` wins, then `FACTMARK_DATA_DIR`, then the per-user
 * folder (see `defaultUserDataDir`). A relative folder is resolved against the working folder.
 */
export function resolveDataDir(options: ResolveDataDirOptions = {}): string {
  const env = options.env ?? process.env;
  const chosen = dataDirFromArgs(options.argv ?? []) ?? (env['FACTMARK_DATA_DIR'] || undefined);
  if (chosen !== undefined) return path.resolve(chosen);
  return defaultUserDataDir(
    options.platform ?? process.platform,
    env,
    options.homedir ?? os.homedir(),
  );
}

/**
 * Makes sure `dataDir` is a folder, creating it (and its parents) when missing unless
 * `create` is false. Throws an Error naming it when a file is in the way, rather than failing
 * later on a confusing path.
 */
export async function ensureDataDir(dataDir: string, options = { create: true }): Promise<void> {
  const stat = await fsp.stat(dataDir).catch(() => undefined);
  if (stat?.isDirectory()) return;
  if (stat) {
    throw new Error(
      `The Factmark data folder ${dataDir} is a file, not a folder. Move it away or choose another folder with --data-dir.`,
    );
  }
  if (!options.create) return;
  try {
    await fsp.mkdir(dataDir, { recursive: true });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`Cannot create the Factmark data folder ${dataDir}: ${reason}`);
  }
}
