import * as fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  backupPathFor,
  describeFsError,
  DurableFileAdapter,
  type DurableFs,
} from './durable-file-adapter';

const dirs: string[] = [];
async function tempDir(): Promise<string> {
  const dir = await fsp.mkdtemp(path.join(os.tmpdir(), 'factmark-adapter-'));
  dirs.push(dir);
  return dir;
}
afterEach(async () => {
  for (const dir of dirs.splice(0)) await fsp.rm(dir, { recursive: true, force: true });
});

function fsError(code: string): Error {
  return Object.assign(new Error(`${code}: simulated`), { code });
}

describe('DurableFileAdapter', () => {
  it('leaves no temp file when retrying after a write that failed at its final rename', async () => {
    const dir = await tempDir();
    const file = path.join(dir, 'data.json');
    await new DurableFileAdapter<{ n: number }>(file).write({ n: 1 });
    let failNext = true;
    const rename: DurableFs['rename'] = async (from, to) => {
      if (failNext && to === file) {
        failNext = false;
        throw fsError('ENOSPC');
      }
      return fsp.rename(from, to);
    };
    const adapter = new DurableFileAdapter<{ n: number }>(file, { fs: { rename } });
    await expect(adapter.write({ n: 2 })).rejects.toMatchObject({ code: 'ENOSPC' });
    // The backup now is the current file (same inode); renaming onto it is a no-op.
    await adapter.write({ n: 2 });
    expect(await adapter.read()).toEqual({ n: 2 });
    expect((await fsp.readdir(dir)).sort()).toEqual(['data.json', 'data.json.bak']);
  });
  it('round-trips JSON and reads a missing file as null', async () => {
    const file = path.join(await tempDir(), 'data.json');
    const adapter = new DurableFileAdapter<{ n: number }>(file);
    expect(await adapter.read()).toBeNull();
    expect(await adapter.readText()).toBeNull();
    await adapter.write({ n: 1 });
    expect(await adapter.read()).toEqual({ n: 1 });
    expect(JSON.parse(await fsp.readFile(file, 'utf8'))).toEqual({ n: 1 });
    // A fresh adapter sees the same bytes: it really is on disk, not cached.
    expect(await new DurableFileAdapter(file).read()).toEqual({ n: 1 });
  });

  it('keeps the previous state as <name>.bak and leaves no temp files', async () => {
    const dir = await tempDir();
    const file = path.join(dir, 'data.json');
    const adapter = new DurableFileAdapter<{ n: number }>(file);
    await adapter.write({ n: 1 });
    await expect(fsp.access(backupPathFor(file))).rejects.toThrow();
    await adapter.write({ n: 2 });
    expect(JSON.parse(await fsp.readFile(backupPathFor(file), 'utf8'))).toEqual({ n: 1 });
    await adapter.write({ n: 3 });
    expect(JSON.parse(await fsp.readFile(backupPathFor(file), 'utf8'))).toEqual({ n: 2 });
    expect((await fsp.readdir(dir)).sort()).toEqual(['data.json', 'data.json.bak']);
  });

  it('copies the backup when the file system has no hard links', async () => {
    const file = path.join(await tempDir(), 'data.json');
    const link: DurableFs['link'] = async () => {
      throw fsError('EPERM');
    };
    const adapter = new DurableFileAdapter<{ n: number }>(file, { fs: { link } });
    await adapter.write({ n: 1 });
    await adapter.write({ n: 2 });
    expect(JSON.parse(await fsp.readFile(backupPathFor(file), 'utf8'))).toEqual({ n: 1 });
    expect(await adapter.read()).toEqual({ n: 2 });
  });

  it('serialises concurrent writes: never two at once, and the last one wins', async () => {
    const dir = await tempDir();
    const file = path.join(dir, 'data.json');
    let inFlight = 0;
    let maxInFlight = 0;
    const open: DurableFs['open'] = async (target, flags) => {
      if (flags === 'wx') {
        inFlight++;
        maxInFlight = Math.max(maxInFlight, inFlight);
      }
      return fsp.open(target, flags);
    };
    const rename: DurableFs['rename'] = async (from, to) => {
      await new Promise((resolve) => setTimeout(resolve, 2));
      await fsp.rename(from, to);
      if (to === file) inFlight--;
    };
    const adapter = new DurableFileAdapter<{ n: number }>(file, { fs: { open, rename } });
    await Promise.all(Array.from({ length: 20 }, (_, n) => adapter.write({ n })));
    expect(maxInFlight).toBe(1);
    expect(await adapter.read()).toEqual({ n: 19 });
    expect((await fsp.readdir(dir)).sort()).toEqual(['data.json', 'data.json.bak']);
  });

  it('on a failed rename keeps the previous file, removes the temp file and throws', async () => {
    const dir = await tempDir();
    const file = path.join(dir, 'data.json');
    await new DurableFileAdapter<{ n: number }>(file).write({ n: 1 });
    const rename: DurableFs['rename'] = async (from, to) => {
      if (to === file) throw fsError('EROFS');
      await fsp.rename(from, to);
    };
    const adapter = new DurableFileAdapter<{ n: number }>(file, { fs: { rename } });
    await expect(adapter.write({ n: 2 })).rejects.toMatchObject({ code: 'EROFS' });
    expect(JSON.parse(await fsp.readFile(file, 'utf8'))).toEqual({ n: 1 });
    expect((await fsp.readdir(dir)).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });

  it('on a full disk keeps the previous file and the next write still works', async () => {
    const dir = await tempDir();
    const file = path.join(dir, 'data.json');
    let diskFull = false;
    const open: DurableFs['open'] = async (target, flags) => {
      const handle = await fsp.open(target, flags);
      if (diskFull && flags === 'wx') {
        handle.writeFile = async () => {
          throw fsError('ENOSPC');
        };
      }
      return handle;
    };
    const adapter = new DurableFileAdapter<{ n: number }>(file, { fs: { open } });
    await adapter.write({ n: 1 });
    diskFull = true;
    await expect(adapter.write({ n: 2 })).rejects.toMatchObject({ code: 'ENOSPC' });
    expect(await adapter.read()).toEqual({ n: 1 });
    expect((await fsp.readdir(dir)).filter((name) => name.endsWith('.tmp'))).toEqual([]);
    diskFull = false;
    await adapter.write({ n: 3 });
    expect(await adapter.read()).toEqual({ n: 3 });
  });

  it('refuses invalid UTF-8 instead of silently replacing bytes', async () => {
    const file = path.join(await tempDir(), 'data.json');
    await fsp.writeFile(file, Buffer.from([0x22, 0xff, 0xfe, 0x22]));
    await expect(new DurableFileAdapter(file).readText()).rejects.toThrow();
  });
});

describe('describeFsError', () => {
  it('names the reason and the code', () => {
    expect(describeFsError(fsError('ENOSPC'))).toBe('the disk is full (ENOSPC)');
    expect(describeFsError(fsError('EROFS'))).toBe('the disk is read-only (EROFS)');
    expect(describeFsError(new Error('odd failure'))).toBe('odd failure');
  });
});
