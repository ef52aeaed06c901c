import { randomBytes } from 'node:crypto';
import * as fsp from 'node:fs/promises';
import path from 'node:path';
import type { Adapter } from 'lowdb';

/**
 * The file-system calls the durable adapter makes. Tests replace single calls to simulate a
 * full or read-only disk, which chmod cannot do when tests run as root.
 */
export interface DurableFs {
  open: typeof fsp.open;
  rename: typeof fsp.rename;
  link: typeof fsp.link;
  copyFile: typeof fsp.copyFile;
  unlink: typeof fsp.unlink;
  readFile: typeof fsp.readFile;
}

/** The real file system; `overrides` replace single calls (for fault injection in tests). */
export function durableFs(overrides: Partial<DurableFs> = {}): DurableFs {
  return {
    open: fsp.open,
    rename: fsp.rename,
    link: fsp.link,
    copyFile: fsp.copyFile,
    unlink: fsp.unlink,
    readFile: fsp.readFile,
    ...overrides,
  };
}

/** The `code` of a Node system error (`ENOENT`, `EROFS`, ...), or undefined for other errors. */
export function errorCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

const reasons: Record<string, string> = {
  EROFS: 'the disk is read-only',
  ENOSPC: 'the disk is full',
  EDQUOT: 'the disk quota is used up',
  EACCES: 'permission denied',
  EPERM: 'the operation is not permitted',
  EIO: 'the disk reported an input/output error',
  EISDIR: 'a folder is in the way',
  ENOTDIR: 'a file is in the way where a folder should be',
  ENOENT: 'the folder does not exist',
  EBUSY: 'the file is in use by another program',
  EMFILE: 'too many files are open',
};

/** A short reason a person can act on for a file-system error, e.g. "the disk is full (ENOSPC)". */
export function describeFsError(error: unknown): string {
  const code = errorCode(error);
  if (code && reasons[code]) return `${reasons[code]} (${code})`;
  return error instanceof Error ? error.message : String(error);
}

/** Temp files a write makes beside its target: `.<name>.<pid>.<12 hex>.tmp` or `....bak.tmp`. */
const TEMP_FILE_NAME = /^\.(.+)\.(\d+)\.[0-9a-f]{12}\.(?:bak\.)?tmp$/;

/**
 * The pid of the process that made a write's temp file named `name`, or undefined when `name`
 * is not one. A process killed mid-write leaves its temp file behind; the pid tells whether the
 * writer is gone, so the file can be removed.
 */
export function tempFileWriterPid(name: string): number | undefined {
  const match = TEMP_FILE_NAME.exec(name);
  return match ? Number(match[2]) : undefined;
}

/** The backup kept beside a file: its last good state before the latest write. */
export function backupPathFor(filePath: string): string {
  return `${filePath}.bak`;
}

/**
 * Decodes file bytes as UTF-8, refusing invalid sequences (a damaged file must not be
 * silently "repaired" with U+FFFD) and dropping a leading BOM a text editor may have added.
 */
export function decodeUtf8(bytes: Uint8Array): string {
  // ignoreBOM: false means the decoder strips a leading BOM rather than keeping it as text.
  return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
}

/**
 * A lowdb adapter that stores JSON text durably. A write goes to a unique temp file in the
 * same folder, is fsynced, the current file is kept as `<name>.bak`, the temp file is renamed
 * over the target and the folder is fsynced. A crash at any point leaves either the old or the
 * new file whole. Writes to one adapter are serialised, so they never interleave; on failure
 * the temp file is removed, the previous file is left intact and the error is rethrown.
 */
export class DurableFileAdapter<T> implements Adapter<T> {
  readonly filePath: string;
  private readonly fs: DurableFs;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(filePath: string, options: { fs?: Partial<DurableFs> } = {}) {
    this.filePath = filePath;
    this.fs = durableFs(options.fs);
  }

  /** The parsed file, or null when it does not exist. Throws on unreadable or non-JSON files. */
  async read(): Promise<T | null> {
    const text = await this.readText();
    return text === null ? null : (JSON.parse(text) as T);
  }

  /** The file's text, or null when it does not exist. Throws on unreadable or non-UTF-8 files. */
  async readText(): Promise<string | null> {
    const bytes = await this.readBytes();
    return bytes === null ? null : decodeUtf8(bytes);
  }

  /** The file's bytes, or null when it does not exist. Throws when it cannot be read. */
  async readBytes(): Promise<Buffer | null> {
    try {
      return await this.fs.readFile(this.filePath);
    } catch (error) {
      if (errorCode(error) === 'ENOENT') return null;
      throw error;
    }
  }

  /** Serialises `data` as JSON and replaces the file durably. Resolves once it is on disk. */
  write(data: T): Promise<void> {
    return this.writeText(`${JSON.stringify(data, null, 2)}\n`);
  }

  /** Replaces the file's text durably; queued behind any write still in flight. */
  writeText(text: string): Promise<void> {
    const run = this.queue.then(
      () => this.replace(text),
      () => this.replace(text),
    );
    // The chain must survive a failed write, or every later write would fail with it.
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** Resolves once every queued write has settled. */
  async flush(): Promise<void> {
    await this.queue;
  }

  private tempPath(suffix: string): string {
    const dir = path.dirname(this.filePath);
    const name = path.basename(this.filePath);
    return path.join(dir, `.${name}.${process.pid}.${randomBytes(6).toString('hex')}.${suffix}`);
  }

  private async replace(text: string): Promise<void> {
    const temp = this.tempPath('tmp');
    try {
      const handle = await this.fs.open(temp, 'wx');
      try {
        await handle.writeFile(text, 'utf8');
        await handle.sync();
      } finally {
        await handle.close();
      }
      await this.keepBackup();
      await this.fs.rename(temp, this.filePath);
    } catch (error) {
      await this.fs.unlink(temp).catch(() => undefined);
      throw error;
    }
    // After the rename the new file is what every reader sees; a failed folder fsync cannot be
    // undone, so it must not report the write as failed (memory would then disagree with disk).
    await this.syncFolder().catch(() => undefined);
  }

  /** Points `<name>.bak` at the current file (its last good state) before it is replaced. */
  private async keepBackup(): Promise<void> {
    const temp = this.tempPath('bak.tmp');
    try {
      if (!(await this.snapshotInto(temp))) return; // First write: nothing to back up.
      await this.fs.rename(temp, backupPathFor(this.filePath));
      // When the backup already is the current file (a link left by a write that failed at its
      // last step), rename() succeeds without doing anything and the temp link stays behind.
      await this.fs.unlink(temp).catch(() => undefined);
    } catch (error) {
      await this.fs.unlink(temp).catch(() => undefined);
      throw error;
    }
  }

  /** Puts the current file's bytes at `temp`; false when there is no current file. */
  private async snapshotInto(temp: string): Promise<boolean> {
    try {
      // A hard link costs no copy: the rename that follows gives the target a new inode,
      // so the link keeps the old bytes.
      await this.fs.link(this.filePath, temp);
      return true;
    } catch (error) {
      const code = errorCode(error);
      if (code === 'ENOENT') return false;
      if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EXDEV' && code !== 'EMLINK') {
        throw error;
      }
    }
    // File systems without hard links (FAT, some network shares): copy instead.
    try {
      await this.fs.copyFile(this.filePath, temp);
    } catch (error) {
      if (errorCode(error) === 'ENOENT') return false;
      throw error;
    }
    const handle = await this.fs.open(temp, 'r+');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
    return true;
  }

  private async syncFolder(): Promise<void> {
    // Windows cannot open a folder for fsync; NTFS journals the rename itself.
    if (process.platform === 'win32') return;
    const handle = await this.fs.open(path.dirname(this.filePath), 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  }
}
