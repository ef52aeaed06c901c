import * as fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { dataDirFromArgs, defaultUserDataDir, ensureDataDir, resolveDataDir } from './data-dir';

describe('defaultUserDataDir', () => {
  it('matches Electron userData on Linux, honouring XDG_CONFIG_HOME', () => {
    expect(defaultUserDataDir('linux', {}, '/home/ana')).toBe('/home/ana/.config/Factmark');
    expect(defaultUserDataDir('linux', { XDG_CONFIG_HOME: '/xdg' }, '/home/ana')).toBe(
      '/xdg/Factmark',
    );
    expect(defaultUserDataDir('linux', { XDG_CONFIG_HOME: '' }, '/home/ana')).toBe(
      '/home/ana/.config/Factmark',
    );
  });

  it('matches Electron userData on macOS', () => {
    expect(defaultUserDataDir('darwin', { XDG_CONFIG_HOME: '/xdg' }, '/Users/ana')).toBe(
      '/Users/ana/Library/Application Support/Factmark',
    );
  });

  it('matches Electron userData on Windows', () => {
    const env = { APPDATA: 'C:\\Users\\ana\\AppData\\Roaming' };
    expect(defaultUserDataDir('win32', env, 'C:\\Users\\ana')).toBe(
      'C:\\Users\\ana\\AppData\\Roaming\\Factmark',
    );
    expect(defaultUserDataDir('win32', {}, 'C:\\Users\\ana')).toBe(
      'C:\\Users\\ana\\AppData\\Roaming\\Factmark',
    );
  });
});

describe('dataDirFromArgs', () => {
  it('reads both flag forms and ignores arguments after --', () => {
    expect(dataDirFromArgs(['--port', '0', '--data-dir', '/lib'])).toBe('/lib');
    expect(dataDirFromArgs(['--data-dir=/lib'])).toBe('/lib');
    expect(dataDirFromArgs(['app.js', '--port=3'])).toBeUndefined();
    expect(dataDirFromArgs(['--', '--data-dir', '/lib'])).toBeUndefined();
  });

  it('names the problem when the folder is missing', () => {
    expect(() => dataDirFromArgs(['--data-dir'])).toThrow('--data-dir needs a folder');
    expect(() => dataDirFromArgs(['--data-dir='])).toThrow('--data-dir needs a folder');
    expect(() => dataDirFromArgs(['--data-dir', '--port'])).toThrow('--data-dir needs a folder');
  });
});

describe('resolveDataDir', () => {
  const base = { platform: 'linux' as const, homedir: '/home/ana' };

  it('prefers --data-dir, then FACTMARK_DATA_DIR, then the per-user folder', () => {
    const env = { FACTMARK_DATA_DIR: '/from-env', XDG_CONFIG_HOME: '/xdg' };
    expect(resolveDataDir({ ...base, argv: ['--data-dir', '/from-flag'], env })).toBe('/from-flag');
    expect(resolveDataDir({ ...base, argv: [], env })).toBe('/from-env');
    expect(resolveDataDir({ ...base, argv: [], env: { XDG_CONFIG_HOME: '/xdg' } })).toBe(
      '/xdg/Factmark',
    );
    expect(resolveDataDir({ ...base, env: { FACTMARK_DATA_DIR: '' } })).toBe(
      '/home/ana/.config/Factmark',
    );
  });

  it('resolves a relative folder against the working folder', () => {
    expect(resolveDataDir({ ...base, argv: ['--data-dir=lib'], env: {} })).toBe(
      path.resolve('lib'),
    );
  });
});

describe('ensureDataDir', () => {
  let parent = '';
  afterEach(async () => {
    await fsp.rm(parent, { recursive: true, force: true });
  });

  it('creates missing folders, or only checks when create is false', async () => {
    parent = await fsp.mkdtemp(path.join(os.tmpdir(), 'factmark-dir-'));
    const dir = path.join(parent, 'a', 'b');
    await ensureDataDir(dir, { create: false });
    await expect(fsp.access(dir)).rejects.toThrow();
    await ensureDataDir(dir);
    expect((await fsp.stat(dir)).isDirectory()).toBe(true);
  });

  it('names a file that is in the way', async () => {
    parent = await fsp.mkdtemp(path.join(os.tmpdir(), 'factmark-dir-'));
    const file = path.join(parent, 'library');
    await fsp.writeFile(file, '');
    await expect(ensureDataDir(file)).rejects.toThrow(
      `The Factmark data folder ${file} is a file, not a folder.`,
    );
  });
});
