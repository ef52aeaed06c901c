import * as fsp from 'node:fs/promises';
import path from 'node:path';
import { Low } from 'lowdb';
import type { z } from 'zod';
import type { Notice } from '../../shared/api/contract';
import { ApiFailure } from '../../shared/api/result';
import {
  backupPathFor,
  decodeUtf8,
  describeFsError,
  DurableFileAdapter,
  durableFs,
  errorCode,
  type DurableFs,
} from './durable-file-adapter';
import { CURRENT_SCHEMA_VERSION } from './store-schemas';

/** Every store file has a format version at its top level. */
export interface Versioned {
  schemaVersion: number;
}

/** How to open one JSON file database. */
export interface JsonFileDbOptions<T extends Versioned, D extends T | null> {
  filePath: string;
  /** How messages name the file, e.g. "library.json" or "articles/a1.json". Defaults to its base name. */
  label?: string;
  /** Checked on every read and before every write. */
  schema: z.ZodType<T>;
  /** The data of a missing file (null when a missing file means "no such thing"; lowdb refuses undefined). */
  defaults: () => D;
  /** Ends the message when a damaged file has no usable backup, e.g. "the library starts empty". */
  lostMessage?: string;
  /** Never write, never move a file aside: report problems and use the backup or defaults in memory. */
  readOnly?: boolean;
  /** The highest `schemaVersion` this build understands. */
  supportedVersion?: number;
  fs?: Partial<DurableFs>;
  now?: () => Date;
}

type Classified<T> =
  | { kind: 'valid'; data: T }
  | { kind: 'future'; version: number; data: T | undefined }
  | { kind: 'damaged'; problem: string };

/** Sorts file contents into valid, from a newer Factmark, or damaged (with why, for the notice). */
function classify<T>(bytes: Buffer, schema: z.ZodType<T>, supportedVersion: number): Classified<T> {
  let value: unknown;
  try {
    const text = decodeUtf8(bytes);
    if (text.trim() === '') return { kind: 'damaged', problem: 'it is empty' };
    value = JSON.parse(text);
  } catch {
    return { kind: 'damaged', problem: 'it is not valid JSON' };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { kind: 'damaged', problem: 'it does not hold a Factmark record' };
  }
  const version = (value as Partial<Versioned>).schemaVersion;
  const parsed = schema.safeParse(value);
  if (typeof version === 'number' && version > supportedVersion) {
    // A newer format may still read correctly as ours (additions only); if not, show defaults.
    return { kind: 'future', version, data: parsed.success ? parsed.data : undefined };
  }
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue && issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
    return { kind: 'damaged', problem: `it has the wrong shape (${where}${issue?.message})` };
  }
  return { kind: 'valid', data: parsed.data };
}

/** A filesystem-safe timestamp such as 2026-11-28T15-30-00-000Z. */
export function fileTimestamp(date: Date): string {
  return date.toISOString().replace(/[:.]/g, '-');
}

/**
 * One JSON file held in memory through lowdb. `data` is always the state last read from or
 * written to disk: a write changes it only after the file is durably replaced, so memory and
 * disk agree even when a write fails. Writes are queued and applied in call order.
 */
export class JsonFileDb<T extends Versioned, D extends T | null = T> {
  /** Problems met while opening, for the reader to see. */
  readonly notices: Notice[] = [];
  /**
   * Where the data came from at open: the file, no file (`missing`), or after damage the
   * backup or the defaults. Lets the library rebuild an index that may be out of date.
   */
  get origin(): 'file' | 'missing' | 'backup' | 'defaults' {
    return this.source;
  }
  private source: 'file' | 'missing' | 'backup' | 'defaults' = 'missing';
  private readonly low: Low<T | D>;
  private readonly fs: DurableFs;
  private readOnlyBecause: string | undefined;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly options: JsonFileDbOptions<T, D>,
    private readonly adapter: DurableFileAdapter<T | D>,
  ) {
    this.low = new Low<T | D>(adapter, options.defaults());
    this.fs = durableFs(options.fs);
    if (options.readOnly) this.readOnlyBecause = 'the library is open read-only';
  }

  /** The path of the file on disk. */
  get filePath(): string {
    return this.options.filePath;
  }

  /** How messages name this file. */
  get label(): string {
    return this.options.label ?? path.basename(this.options.filePath);
  }

  /** The persisted state. Treat as immutable: change it through `write` or `update`. */
  get data(): T | D {
    return this.low.data;
  }

  /** True when every write is refused (read-only option, or a file from a newer Factmark). */
  get readOnly(): boolean {
    return this.readOnlyBecause !== undefined;
  }

  /** Why writes are refused, for messages; undefined when the file is writable. */
  get readOnlyReason(): string | undefined {
    return this.readOnlyBecause;
  }

  /** Replaces the file with `next`. Rejects with ApiFailure('read-only' | 'storage-failed' | 'invalid-input'). */
  write(next: T): Promise<void> {
    return this.update(() => next);
  }

  /**
   * Applies `change` to a copy of the latest persisted state (after earlier queued writes) and
   * saves the result; returning undefined means "nothing changed" and writes nothing.
   */
  update(change: (current: T | D) => T | undefined): Promise<void> {
    const run = this.queue.then(() => this.apply(change));
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** Resolves once every queued write has settled. */
  async flush(): Promise<void> {
    await this.queue;
  }

  private async apply(change: (current: T | D) => T | undefined): Promise<void> {
    if (this.readOnlyBecause !== undefined) {
      throw new ApiFailure(
        'read-only',
        `Nothing was saved to ${this.label}: ${this.readOnlyBecause}.`,
      );
    }
    const next = change(structuredClone(this.low.data));
    if (next === undefined) return;
    const parsed = this.options.schema.safeParse(next);
    if (!parsed.success) {
      // Saving it would produce a file the next start would treat as damaged.
      const issue = parsed.error.issues[0];
      throw new ApiFailure(
        'invalid-input',
        `Refusing to save ${this.label}: ${issue?.path.join('.')} ${issue?.message}`,
      );
    }
    try {
      await this.adapter.write(parsed.data);
    } catch (error) {
      throw new ApiFailure(
        'storage-failed',
        `Could not save ${this.filePath}: ${describeFsError(error)}. The previous version is unchanged.`,
      );
    }
    this.low.data = parsed.data;
  }

  /** Reads the file (see `openJsonFileDb`); called once, before the database is handed out. */
  async load(): Promise<void> {
    const supported = this.options.supportedVersion ?? CURRENT_SCHEMA_VERSION;
    let bytes: Buffer | null;
    try {
      bytes = await this.adapter.readBytes();
    } catch (error) {
      return this.recover(`it cannot be read: ${describeFsError(error)}`);
    }
    if (bytes === null) return; // Missing: defaults, written by the first write.
    const found = classify(bytes, this.options.schema, supported);
    if (found.kind === 'valid') {
      this.low.data = found.data;
      this.source = 'file';
    } else if (found.kind === 'future') {
      this.readOnlyBecause = `${this.label} is from a newer Factmark (format ${found.version})`;
      if (found.data !== undefined) this.low.data = found.data;
      this.source = 'file';
      this.notices.push({
        level: 'warning',
        message:
          `${this.label} was saved by a newer version of Factmark (format ${found.version}; ` +
          `this version reads format ${supported}). It is open read-only and nothing will be saved.`,
      });
    } else {
      return this.recover(found.problem);
    }
  }

  /** Handles a damaged or unreadable file: keep its bytes aside, fall back to the backup. */
  private async recover(problem: string): Promise<void> {
    const backupLabel = `${this.label}.bak`;
    const backup = await this.readBackup();
    const fallback = backup
      ? `the last good copy from ${backupLabel}`
      : `no usable backup (${backupLabel}) was found, so ${this.options.lostMessage ?? 'defaults are used'}`;
    if (backup) this.low.data = backup;
    this.source = backup ? 'backup' : 'defaults';
    if (this.options.readOnly) {
      this.notices.push({
        level: 'warning',
        message: `${this.label} is damaged (${problem}); ${backup ? `showing ${fallback}` : fallback}. Nothing was moved or saved (read-only).`,
      });
      return;
    }
    const aside = await this.moveAside(problem);
    // Labels use "/" on every platform, like the notices the reader sees.
    const asideLabel = path.posix.join(path.posix.dirname(this.label), path.basename(aside));
    if (backup) {
      try {
        // Put the good copy back at once, so a read-only reader (the CLI) finds it too.
        await this.adapter.write(backup);
      } catch (error) {
        throw new ApiFailure(
          'storage-failed',
          `${this.filePath} was damaged and moved to ${aside}, but restoring ${backupLabel} failed: ${describeFsError(error)}.`,
        );
      }
    }
    this.notices.push({
      level: 'warning',
      message: `${this.label} was damaged (${problem}) and was moved to ${asideLabel}; ${backup ? `restored ${fallback}` : fallback}.`,
    });
  }

  private async readBackup(): Promise<T | undefined> {
    const supported = this.options.supportedVersion ?? CURRENT_SCHEMA_VERSION;
    try {
      const bytes = await this.fs.readFile(backupPathFor(this.filePath));
      const found = classify(bytes, this.options.schema, supported);
      return found.kind === 'valid' ? found.data : undefined;
    } catch {
      return undefined; // A missing or unreadable backup is simply not usable.
    }
  }

  /** Renames the file to `<name>.corrupt-<timestamp>` (never overwriting one) and returns that path. */
  private async moveAside(problem: string): Promise<string> {
    const stamp = fileTimestamp((this.options.now ?? (() => new Date()))());
    let aside = `${this.filePath}.corrupt-${stamp}`;
    for (let n = 2; await pathExists(aside); n++) {
      aside = `${this.filePath}.corrupt-${stamp}-${n}`;
    }
    try {
      await this.fs.rename(this.filePath, aside);
    } catch (error) {
      throw new Error(
        `${this.filePath} cannot be used (${problem}) and could not be moved aside ` +
          `(${describeFsError(error)}). Move or repair it, then open Factmark again.`,
      );
    }
    return aside;
  }
}

/**
 * Opens one JSON file as a lowdb database, validated against `schema`. A missing file gives
 * the defaults (written on the first write, not now). A damaged or unreadable file is never
 * overwritten: it is moved to `<name>.corrupt-<timestamp>`, `<name>.bak` is restored when
 * valid, and a warning notice names both files. A file from a newer Factmark opens read-only.
 * With `readOnly`, nothing is written or moved; problems are only reported.
 */
export async function openJsonFileDb<T extends Versioned, D extends T | null>(
  options: JsonFileDbOptions<T, D>,
): Promise<JsonFileDb<T, D>> {
  const adapter = new DurableFileAdapter<T | D>(options.filePath, { fs: options.fs });
  const db = new JsonFileDb<T, D>(options, adapter);
  await db.load();
  return db;
}

/** Whether a path exists (any kind of entry). */
export async function pathExists(target: string): Promise<boolean> {
  try {
    await fsp.lstat(target);
    return true;
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return false;
    throw error;
  }
}
