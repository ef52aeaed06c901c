/**
 * A switchable fault in the file system, for `vi.mock('node:fs/promises', faultyFsPromises)`.
 * Every call that changes the disk (open, write, fsync, link, rename, copy, mkdir) under
 * `faults.within` is counted; the call numbered `faults.armedAt` fails with `faults.code`, as a
 * full (ENOSPC), read-only (EROFS) or failing (EIO) disk would. Reads are never failed here.
 */
export interface FaultSwitch {
  /** Only paths starting with this folder are counted; '' counts nothing. */
  within: string;
  /** The 0-based number of the counted call that fails; -1 fails none. */
  armedAt: number;
  /** Counted calls so far. */
  calls: number;
  code: 'ENOSPC' | 'EROFS' | 'EIO';
  /** What failed, for messages: "rename /x/library.json.tmp". */
  failed: string[];
}

type FsPromises = typeof import('node:fs/promises');

/** Wraps the real `node:fs/promises` so `faults` decides which disk-changing call fails. */
export function faultyFsPromises(real: FsPromises, faults: FaultSwitch): FsPromises {
  const hit = (operation: string, target: unknown): void => {
    const file = String(target);
    if (!faults.within || !file.startsWith(faults.within)) return;
    const number = faults.calls++;
    if (number !== faults.armedAt) return;
    faults.failed.push(`${operation} ${file}`);
    throw Object.assign(new Error(`${faults.code}: simulated failure, ${operation} '${file}'`), {
      code: faults.code,
      syscall: operation,
      path: file,
    });
  };
  const wrapHandle = (handle: Awaited<ReturnType<FsPromises['open']>>, file: string) =>
    new Proxy(handle, {
      get(target, property) {
        const value: unknown = Reflect.get(target, property);
        if (typeof value !== 'function') return value;
        if (property === 'writeFile' || property === 'write' || property === 'sync') {
          return async (...args: unknown[]) => {
            hit(String(property), file);
            return (value as (...a: unknown[]) => unknown).apply(target, args);
          };
        }
        return (value as (...a: unknown[]) => unknown).bind(target);
      },
    });
  const wrapped: Partial<FsPromises> = {
    open: (async (file: Parameters<FsPromises['open']>[0], ...rest: unknown[]) => {
      hit('open', file);
      const handle = await (real.open as (...a: unknown[]) => ReturnType<FsPromises['open']>)(
        file,
        ...rest,
      );
      return wrapHandle(handle, String(file));
    }) as FsPromises['open'],
    rename: (async (from, to) => {
      hit('rename', from);
      return real.rename(from, to);
    }) as FsPromises['rename'],
    link: (async (from, to) => {
      hit('link', from);
      return real.link(from, to);
    }) as FsPromises['link'],
    copyFile: (async (from, to, mode) => {
      hit('copyFile', from);
      return real.copyFile(from, to, mode);
    }) as FsPromises['copyFile'],
    mkdir: (async (
      file: Parameters<FsPromises['mkdir']>[0],
      options?: Parameters<FsPromises['mkdir']>[1],
    ) => {
      hit('mkdir', file);
      return real.mkdir(file, options);
    }) as FsPromises['mkdir'],
    writeFile: (async (file: Parameters<FsPromises['writeFile']>[0], ...rest: unknown[]) => {
      hit('writeFile', file);
      return (real.writeFile as (...a: unknown[]) => Promise<void>)(file, ...rest);
    }) as FsPromises['writeFile'],
  };
  return { ...real, ...wrapped, default: { ...real, ...wrapped } } as FsPromises;
}
