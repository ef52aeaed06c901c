import { spawn } from 'node:child_process';
import * as fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { acquireDataDirLock, isProcessAlive, LOCK_FILE_NAME, processIdentity } from './lock-file';

const dirs: string[] = [];
const children: number[] = [];
async function tempDir(): Promise<string> {
  const dir = await fsp.mkdtemp(path.join(os.tmpdir(), 'factmark-lock-'));
  dirs.push(dir);
  return dir;
}
afterEach(async () => {
  for (const pid of children.splice(0)) process.kill(pid);
  for (const dir of dirs.splice(0)) await fsp.rm(dir, { recursive: true, force: true });
});

/** The pid of a process that has exited (a crashed Factmark, as far as the lock can tell). */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '']);
  await new Promise((resolve) => child.on('exit', resolve));
  return child.pid as number;
}

/** A process that stays alive until the test ends. */
async function livePid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
  await new Promise((resolve) => child.on('spawn', resolve));
  children.push(child.pid as number);
  return child.pid as number;
}

async function writeLock(dir: string, content: string): Promise<void> {
  await fsp.writeFile(path.join(dir, LOCK_FILE_NAME), content);
}

async function readLock(dir: string): Promise<{ pid: number; owner: string; startedAt: string }> {
  return JSON.parse(await fsp.readFile(path.join(dir, LOCK_FILE_NAME), 'utf8'));
}

describe('acquireDataDirLock', () => {
  it('writes {pid, owner, startedAt} and removes it on release', async () => {
    const dir = await tempDir();
    const lock = await acquireDataDirLock(dir, { owner: 'desktop app' });
    const content = await readLock(dir);
    expect(content).toMatchObject({ pid: process.pid, owner: 'desktop app' });
    expect(Number.isNaN(Date.parse(content.startedAt))).toBe(false);
    expect(await fsp.readdir(dir)).toEqual([LOCK_FILE_NAME]); // No temp file left behind.
    const { release } = lock; // Hosts keep release unbound.
    await release();
    await release();
    expect(await fsp.readdir(dir)).toEqual([]);
  });

  it('refuses a second holder while the first is alive, then allows it after release', async () => {
    const dir = await tempDir();
    const first = await acquireDataDirLock(dir, { owner: 'web host' });
    await expect(acquireDataDirLock(dir, { owner: 'desktop app' })).rejects.toThrow(
      `Another Factmark (web host, pid ${process.pid}) is using ${dir}. Close it first.`,
    );
    expect((await readLock(dir)).owner).toBe('web host');
    await first.release();
    const second = await acquireDataDirLock(dir, { owner: 'desktop app' });
    expect((await readLock(dir)).owner).toBe('desktop app');
    await second.release();
  });

  it('refuses a lock held by another live process', async () => {
    const dir = await tempDir();
    const pid = await livePid();
    const held = JSON.stringify({ pid, owner: 'desktop app', startedAt: '2026-01-01T00:00:00Z' });
    await writeLock(dir, held);
    await expect(acquireDataDirLock(dir, { owner: 'web host' })).rejects.toThrow(
      `Another Factmark (desktop app, pid ${pid}) is using ${dir}. Close it first.`,
    );
    expect(await fsp.readFile(path.join(dir, LOCK_FILE_NAME), 'utf8')).toBe(held);
  });

  it('takes over a stale lock left by a process that is gone', async () => {
    const dir = await tempDir();
    const pid = await deadPid();
    expect(isProcessAlive(pid)).toBe(false);
    await writeLock(dir, JSON.stringify({ pid, owner: 'desktop app', startedAt: 'then' }));
    const lock = await acquireDataDirLock(dir, { owner: 'web host' });
    expect(await readLock(dir)).toMatchObject({ pid: process.pid, owner: 'web host' });
    await lock.release();
  });

  it.runIf(process.platform === 'linux')(
    'takes over a lock whose pid now belongs to another program (pid reused after a reboot)',
    async () => {
      const dir = await tempDir();
      const pid = await livePid();
      const before = JSON.stringify({ pid, owner: 'desktop app', process: 'other-boot:12345' });
      await writeLock(dir, before);
      const lock = await acquireDataDirLock(dir, { owner: 'web host' });
      expect(await readLock(dir)).toMatchObject({ pid: process.pid, owner: 'web host' });
      await lock.release();
      // The same pid with its real identity is the live holder: refused.
      await writeLock(
        dir,
        JSON.stringify({ pid, owner: 'x', process: await processIdentity(pid) }),
      );
      await expect(acquireDataDirLock(dir, { owner: 'web host' })).rejects.toThrow(
        `pid ${pid}) is using`,
      );
    },
  );

  it.each([
    ['garbage', 'not json at all'],
    ['empty', ''],
    ['pid 0 (would signal a process group)', '{"pid": 0, "owner": "x"}'],
    ['our own pid, reused after a crash', JSON.stringify({ pid: process.pid, owner: 'old' })],
  ])('takes over a %s lock file', async (_kind, content) => {
    const dir = await tempDir();
    await writeLock(dir, content);
    const lock = await acquireDataDirLock(dir, { owner: 'web host' });
    expect(await readLock(dir)).toMatchObject({ pid: process.pid, owner: 'web host' });
    await lock.release();
  });

  it('release leaves a lock that another process has taken meanwhile', async () => {
    const dir = await tempDir();
    const lock = await acquireDataDirLock(dir, { owner: 'web host' });
    const other = JSON.stringify({ pid: await livePid(), owner: 'desktop app', startedAt: 'now' });
    await writeLock(dir, other);
    await lock.release();
    expect(await fsp.readFile(path.join(dir, LOCK_FILE_NAME), 'utf8')).toBe(other);
  });

  it('creates a missing data folder and names a file in the way', async () => {
    const parent = await tempDir();
    const lock = await acquireDataDirLock(path.join(parent, 'new', 'library'), { owner: 'cli' });
    expect(await fsp.readdir(path.join(parent, 'new', 'library'))).toEqual([LOCK_FILE_NAME]);
    await lock.release();
    const file = path.join(parent, 'file');
    await fsp.writeFile(file, '');
    await expect(acquireDataDirLock(file, { owner: 'cli' })).rejects.toThrow(`${file} is a file`);
  });
});

describe('processIdentity', () => {
  it.runIf(process.platform === 'linux')(
    'tells a process from a later one with its pid',
    async () => {
      const mine = await processIdentity(process.pid);
      expect(mine).toMatch(/^[0-9a-f-]{36}:\d+$/);
      expect(await processIdentity(process.pid)).toBe(mine);
      const other = await processIdentity(await livePid());
      expect(other).toBeDefined();
      expect(other).not.toBe(mine);
      expect(await processIdentity(await deadPid())).toBeUndefined();
    },
  );
});

describe('isProcessAlive', () => {
  it('tells a running process from an exited one', async () => {
    expect(isProcessAlive(process.pid)).toBe(true);
    expect(isProcessAlive(await livePid())).toBe(true);
    expect(isProcessAlive(await deadPid())).toBe(false);
  });
});
