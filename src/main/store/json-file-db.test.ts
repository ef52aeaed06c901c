import * as fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ApiFailure } from '../../shared/api/result';
import type { DurableFs } from './durable-file-adapter';
import { fileTimestamp, openJsonFileDb, type JsonFileDbOptions } from './json-file-db';

const schema = z.object({ schemaVersion: z.number().int(), items: z.array(z.string()) });
type Doc = z.infer<typeof schema>;
const defaults = (): Doc => ({ schemaVersion: 1, items: [] });
const fixedNow = (): Date => new Date('2026-11-28T15:30:00.000Z');
const ASIDE = 'data.json.corrupt-2026-11-28T15-30-00-000Z';

const dirs: string[] = [];
async function tempDir(): Promise<string> {
  const dir = await fsp.mkdtemp(path.join(os.tmpdir(), 'factmark-db-'));
  dirs.push(dir);
  return dir;
}
afterEach(async () => {
  for (const dir of dirs.splice(0)) await fsp.rm(dir, { recursive: true, force: true });
});

function open(file: string, extra: Partial<JsonFileDbOptions<Doc, Doc>> = {}) {
  return openJsonFileDb({ filePath: file, schema, defaults, now: fixedNow, ...extra });
}

function fsError(code: string): Error {
  return Object.assign(new Error(`${code}: simulated`), { code });
}

/** A folder holding data.json = {items: ['second']} and data.json.bak = {items: ['first']}. */
async function withBackup(): Promise<{ dir: string; file: string }> {
  const dir = await tempDir();
  const file = path.join(dir, 'data.json');
  const db = await open(file);
  await db.write({ schemaVersion: 1, items: ['first'] });
  await db.write({ schemaVersion: 1, items: ['second'] });
  return { dir, file };
}

const corruptKinds: [string, Buffer][] = [
  ['empty', Buffer.alloc(0)],
  ['truncated mid-string', Buffer.from('{"schemaVersion": 1, "items": ["sec')],
  ['NUL-filled', Buffer.alloc(4096, 0)],
  ['null', Buffer.from('null')],
  ['[]', Buffer.from('[]')],
  ['wrong shape', Buffer.from('{"schemaVersion": 1, "items": "not a list"}')],
  ['invalid UTF-8', Buffer.from([0x7b, 0xff, 0xfe, 0x7d])],
];

describe('openJsonFileDb', () => {
  it('gives defaults for a missing file and writes nothing until the first write', async () => {
    const dir = await tempDir();
    const file = path.join(dir, 'data.json');
    const db = await open(file);
    expect(db.data).toEqual(defaults());
    expect(db.notices).toEqual([]);
    expect(await fsp.readdir(dir)).toEqual([]);
    await db.write({ schemaVersion: 1, items: ['a'] });
    expect((await open(file)).data).toEqual({ schemaVersion: 1, items: ['a'] });
  });

  it('round-trips through a fresh open', async () => {
    const { file } = await withBackup();
    const reopened = await open(file);
    expect(reopened.data).toEqual({ schemaVersion: 1, items: ['second'] });
    expect(reopened.readOnly).toBe(false);
    expect(reopened.notices).toEqual([]);
  });

  it('applies queued updates in order without losing any', async () => {
    const file = path.join(await tempDir(), 'data.json');
    const db = await open(file);
    await Promise.all(
      Array.from({ length: 10 }, (_, n) =>
        db.update((current) => ({ ...current, items: [...current.items, `item ${n}`] })),
      ),
    );
    const expected = Array.from({ length: 10 }, (_, n) => `item ${n}`);
    expect(db.data.items).toEqual(expected);
    expect((await open(file)).data.items).toEqual(expected);
  });

  it('writes nothing when an update reports no change', async () => {
    const { file } = await withBackup();
    const before = await fsp.stat(file);
    const db = await open(file);
    await db.update(() => undefined);
    expect((await fsp.stat(file)).ino).toBe(before.ino);
  });

  it('refuses to save data its own schema would reject', async () => {
    const { file } = await withBackup();
    const db = await open(file);
    const bad = { schemaVersion: 1, items: [42] } as unknown as Doc;
    await expect(db.write(bad)).rejects.toMatchObject({ code: 'invalid-input' });
    expect(JSON.parse(await fsp.readFile(file, 'utf8')).items).toEqual(['second']);
  });

  it.each(corruptKinds)(
    'moves a %s file aside byte for byte and restores the backup',
    async (_kind, bytes) => {
      const { dir, file } = await withBackup();
      await fsp.writeFile(file, bytes);
      const db = await open(file);
      expect(db.data.items).toEqual(['first']);
      expect(await fsp.readFile(path.join(dir, ASIDE))).toEqual(bytes);
      // The good copy is back in place, so the next open (or a read-only reader) finds it.
      expect(JSON.parse(await fsp.readFile(file, 'utf8')).items).toEqual(['first']);
      expect(db.notices).toHaveLength(1);
      expect(db.notices[0]?.level).toBe('warning');
      expect(db.notices[0]?.message).toContain(ASIDE);
      expect(db.notices[0]?.message).toContain('data.json.bak');
      expect((await open(file)).notices).toEqual([]);
    },
  );

  it('falls back to defaults when the backup is damaged too', async () => {
    const { dir, file } = await withBackup();
    await fsp.writeFile(file, 'null');
    await fsp.writeFile(`${file}.bak`, '{"schemaVersion": 1');
    const db = await open(file, { lostMessage: 'the list starts empty' });
    expect(db.data).toEqual(defaults());
    expect(db.notices[0]?.message).toMatch(
      /moved to .*corrupt.*no usable backup.*the list starts empty/,
    );
    expect(await fsp.readFile(path.join(dir, ASIDE), 'utf8')).toBe('null');
    await expect(fsp.access(file)).rejects.toThrow(); // Defaults are written on the first write.
  });

  it('never overwrites an earlier moved-aside file', async () => {
    const { dir, file } = await withBackup();
    await fsp.writeFile(path.join(dir, ASIDE), 'older damage');
    await fsp.writeFile(file, '[]');
    await open(file);
    expect(await fsp.readFile(path.join(dir, ASIDE), 'utf8')).toBe('older damage');
    expect(await fsp.readFile(path.join(dir, `${ASIDE}-2`), 'utf8')).toBe('[]');
  });

  it('opens a file from a newer Factmark read-only and never writes it', async () => {
    const dir = await tempDir();
    const file = path.join(dir, 'data.json');
    const future = '{"schemaVersion": 2, "items": ["from the future"], "extra": true}';
    await fsp.writeFile(file, future);
    const db = await open(file);
    expect(db.readOnly).toBe(true);
    expect(db.data.items).toEqual(['from the future']);
    expect(db.notices[0]).toMatchObject({ level: 'warning' });
    expect(db.notices[0]?.message).toMatch(/newer version of Factmark.*nothing will be saved/);
    const failure = await db.write(defaults()).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ApiFailure);
    expect(failure).toMatchObject({ code: 'read-only' });
    expect(await fsp.readFile(file, 'utf8')).toBe(future);
    expect(await fsp.readdir(dir)).toEqual(['data.json']);
  });

  it('with readOnly, reports damage but moves and writes nothing', async () => {
    const { dir, file } = await withBackup();
    await fsp.writeFile(file, '{"items": ');
    const before = (await fsp.readdir(dir)).sort();
    const db = await open(file, { readOnly: true });
    expect(db.data.items).toEqual(['first']);
    expect(db.notices[0]?.message).toMatch(/data\.json is damaged.*data\.json\.bak.*read-only/);
    await expect(db.write(defaults())).rejects.toMatchObject({ code: 'read-only' });
    expect((await fsp.readdir(dir)).sort()).toEqual(before);
    expect(await fsp.readFile(file, 'utf8')).toBe('{"items": ');
  });

  it('moves an unreadable file aside and restores the backup', async () => {
    const { dir, file } = await withBackup();
    // Tests run as root, where chmod 000 does not stop reads: simulate EACCES instead.
    const readFile = (async (target: string, ...rest: []) => {
      if (target === file) throw fsError('EACCES');
      return fsp.readFile(target, ...rest);
    }) as DurableFs['readFile'];
    const db = await open(file, { fs: { readFile } });
    expect(db.data.items).toEqual(['first']);
    expect(db.notices[0]?.message).toMatch(/permission denied \(EACCES\).*data\.json\.bak/);
    expect(JSON.parse(await fsp.readFile(path.join(dir, ASIDE), 'utf8')).items).toEqual(['second']);
  });

  it('throws an error naming the file when it can be neither read nor moved aside', async () => {
    const { file } = await withBackup();
    const readFile = (async (target: string, ...rest: []) => {
      if (target === file) throw fsError('EACCES');
      return fsp.readFile(target, ...rest);
    }) as DurableFs['readFile'];
    const rename: DurableFs['rename'] = async () => {
      throw fsError('EACCES');
    };
    await expect(open(file, { fs: { readFile, rename } })).rejects.toThrow(
      `${file} cannot be used (it cannot be read: permission denied (EACCES))`,
    );
    expect(JSON.parse(await fsp.readFile(file, 'utf8')).items).toEqual(['second']);
  });

  it('on a failed write throws storage-failed and keeps memory equal to disk', async () => {
    const { dir, file } = await withBackup();
    let failing = true;
    const rename: DurableFs['rename'] = async (from, to) => {
      if (failing) throw fsError('EROFS');
      await fsp.rename(from, to);
    };
    const db = await open(file, { fs: { rename } });
    const failure = await db
      .write({ schemaVersion: 1, items: ['third'] })
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ApiFailure);
    expect(failure).toMatchObject({ code: 'storage-failed' });
    expect((failure as Error).message).toContain(file);
    expect((failure as Error).message).toContain('read-only (EROFS)');
    expect(db.data.items).toEqual(['second']);
    expect(JSON.parse(await fsp.readFile(file, 'utf8')).items).toEqual(['second']);
    expect((await fsp.readdir(dir)).sort()).toEqual(['data.json', 'data.json.bak']);
    failing = false;
    await db.write({ schemaVersion: 1, items: ['third'] });
    expect((await open(file)).data.items).toEqual(['third']);
  });
});

describe('fileTimestamp', () => {
  it('is safe in file names on every platform', () => {
    expect(fileTimestamp(fixedNow())).toBe('2026-11-28T15-30-00-000Z');
  });
});
