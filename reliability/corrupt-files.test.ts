import * as fsp from 'node:fs/promises';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { call } from '../src/main/api/dispatcher';
import { openFactmark, type FactmarkLibrary } from '../src/main/services/open-factmark';
import { openLibraryStore } from '../src/main/store/library-store';
import { defaultSettingsFile } from '../src/main/store/store-schemas';
import { changedFiles, makeTempDir, removeTempDirs, snapshotFiles } from './support/files';
import { RESOURCES_DIR } from './support/paths';
import { recordResult } from './support/report';
import {
  callHost,
  killAllHosts,
  runHostExpectingFailure,
  startHost,
} from './support/web-host-process';

afterEach(killAllHosts);
afterAll(removeTempDirs);

/** What a corruption puts in place of a good file. */
type Damage = Buffer | 'folder' | 'future' | 'unreadable';

/** Damaged-file kinds met in the wild: crashes, disk errors, editors, other programs, newer versions. */
const corruptions: [string, (good: Buffer) => Damage][] = [
  ['empty', () => Buffer.alloc(0)],
  [
    'truncated mid-string',
    (good) => {
      const text = good.toString('utf8');
      const at = text.indexOf('": "', Math.floor(text.length / 2));
      return Buffer.from(text.slice(0, (at === -1 ? text.indexOf('": "') : at) + 7), 'utf8');
    },
  ],
  ['NUL-filled', (good) => Buffer.alloc(good.length, 0)],
  ['null', () => Buffer.from('null\n')],
  ['[]', () => Buffer.from('[]\n')],
  ['valid JSON, wrong shape', () => Buffer.from('{"schemaVersion": 1, "hello": "world"}\n')],
  [
    'invalid UTF-8',
    (good) => Buffer.concat([good.subarray(0, 20), Buffer.from([0xff, 0xfe]), good.subarray(20)]),
  ],
  ['a folder in its place', () => 'folder'],
  ['unreadable (no permission)', () => 'unreadable'],
  ['future schemaVersion', () => 'future'],
];

type Target = 'library.json' | 'settings.json' | 'article';

let template: string;
let articleId: string;
const isRoot = process.getuid?.() === 0;
let cases = 0;
let failures = 0;
let dataLost = 0;

/**
 * A library where every file has been written at least twice, so each has a `.bak`: the sample
 * article with one claim (note "first", then "second"), and settings saved twice.
 */
beforeAll(async () => {
  template = await makeTempDir('factmark-corrupt-template-');
  const library = await openFactmark({ dataDir: template, resourcesDir: RESOURCES_DIR });
  const listed = await call(library.dispatch, 'getLibrary', {});
  if (!listed.ok) throw new Error(listed.error.message);
  articleId = listed.value.articles[0]!.id;
  const created = await call(library.dispatch, 'createAnnotation', { articleId, start: 0, end: 5 });
  if (!created.ok) throw new Error(created.error.message);
  for (const note of ['first', 'second']) {
    await call(library.dispatch, 'updateAnnotation', {
      articleId,
      annotationId: created.value.id,
      patch: { note },
    });
  }
  const settings = await call(library.dispatch, 'getSettings', {});
  if (!settings.ok) throw new Error(settings.error.message);
  await call(library.dispatch, 'setTaxonomy', {
    taxonomy: { ...settings.value.taxonomy, presetId: 'custom' },
  });
  await library.close();
});

afterAll(() => recordResult({ area: 'Corrupt files at start', cases, failures, dataLost }));

function targetPath(dir: string, target: Target): string {
  return path.join(dir, target === 'article' ? `articles/${articleId}.json` : target);
}

function labelOf(target: Target): string {
  return target === 'article' ? `articles/${articleId}.json` : target;
}

/** A copy of the template library, with or without the target's `.bak`. */
async function libraryCopy(target: Target, withBackup: boolean): Promise<string> {
  const dir = await makeTempDir('factmark-corrupt-');
  await fsp.cp(template, dir, { recursive: true });
  if (!withBackup) await fsp.rm(`${targetPath(dir, target)}.bak`);
  return dir;
}

/** An fs override that fails reads of one file with EACCES, as chmod 000 would for a non-root user. */
function deniedReads(file: string) {
  return {
    readFile: ((target: Parameters<typeof fsp.readFile>[0], ...rest: unknown[]) =>
      String(target) === file
        ? Promise.reject(
            Object.assign(new Error(`EACCES: permission denied, open '${file}'`), {
              code: 'EACCES',
            }),
          )
        : (fsp.readFile as (...args: unknown[]) => Promise<Buffer>)(
            target,
            ...rest,
          )) as typeof fsp.readFile,
  };
}

/** Opens the library as the app does and reads everything a reader would see. */
async function openAndRead(
  dir: string,
  unreadable: string | undefined,
): Promise<{
  notices: string[];
  library: unknown;
  article: unknown;
  settings: unknown;
  readOnly: boolean;
  saveCode: string | undefined;
}> {
  let lib: FactmarkLibrary | undefined;
  let store;
  if (unreadable) {
    // Root ignores chmod, so the store's injectable fs plays the part of a file it may not read.
    store = await openLibraryStore(dir, { fs: deniedReads(unreadable) });
  } else {
    lib = await openFactmark({ dataDir: dir, resourcesDir: RESOURCES_DIR });
    store = lib.store;
  }
  try {
    const article = await store.readArticle(articleId).catch((error: unknown) => error);
    let saveCode: string | undefined;
    if (lib) {
      // A save the reader attempts: refused on a read-only (future) file, else it goes through.
      const record = await call(lib.dispatch, 'getArticle', { articleId });
      if (record.ok && record.value.annotations[0]) {
        const saved = await call(lib.dispatch, 'updateAnnotation', {
          articleId,
          annotationId: record.value.annotations[0].id,
          patch: { status: 'in-progress' },
        });
        saveCode = saved.ok ? 'ok' : saved.error.code;
      }
    }
    return {
      notices: store.notices.map((n) => n.message),
      library: store.listArticles(),
      article,
      settings: store.getSettings(),
      readOnly: store.readOnly,
      saveCode,
    };
  } finally {
    await store.close();
  }
}

describe.each<Target>(['library.json', 'settings.json', 'article'])('a damaged %s', (target) => {
  describe.each([true, false])('with a backup: %s', (withBackup) => {
    it.each(corruptions)(
      '%s: clear message, bad file kept aside, good data kept',
      async (kind, make) => {
        const dir = await libraryCopy(target, withBackup);
        const file = targetPath(dir, target);
        const good = await fsp.readFile(file);
        const backup = withBackup
          ? JSON.parse(await fsp.readFile(`${file}.bak`, 'utf8'))
          : undefined;
        const damage = make(good);
        let badBytes: Buffer | undefined;
        if (damage === 'folder') {
          await fsp.rm(file);
          await fsp.mkdir(file);
          await fsp.writeFile(path.join(file, 'inside.txt'), 'a folder where a file should be');
        } else if (damage === 'future') {
          badBytes = Buffer.from(
            JSON.stringify({ ...JSON.parse(good.toString('utf8')), schemaVersion: 99 }, null, 2),
          );
          await fsp.writeFile(file, badBytes);
        } else if (damage === 'unreadable') {
          badBytes = good;
          if (!isRoot) await fsp.chmod(file, 0o000);
        } else {
          badBytes = damage;
          await fsp.writeFile(file, damage);
        }
        const before = await snapshotFiles(dir).catch(() => undefined);
        const inode = (await fsp.stat(file)).ino;

        const seen = await openAndRead(dir, damage === 'unreadable' && isRoot ? file : undefined);
        if (!isRoot) await fsp.chmod(file, 0o644).catch(() => undefined);
        const problems: string[] = [];
        let lost = 0;
        const label = labelOf(target);
        const after = await snapshotFiles(dir);
        const folder = path.dirname(file);
        const asideName = (await fsp.readdir(folder)).find((n) =>
          n.startsWith(`${path.basename(file)}.corrupt-`),
        );

        if (damage === 'future') {
          if (asideName) problems.push('a file from a newer Factmark was moved aside');
          if (!(await fsp.readFile(file)).equals(badBytes as Buffer))
            problems.push('the newer file was rewritten');
          if (!seen.notices.some((m) => m.includes(label) && m.includes('newer version'))) {
            problems.push(
              `no notice names ${label} as from a newer version: ${seen.notices.join(' | ')}`,
            );
          }
          if (seen.saveCode !== 'read-only' && target !== 'settings.json') {
            problems.push(`a save was not refused as read-only (${seen.saveCode})`);
          }
          if (target !== 'article' && !seen.readOnly) problems.push('the library is not read-only');
          if (before && changedFiles(before, after).length > 0) {
            problems.push(`files changed: ${changedFiles(before, after).join(', ')}`);
            lost++;
          }
        } else {
          // The bad file is kept aside, whole (same inode, same bytes), under a name the notice gives.
          if (!asideName) {
            problems.push('the damaged file was not moved aside');
            lost++;
          } else {
            const aside = path.join(folder, asideName);
            if ((await fsp.stat(aside)).ino !== inode)
              problems.push('the moved-aside file is not the damaged one');
            if (damage === 'folder' && !(await fsp.readdir(aside)).includes('inside.txt')) {
              problems.push("the folder's contents did not move with it");
              lost++;
            }
            if (badBytes && !(await fsp.readFile(aside)).equals(badBytes)) {
              problems.push('the moved-aside bytes differ from the damaged ones');
              lost++;
            }
            if (!seen.notices.some((m) => m.includes(label) && m.includes(asideName))) {
              problems.push(
                `no notice names ${label} and ${asideName}: ${seen.notices.join(' | ')}`,
              );
            }
          }
          // Good data: other files untouched; the target restored from its backup, or rebuilt.
          const touched = before
            ? changedFiles(before, after).filter(
                (name) =>
                  !name.includes('.corrupt-') &&
                  path.join(dir, name) !== file &&
                  !path.join(dir, name).startsWith(`${file}${path.sep}`),
              )
            : [];
          // A save through the API (status -> in-progress) legitimately rewrites the article and index.
          const expectedWrites = [
            'library.json',
            `articles/${articleId}.json`,
            'library.json.bak',
            `articles/${articleId}.json.bak`,
          ];
          const unexpected = touched.filter(
            (name) => !(seen.saveCode === 'ok' && expectedWrites.includes(name)),
          );
          if (unexpected.length > 0) {
            problems.push(`good files changed: ${unexpected.join(', ')}`);
            lost += unexpected.length;
          }
          const libraryList = seen.library as { id: string; claimCount: number }[];
          if (
            target === 'library.json' &&
            !(libraryList.length === 1 && libraryList[0]?.claimCount === 1)
          ) {
            problems.push(`the article list was not rebuilt: ${JSON.stringify(libraryList)}`);
            lost++;
          }
          if (target === 'settings.json') {
            const wanted = backup ? backup.settings : defaultSettingsFile().settings;
            if (JSON.stringify(seen.settings) !== JSON.stringify(wanted)) {
              problems.push(
                `settings are neither the backup nor the defaults: ${JSON.stringify(seen.settings)}`,
              );
            }
          }
          if (target === 'article') {
            const article = seen.article as { annotations: { note: string }[] } | undefined;
            if (backup && article?.annotations[0]?.note !== backup.annotations[0]?.note) {
              problems.push('the article was not restored from its backup');
              lost++;
            }
            if (!backup && article !== undefined)
              problems.push('an unrecoverable article was not reported missing');
          }
        }
        cases++;
        if (problems.length > 0) failures++;
        dataLost += lost;
        expect(problems, `${kind} ${label} (backup: ${withBackup})`).toEqual([]);
      },
    );
  });
});

describe('a data folder that is a file', () => {
  it('openFactmark and the web host refuse it with a message naming it, and leave it alone', async () => {
    const parent = await makeTempDir('factmark-notafolder-');
    const file = path.join(parent, 'library');
    await fsp.writeFile(file, 'my notes, not a library');
    const error = await openFactmark({ dataDir: file, resourcesDir: RESOURCES_DIR }).then(
      () => undefined,
      (e: unknown) => e,
    );
    const host = await runHostExpectingFailure(['--data-dir', file, '--port', '0']);
    const problems: string[] = [];
    if (!(error instanceof Error && error.message.includes(`${file} is a file, not a folder`))) {
      problems.push(`openFactmark: ${String(error)}`);
    }
    if (host.started || host.code === 0) problems.push('the web host started');
    if (!host.stderr.includes(`${file} is a file, not a folder`))
      problems.push(`host said: ${host.stderr}`);
    const untouched = (await fsp.readFile(file, 'utf8')) === 'my notes, not a library';
    if (!untouched) problems.push('the file was changed');
    if ((await fsp.readdir(parent)).length !== 1) problems.push('files appeared beside it');
    cases++;
    if (problems.length > 0) failures++;
    if (!untouched) dataLost++;
    expect(problems).toEqual([]);
  });
});

describe('through the built web host', () => {
  it.each(
    corruptions.filter(
      ([kind]) => !['future schemaVersion', 'unreadable (no permission)'].includes(kind),
    ),
  )(
    'library.json %s: the host starts, warns naming both files, and lists the article',
    async (_kind, make) => {
      const dir = await libraryCopy('library.json', true);
      const file = path.join(dir, 'library.json');
      const damage = make(await fsp.readFile(file));
      if (damage === 'folder') {
        await fsp.rm(file);
        await fsp.mkdir(file);
      } else {
        await fsp.writeFile(file, damage as Buffer);
      }
      const host = await startHost(dir);
      const notices = await callHost(host, 'getNotices', {});
      const listed = await callHost(host, 'getLibrary', {});
      host.child.kill('SIGTERM');
      await host.exited;
      const aside = (await fsp.readdir(dir)).find((n) => n.startsWith('library.json.corrupt-'));
      const problems: string[] = [];
      if (!aside) problems.push('not moved aside');
      else if (!host.output().stderr.includes(aside))
        problems.push(`no warning names ${aside}: ${host.output().stderr}`);
      const messages = (notices.result.value as { message: string }[]).map((n) => n.message);
      if (!messages.some((m) => m.includes('library.json') && (!aside || m.includes(aside)))) {
        problems.push(`getNotices: ${messages.join(' | ')}`);
      }
      const articles = (listed.result.value as { articles: { id: string; claimCount: number }[] })
        .articles;
      if (articles.length !== 1 || articles[0]?.id !== articleId || articles[0]?.claimCount !== 1) {
        problems.push(`getLibrary: ${JSON.stringify(articles)}`);
      }
      cases++;
      if (problems.length > 0) failures++;
      expect(problems).toEqual([]);
    },
  );

  it('a future schemaVersion: the host starts read-only and refuses saves over HTTP', async () => {
    const dir = await libraryCopy('settings.json', true);
    const file = path.join(dir, 'settings.json');
    const good = JSON.parse(await fsp.readFile(file, 'utf8'));
    await fsp.writeFile(file, JSON.stringify({ ...good, schemaVersion: 99 }));
    const before = await snapshotFiles(dir);
    const host = await startHost(dir);
    const listed = await callHost(host, 'getLibrary', {});
    const saved = await callHost(host, 'openArticle', { articleId: 'elsewhere' });
    const taxonomy = await callHost(host, 'setTaxonomy', { taxonomy: good.settings.taxonomy });
    host.child.kill('SIGTERM');
    await host.exited;
    const problems: string[] = [];
    if ((listed.result.value as { readOnly: boolean }).readOnly !== true)
      problems.push('not read-only');
    if (saved.result.ok) problems.push('openArticle of a missing article succeeded');
    if (taxonomy.result.error?.code !== 'read-only')
      problems.push(`setTaxonomy: ${JSON.stringify(taxonomy.result)}`);
    if (!host.output().stderr.includes('newer version'))
      problems.push(`no warning: ${host.output().stderr}`);
    const changed = changedFiles(before, await snapshotFiles(dir));
    if (changed.length > 0) problems.push(`files changed: ${changed.join(', ')}`);
    cases++;
    if (problems.length > 0) failures++;
    if (changed.length > 0) dataLost++;
    expect(problems).toEqual([]);
  });
});
