import * as fsp from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

const made: string[] = [];

/** A fresh temp folder, removed by `removeTempDirs` (call it in afterAll/afterEach). */
export async function makeTempDir(prefix = 'factmark-reliability-'): Promise<string> {
  const dir = await fsp.mkdtemp(path.join(tmpdir(), prefix));
  made.push(dir);
  return dir;
}

/** Removes every folder `makeTempDir` made so far. */
export async function removeTempDirs(): Promise<void> {
  for (const dir of made.splice(0)) await fsp.rm(dir, { recursive: true, force: true });
}

/**
 * Every file under `dir` (relative path -> bytes, as base64 to compare cheaply), the lock file
 * left out: it belongs to the running host, not to the library. Used to prove a call changed nothing.
 */
export async function snapshotFiles(dir: string): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  const walk = async (folder: string): Promise<void> => {
    const entries = await fsp.readdir(folder, { withFileTypes: true });
    for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
      const full = path.join(folder, entry.name);
      if (entry.isDirectory()) await walk(full);
      else if (entry.name !== 'factmark.lock') {
        files.set(path.relative(dir, full), (await fsp.readFile(full)).toString('base64'));
      }
    }
  };
  await walk(dir);
  return files;
}

/** The names of files under `dir` that differ between two snapshots (added, removed or changed). */
export function changedFiles(before: Map<string, string>, after: Map<string, string>): string[] {
  const names = new Set([...before.keys(), ...after.keys()]);
  return [...names].filter((name) => before.get(name) !== after.get(name)).sort();
}

/** Every file name under `dir`, relative, sorted (folders are walked, not listed). */
export async function listFiles(dir: string): Promise<string[]> {
  return [...(await snapshotFiles(dir)).keys()];
}

/** Leftover temp files of interrupted writes (`.<name>.<pid>.<random>.tmp`). */
export function isTempFile(relativePath: string): boolean {
  return /(^|\/)\.[^/]+\.\d+\.[0-9a-f]{12}\.(bak\.)?tmp$/.test(relativePath);
}
