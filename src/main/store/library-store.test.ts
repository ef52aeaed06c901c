import * as fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Annotation } from '../../shared/annotation/annotation-model';
import { defaultTaxonomy, politifactPreset } from '../../shared/annotation/verdicts';
import { ApiFailure } from '../../shared/api/result';
import type { DurableFs } from './durable-file-adapter';
import { openLibraryStore } from './library-store';
import type { ArticleRecord } from './store-types';

const dirs: string[] = [];
async function tempDir(): Promise<string> {
  const dir = await fsp.mkdtemp(path.join(os.tmpdir(), 'factmark-library-'));
  dirs.push(dir);
  return dir;
}
afterEach(async () => {
  for (const dir of dirs.splice(0)) {
    await fsp.chmod(path.join(dir, 'articles'), 0o755).catch(() => undefined);
    await fsp.chmod(dir, 0o755).catch(() => undefined);
    await fsp.rm(dir, { recursive: true, force: true });
  }
});

function annotation(n: number, note = ''): Annotation {
  return {
    id: `claim-${n}`,
    start: n * 10,
    end: n * 10 + 5,
    quote: { exact: 'words', prefix: '', suffix: '' },
    verdictId: null,
    status: 'unreviewed',
    summary: '',
    note,
    labels: [],
    evidence: [],
    anchor: 'anchored',
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
  };
}

function record(id: string, options: { addedAt?: string; claims?: number; note?: string } = {}) {
  return {
    article: {
      id,
      metadata: { title: `Title of ${id}`, published: '2026-03-01' },
      blocks: [{ kind: 'paragraph' as const, text: 'Some words of the article.' }],
      addedAt: options.addedAt ?? '2026-01-01T00:00:00.000Z',
    },
    annotations: Array.from({ length: options.claims ?? 0 }, (_, n) => annotation(n, options.note)),
  } satisfies ArticleRecord;
}

function fsError(code: string): Error {
  return Object.assign(new Error(`${code}: simulated`), { code });
}

async function snapshot(dir: string): Promise<Record<string, string>> {
  const files: Record<string, string> = {};
  for (const entry of await fsp.readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const full = path.join(entry.parentPath, entry.name);
    files[path.relative(dir, full)] = await fsp.readFile(full, 'base64');
  }
  return files;
}

describe('openLibraryStore', () => {
  it('creates a missing folder and starts empty without writing any file', async () => {
    const dataDir = path.join(await tempDir(), 'nested', 'library');
    const store = await openLibraryStore(dataDir);
    expect(store.dataDir).toBe(dataDir);
    expect(store.listArticles()).toEqual([]);
    expect(store.sampleSeeded).toBe(false);
    expect(store.readOnly).toBe(false);
    expect(store.notices).toEqual([]);
    expect(store.getSettings()).toEqual({ taxonomy: defaultTaxonomy(), openArticleId: null });
    expect(await store.readArticle('nothing-here')).toBeUndefined();
    expect(await fsp.readdir(dataDir)).toEqual([]);
  });

  it('refuses a data folder that is a file, naming it', async () => {
    const file = path.join(await tempDir(), 'library');
    await fsp.writeFile(file, 'not a folder');
    await expect(openLibraryStore(file)).rejects.toThrow(`${file} is a file, not a folder`);
  });

  it('round-trips articles, settings and the sample flag through a fresh open', async () => {
    const dataDir = await tempDir();
    const store = await openLibraryStore(dataDir);
    await store.writeArticle(record('older', { addedAt: '2026-01-01T00:00:00.000Z', claims: 2 }));
    await store.writeArticle(record('newer', { addedAt: '2026-02-01T00:00:00.000Z' }));
    const settings = {
      taxonomy: {
        ...defaultTaxonomy(),
        presetId: 'politifact',
        verdicts: politifactPreset.verdicts,
      },
      openArticleId: 'older',
    };
    await store.writeSettings(settings);
    await store.markSampleSeeded();
    await store.close();

    const reopened = await openLibraryStore(dataDir);
    expect(reopened.listArticles()).toEqual([
      {
        id: 'newer',
        title: 'Title of newer',
        published: '2026-03-01',
        addedAt: '2026-02-01T00:00:00.000Z',
        claimCount: 0,
      },
      {
        id: 'older',
        title: 'Title of older',
        published: '2026-03-01',
        addedAt: '2026-01-01T00:00:00.000Z',
        claimCount: 2,
      },
    ]);
    expect(await reopened.readArticle('older')).toEqual(record('older', { claims: 2 }));
    expect(reopened.getSettings()).toEqual(settings);
    expect(reopened.sampleSeeded).toBe(true);
    expect(reopened.notices).toEqual([]);
  });

  it('an annotation edit rewrites only the article file', async () => {
    const dataDir = await tempDir();
    const store = await openLibraryStore(dataDir);
    await store.writeArticle(record('a1', { claims: 1, note: 'first note' }));
    const indexBefore = await fsp.stat(path.join(dataDir, 'library.json'));
    const indexText = await fsp.readFile(path.join(dataDir, 'library.json'), 'utf8');
    const articleBefore = await fsp.stat(path.join(dataDir, 'articles', 'a1.json'));

    await store.writeArticle(record('a1', { claims: 1, note: 'edited note' }));
    // Every durable write renames a new inode into place, so an unchanged inode means untouched.
    const indexAfter = await fsp.stat(path.join(dataDir, 'library.json'));
    expect(indexAfter.ino).toBe(indexBefore.ino);
    expect(indexAfter.mtimeMs).toBe(indexBefore.mtimeMs);
    expect(await fsp.readFile(path.join(dataDir, 'library.json'), 'utf8')).toBe(indexText);
    expect((await fsp.stat(path.join(dataDir, 'articles', 'a1.json'))).ino).not.toBe(
      articleBefore.ino,
    );
    expect((await store.readArticle('a1'))?.annotations[0]?.note).toBe('edited note');

    // A new claim changes the claim count, so then the index is rewritten.
    await store.writeArticle(record('a1', { claims: 2 }));
    expect((await fsp.stat(path.join(dataDir, 'library.json'))).ino).not.toBe(indexBefore.ino);
    expect(store.listArticles()[0]?.claimCount).toBe(2);
  });

  it('serialises concurrent writes to one article: the last one wins on disk and in the index', async () => {
    const dataDir = await tempDir();
    const store = await openLibraryStore(dataDir);
    await Promise.all(
      [1, 2, 3, 4, 5, 1].map((claims) => store.writeArticle(record('a1', { claims }))),
    );
    expect(store.listArticles()[0]?.claimCount).toBe(1);
    const reopened = await openLibraryStore(dataDir);
    expect(reopened.listArticles()[0]?.claimCount).toBe(1);
    expect((await reopened.readArticle('a1'))?.annotations).toHaveLength(1);
  });

  it('hands out copies, so a caller changing one does not change the store', async () => {
    const store = await openLibraryStore(await tempDir());
    await store.writeArticle(record('a1', { claims: 1 }));
    const copy = await store.readArticle('a1');
    copy?.annotations.pop();
    store.getSettings().taxonomy.verdicts.length = 0;
    expect((await store.readArticle('a1'))?.annotations).toHaveLength(1);
    expect(store.getSettings().taxonomy.verdicts.length).toBeGreaterThan(0);
  });

  it.each(['../evil', 'a/b', 'a.json', '', 'x'.repeat(101), 'semi;colon'])(
    'rejects the unsafe article id %j',
    async (id) => {
      const dataDir = await tempDir();
      const store = await openLibraryStore(dataDir);
      await expect(store.writeArticle(record(id))).rejects.toMatchObject({ code: 'invalid-input' });
      await expect(store.readArticle(id)).rejects.toMatchObject({ code: 'invalid-input' });
      expect(await fsp.readdir(dataDir)).toEqual([]);
    },
  );

  it('moves a damaged article file aside, restores its backup and reports it', async () => {
    const dataDir = await tempDir();
    const store = await openLibraryStore(dataDir);
    await store.writeArticle(record('a1', { claims: 1 }));
    await store.writeArticle(record('a1', { claims: 2 }));
    const damaged = Buffer.from('{"schemaVersion": 1, "article": {"id": "a1", "meta');
    await fsp.writeFile(path.join(dataDir, 'articles', 'a1.json'), damaged);

    const reopened = await openLibraryStore(dataDir);
    expect((await reopened.readArticle('a1'))?.annotations).toHaveLength(1);
    const aside = (await fsp.readdir(path.join(dataDir, 'articles'))).find((n) =>
      n.includes('.corrupt-'),
    );
    expect(aside).toMatch(/^a1\.json\.corrupt-\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d-\d{3}Z$/);
    expect(await fsp.readFile(path.join(dataDir, 'articles', aside ?? ''))).toEqual(damaged);
    expect(reopened.notices).toHaveLength(1);
    expect(reopened.notices[0]?.message).toContain(`articles/${aside}`);
    expect(reopened.notices[0]?.message).toContain('articles/a1.json.bak');
  });

  it('rebuilds a lost index from the article files', async () => {
    const dataDir = await tempDir();
    const store = await openLibraryStore(dataDir);
    await store.writeArticle(record('a1', { claims: 3 }));
    await store.writeArticle(record('a2'));
    await fsp.rm(path.join(dataDir, 'library.json.bak'));
    await fsp.writeFile(path.join(dataDir, 'library.json'), '');

    const reopened = await openLibraryStore(dataDir);
    expect(reopened.listArticles().map((a) => [a.id, a.claimCount])).toEqual([
      ['a1', 3],
      ['a2', 0],
    ]);
    expect(reopened.sampleSeeded).toBe(true);
    expect(reopened.notices.map((n) => n.message).join('\n')).toMatch(/Rebuilt the library index/);
    expect((await openLibraryStore(dataDir)).listArticles()).toHaveLength(2);
  });

  it('opens a library from a newer Factmark read-only and leaves its files alone', async () => {
    const dataDir = await tempDir();
    const future = '{"schemaVersion": 2, "sampleSeeded": true, "articles": []}\n';
    await fsp.writeFile(path.join(dataDir, 'library.json'), future);
    const store = await openLibraryStore(dataDir);
    expect(store.readOnly).toBe(true);
    expect(store.notices[0]?.message).toMatch(/library\.json.*newer version of Factmark/);
    for (const attempt of [
      store.writeArticle(record('a1')),
      store.writeSettings(store.getSettings()),
      store.markSampleSeeded(),
    ]) {
      const failure = await attempt.catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(ApiFailure);
      expect(failure).toMatchObject({ code: 'read-only' });
    }
    expect(await fsp.readdir(dataDir)).toEqual(['library.json']);
    expect(await fsp.readFile(path.join(dataDir, 'library.json'), 'utf8')).toBe(future);
  });

  it('with readOnly never writes, creates or moves anything', async () => {
    const parent = await tempDir();
    const missing = path.join(parent, 'not-yet');
    const empty = await openLibraryStore(missing, { readOnly: true });
    await expect(empty.writeSettings(empty.getSettings())).rejects.toMatchObject({
      code: 'read-only',
    });
    await expect(fsp.access(missing)).rejects.toThrow();

    const dataDir = await tempDir();
    const store = await openLibraryStore(dataDir);
    await store.writeArticle(record('a1', { claims: 1 }));
    await store.writeArticle(record('a1', { claims: 2 }));
    await store.writeArticle(record('a2'));
    await fsp.writeFile(path.join(dataDir, 'library.json'), 'null');
    await fsp.writeFile(path.join(dataDir, 'articles', 'a1.json'), '[]');
    const before = await snapshot(dataDir);

    const reader = await openLibraryStore(dataDir, { readOnly: true });
    expect(reader.readOnly).toBe(true);
    expect(reader.listArticles().map((a) => a.id)).toEqual(['a1']); // from library.json.bak
    // From a1.json.bak, in memory only.
    expect((await reader.readArticle('a1'))?.annotations).toHaveLength(1);
    expect(reader.notices.map((n) => n.message).join('\n')).toMatch(/Nothing was moved or saved/);
    await expect(reader.writeArticle(record('a3'))).rejects.toMatchObject({ code: 'read-only' });
    await expect(reader.markSampleSeeded()).rejects.toMatchObject({ code: 'read-only' });
    await reader.close();
    expect(await snapshot(dataDir)).toEqual(before);
  });

  it('a failed write (simulated read-only disk) keeps the previous state and throws storage-failed', async () => {
    const dataDir = await tempDir();
    const first = await openLibraryStore(dataDir);
    await first.writeArticle(record('a1', { claims: 1 }));
    await first.close();
    const before = await snapshot(dataDir);

    const rename: DurableFs['rename'] = async () => {
      throw fsError('EROFS');
    };
    const store = await openLibraryStore(dataDir, { fs: { rename } });
    const failure = await store.writeArticle(record('a1', { claims: 2 })).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(ApiFailure);
    expect(failure).toMatchObject({ code: 'storage-failed' });
    expect((failure as Error).message).toContain(path.join(dataDir, 'articles', 'a1.json'));
    expect((failure as Error).message).toContain('EROFS');
    expect((await store.readArticle('a1'))?.annotations).toHaveLength(1);
    expect(store.listArticles()[0]?.claimCount).toBe(1);
    expect(await snapshot(dataDir)).toEqual(before);
  });

  it('a write into a chmod 0555 folder keeps the previous state and throws storage-failed', async (context) => {
    const dataDir = await tempDir();
    const store = await openLibraryStore(dataDir);
    await store.writeArticle(record('a1', { claims: 1 }));
    const articlesDir = path.join(dataDir, 'articles');
    await fsp.chmod(articlesDir, 0o555);
    const probe = path.join(articlesDir, 'probe');
    const chmodStopsWrites = await fsp.writeFile(probe, '').then(
      () => fsp.rm(probe).then(() => false),
      () => true,
    );
    if (!chmodStopsWrites) {
      // Root ignores folder permissions; the simulated EROFS test above covers this path.
      console.log('skipped: chmod 0555 does not stop writes for this user (running as root)');
      context.skip();
    }
    const before = await snapshot(dataDir);
    await expect(store.writeArticle(record('a1', { claims: 2 }))).rejects.toMatchObject({
      code: 'storage-failed',
    });
    expect((await store.readArticle('a1'))?.annotations).toHaveLength(1);
    expect(await snapshot(dataDir)).toEqual(before);
  });

  it('removes temp files that a killed writer left behind, but not those of a live one', async () => {
    const dataDir = await tempDir();
    const store = await openLibraryStore(dataDir);
    await store.writeArticle(record('a1', { claims: 1 }));
    await store.close();
    const dead = 2 ** 22 + 1; // Above any pid_max: no such process.
    const leftovers = [
      `.library.json.${dead}.0123456789ab.tmp`,
      `articles/.a1.json.${dead}.0123456789ab.bak.tmp`,
      `factmark.lock.${dead}.0123456789ab.tmp`,
    ];
    const live = `.settings.json.${process.pid}.0123456789ab.tmp`;
    for (const name of [...leftovers, live]) await fsp.writeFile(path.join(dataDir, name), 'x');
    await openLibraryStore(dataDir, { readOnly: true });
    expect(Object.keys(await snapshot(dataDir))).toEqual(expect.arrayContaining(leftovers));
    await openLibraryStore(dataDir);
    const names = Object.keys(await snapshot(dataDir));
    expect(names.filter((n) => leftovers.includes(n))).toEqual([]);
    expect(names).toContain(live);
  });

  it('heals a stale index entry when the article is opened, and lists an unlisted article file', async () => {
    const dataDir = await tempDir();
    const store = await openLibraryStore(dataDir);
    await store.writeArticle(record('a1', { claims: 1 }));
    await store.writeArticle(record('a2'));
    await store.close();
    // As if killed between saving the article and updating library.json:
    const file = path.join(dataDir, 'articles', 'a1.json');
    const saved = JSON.parse(await fsp.readFile(file, 'utf8'));
    saved.annotations.push(annotation(1));
    await fsp.writeFile(file, JSON.stringify(saved));
    await fsp.copyFile(
      path.join(dataDir, 'articles', 'a2.json'),
      path.join(dataDir, 'articles', 'a3.json'),
    );
    const a3 = JSON.parse(await fsp.readFile(path.join(dataDir, 'articles', 'a3.json'), 'utf8'));
    a3.article.id = 'a3';
    await fsp.writeFile(path.join(dataDir, 'articles', 'a3.json'), JSON.stringify(a3));

    const reopened = await openLibraryStore(dataDir);
    expect(reopened.listArticles().map((a) => a.id)).toEqual(['a1', 'a2', 'a3']);
    expect(reopened.listArticles()[0]?.claimCount).toBe(1);
    await reopened.readArticle('a1');
    expect(reopened.listArticles()[0]?.claimCount).toBe(2);
    await reopened.close();
    expect(
      (await openLibraryStore(dataDir, { readOnly: true })).listArticles()[0]?.claimCount,
    ).toBe(2);
  });

  it('a saved article whose index update fails is reported saved, with a notice', async () => {
    const dataDir = await tempDir();
    const first = await openLibraryStore(dataDir);
    await first.writeArticle(record('a1', { claims: 1 }));
    await first.close();
    const rename: DurableFs['rename'] = async (from, to) => {
      if (String(to).endsWith('library.json')) throw fsError('ENOSPC');
      return fsp.rename(from, to);
    };
    const store = await openLibraryStore(dataDir, { fs: { rename } });
    await store.writeArticle(record('a1', { claims: 2 }));
    expect((await store.readArticle('a1'))?.annotations).toHaveLength(2);
    expect(store.notices.map((n) => n.message).join('\n')).toMatch(
      /Saved articles\/a1\.json, but the library list \(library\.json\) could not be updated: .*ENOSPC/,
    );
    const reopened = await openLibraryStore(dataDir);
    expect((await reopened.readArticle('a1'))?.annotations).toHaveLength(2);
    expect(reopened.listArticles()[0]?.claimCount).toBe(2);
  });

  it('counts a library with articles as seeded, so the sample is never added twice', async () => {
    const dataDir = await tempDir();
    const store = await openLibraryStore(dataDir);
    await store.writeArticle(record('a1'));
    expect(store.sampleSeeded).toBe(true);
    await store.close();
    const reopened = await openLibraryStore(dataDir);
    expect(reopened.sampleSeeded).toBe(true);
    const saved = JSON.parse(await fsp.readFile(path.join(dataDir, 'library.json'), 'utf8'));
    expect(saved.sampleSeeded).toBe(true);
  });

  it('close waits for pending writes', async () => {
    const dataDir = await tempDir();
    const store = await openLibraryStore(dataDir);
    const pending = store.writeArticle(record('a1', { claims: 4 }));
    await store.close();
    await pending;
    expect((await openLibraryStore(dataDir)).listArticles()[0]?.claimCount).toBe(4);
    await expect(store.writeArticle(record('a1'))).rejects.toMatchObject({ code: 'internal' });
  });
});
