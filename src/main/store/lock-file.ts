import { randomBytes } from 'node:crypto';
import * as fsp from 'node:fs/promises';
import path from 'node:path';
import { ensureDataDir } from './data-dir';
import { describeFsError, errorCode } from './durable-file-adapter';

/** The lock file's name inside the data folder. */
export const LOCK_FILE_NAME = 'factmark.lock';

/** What a lock file holds: who writes to the library. */
export interface LockOwner {
  pid: number;
  /** A name for people, e.g. "desktop app" or "web host". */
  owner: string;
  startedAt: string;
  /** The holder's `processIdentity`, where the system tells it (Linux). */
  process?: string;
}

/** A held lock on a data folder. `release` is safe to call unbound and more than once. */
export interface DataDirLock {
  readonly path: string;
  release(): Promise<void>;
}

/** Lock files this process holds now, so a stale lock naming our own (reused) pid is told apart. */
const heldHere = new Set<string>();

/** Whether a process is running; EPERM means it runs under another user, which still counts. */
export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return errorCode(error) === 'EPERM';
  }
}

/**
 * What tells a process apart from a later one given the same pid, where the system says (Linux:
 * the boot id and the process's start time); undefined elsewhere or when `pid` is not running.
 * A lock left by a crash is otherwise stuck whenever its pid is reused by another program,
 * which after a reboot is likely: pids start again from 1.
 */
export async function processIdentity(pid: number): Promise<string | undefined> {
  if (process.platform !== 'linux') return undefined;
  try {
    const boot = (await fsp.readFile('/proc/sys/kernel/random/boot_id', 'utf8')).trim();
    const stat = await fsp.readFile(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces and parentheses); starttime is the 22nd.
    const startTime = stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
    return boot && startTime ? `${boot}:${startTime}` : undefined;
  } catch {
    return undefined;
  }
}

/** Whether the process that wrote a lock still runs (not merely some process with its pid). */
async function isHolderAlive(holder: LockOwner): Promise<boolean> {
  if (!isProcessAlive(holder.pid)) return false;
  // Without a recorded identity (another system, an older lock) the pid is all there is.
  if (holder.process === undefined) return true;
  const current = await processIdentity(holder.pid);
  return current === undefined || current === holder.process;
}

function parseLock(text: string): LockOwner | undefined {
  try {
    const value = JSON.parse(text) as Partial<LockOwner> | null;
    // pid 0 or below would make process.kill signal a whole process group: never trust it.
    if (!value || !Number.isInteger(value.pid) || (value.pid as number) <= 0) return undefined;
    return {
      pid: value.pid as number,
      owner: String(value.owner ?? 'unknown'),
      startedAt: String(value.startedAt ?? ''),
      ...(typeof value.process === 'string' ? { process: value.process } : {}),
    };
  } catch {
    return undefined;
  }
}

/**
 * The pid of the process that made a lock temp file named `name` (`factmark.lock.<pid>.<hex>.tmp`),
 * or undefined when `name` is not one. A process killed while locking leaves it behind.
 */
export function lockTempWriterPid(name: string): number | undefined {
  const match = /^factmark\.lock\.(\d+)\.[0-9a-f]{12}\.tmp$/.exec(name);
  return match ? Number(match[1]) : undefined;
}

/** Creates the lock file with its full content at once, failing with EEXIST when one exists. */
async function createExclusive(lockPath: string, content: string): Promise<void> {
  const temp = `${lockPath}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  await fsp.writeFile(temp, content, { flag: 'wx' });
  try {
    // link() never replaces an existing file, and a reader never sees a half-written lock.
    await fsp.link(temp, lockPath);
  } catch (error) {
    const code = errorCode(error);
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'ENOSYS') throw error;
    // No hard links on this file system: exclusive create is the next best thing.
    await fsp.writeFile(lockPath, content, { flag: 'wx' });
  } finally {
    await fsp.unlink(temp).catch(() => undefined);
  }
}

/**
 * Claims `dataDir` for one writer by creating `factmark.lock` ({pid, owner, startedAt, process}).
 * Throws "Another Factmark (web host, pid 123) is using /path. Close it first." when a live
 * process holds it; takes over a lock left by a process that is gone (also when its pid now
 * belongs to another program, where `processIdentity` tells) or a file that is garbage.
 */
export async function acquireDataDirLock(
  dataDir: string,
  options: { owner: string },
): Promise<DataDirLock> {
  await ensureDataDir(dataDir);
  const lockPath = path.join(path.resolve(dataDir), LOCK_FILE_NAME);
  const identity = await processIdentity(process.pid);
  const mine: LockOwner = {
    pid: process.pid,
    owner: options.owner,
    startedAt: new Date().toISOString(),
    ...(identity !== undefined ? { process: identity } : {}),
  };
  const content = `${JSON.stringify(mine)}\n`;
  // A few rounds: another process may take over the same stale lock at the same moment.
  for (let attempt = 0; attempt < 5; attempt++) {
    try {
      await createExclusive(lockPath, content);
      heldHere.add(lockPath);
      let released: Promise<void> | undefined;
      // Once only: a second call must not delete a lock this process took again later.
      return { path: lockPath, release: () => (released ??= releaseLock(lockPath, content)) };
    } catch (error) {
      if (errorCode(error) !== 'EEXIST') throw error;
    }
    const existing = await readLockText(lockPath);
    if (existing === undefined) continue; // Released meanwhile: try again.
    const holder = parseLock(existing);
    const ours = holder?.pid === process.pid;
    if (holder && (ours ? heldHere.has(lockPath) : await isHolderAlive(holder))) {
      throw new Error(
        `Another Factmark (${holder.owner}, pid ${holder.pid}) is using ${dataDir}. Close it first.`,
      );
    }
    // Stale: remove it only if it is still the same stale file, then race for a fresh one.
    const again = await fsp.readFile(lockPath, 'utf8').catch(() => undefined);
    if (again === existing) await fsp.unlink(lockPath).catch(() => undefined);
  }
  throw new Error(
    `Could not lock ${dataDir}: its lock file keeps changing. Close other Factmark windows and try again.`,
  );
}

/** The lock file's text, or undefined when it is gone; throws a message naming it when it cannot be read. */
async function readLockText(lockPath: string): Promise<string | undefined> {
  try {
    return await fsp.readFile(lockPath, 'utf8');
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return undefined;
    throw new Error(
      `${lockPath} is in the way and cannot be read as a lock file (${describeFsError(error)}). ` +
        'Remove it if no Factmark is running, then try again.',
    );
  }
}

/** Removes the lock file only when it still holds what this process wrote. */
async function releaseLock(lockPath: string, content: string): Promise<void> {
  heldHere.delete(lockPath);
  const current = await fsp.readFile(lockPath, 'utf8').catch(() => undefined);
  if (current === content) await fsp.unlink(lockPath).catch(() => undefined);
}
