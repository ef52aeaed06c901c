import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { canonicalText } from '../../shared/article/article-model';
import { call } from '../api/dispatcher';
import { openFactmark, type FactmarkLibrary } from './open-factmark';

const resourcesDir = join(import.meta.dirname, '../../../resources');
let dataDir: string;
let library: FactmarkLibrary | undefined;

beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'factmark-services-'));
});
afterEach(async () => {
  await library?.close();
  library = undefined;
  await rm(dataDir, { recursive: true, force: true });
});

async function open(): Promise<FactmarkLibrary> {
  await library?.close();
  library = await openFactmark({ dataDir, resourcesDir });
  return library;
}

async function sampleId(lib: FactmarkLibrary): Promise<string> {
  const result = await call(lib.dispatch, 'getLibrary', {});
  if (!result.ok) throw new Error(result.error.message);
  return result.value.articles[0]!.id;
}

/** Every file of the library, name -> bytes, to prove a call changed nothing. */
async function snapshot(): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  const walk = async (dir: string): Promise<void> => {
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) await walk(path);
      else if (entry.name !== 'factmark.lock') files.set(path, await readFile(path, 'utf8'));
    }
  };
  await walk(dataDir);
  return files;
}

describe('openFactmark', () => {
  it('seeds the sample article once, opened, and never again', async () => {
    const first = await open();
    const library1 = await call(first.dispatch, 'getLibrary', {});
    expect(library1.ok && library1.value.articles.map((a) => a.title)).toEqual([
      'Iran’s Supreme Leader rejects talks with US',
    ]);
    expect(library1.ok && library1.value.openArticleId).toBe(
      library1.ok && library1.value.articles[0]!.id,
    );
    const second = await open();
    const library2 = await call(second.dispatch, 'getLibrary', {});
    expect(library2.ok && library2.value.articles).toHaveLength(1);
  });

  it('creates, edits, deletes and restores a claim, and keeps it across a restart', async () => {
    const lib = await open();
    const articleId = await sampleId(lib);
    const record = await call(lib.dispatch, 'getArticle', { articleId });
    if (!record.ok) throw new Error(record.error.message);
    const text = canonicalText(record.value.article.blocks);
    const start = text.indexOf('the US had plans to attack');
    const created = await call(lib.dispatch, 'createAnnotation', {
      articleId,
      start,
      end: start + 'the US had plans to attack'.length,
      verdictId: 'false',
    });
    if (!created.ok) throw new Error(created.error.message);
    expect(created.value.quote.exact).toBe('the US had plans to attack');
    expect(created.value.quote.prefix.endsWith('revealed that ')).toBe(true);
    expect(created.value.summary).toBe('the US had plans to attack');

    const updated = await call(lib.dispatch, 'updateAnnotation', {
      articleId,
      annotationId: created.value.id,
      patch: {
        note: 'Clark said **seven countries**.',
        labels: ['iran', 'iran', ' us '],
        evidence: [
          { id: 'e1', url: 'https://example.org/clark', title: 'Interview', stance: 'refutes' },
        ],
      },
    });
    expect(updated.ok && updated.value.labels).toEqual(['iran', 'us']);

    const reopened = await open();
    const after = await call(reopened.dispatch, 'getArticle', { articleId });
    expect(
      after.ok && after.value.annotations.map((a) => [a.note, a.verdictId, a.evidence[0]?.url]),
    ).toEqual([['Clark said **seven countries**.', 'false', 'https://example.org/clark']]);
    const listed = await call(reopened.dispatch, 'getLibrary', {});
    expect(listed.ok && listed.value.articles[0]!.claimCount).toBe(1);

    const deleted = await call(reopened.dispatch, 'deleteAnnotation', {
      articleId,
      annotationId: created.value.id,
    });
    if (!deleted.ok) throw new Error(deleted.error.message);
    const empty = await call(reopened.dispatch, 'getArticle', { articleId });
    expect(empty.ok && empty.value.annotations).toEqual([]);
    const restored = await call(reopened.dispatch, 'restoreAnnotation', {
      articleId,
      annotation: deleted.value,
    });
    expect(restored.ok && restored.value).toEqual(deleted.value);
    const again = await call(reopened.dispatch, 'restoreAnnotation', {
      articleId,
      annotation: deleted.value,
    });
    expect(!again.ok && again.error.code).toBe('conflict');
  });

  it('rejects malformed and impossible calls with a typed error and changes no file', async () => {
    const lib = await open();
    const articleId = await sampleId(lib);
    const record = await call(lib.dispatch, 'getArticle', { articleId });
    if (!record.ok) throw new Error(record.error.message);
    const length = canonicalText(record.value.article.blocks).length;
    const before = await snapshot();
    const bad: [string, unknown, string][] = [
      ['createAnnotation', { articleId, start: -1, end: 5 }, 'invalid-input'],
      ['createAnnotation', { articleId, start: 10, end: 5 }, 'invalid-input'],
      ['createAnnotation', { articleId, start: 5, end: 5 }, 'invalid-input'],
      ['createAnnotation', { articleId, start: 5, end: length + 1 }, 'invalid-input'],
      ['createAnnotation', { articleId, start: length - 5, end: length }, 'invalid-input'],
      ['createAnnotation', { articleId, start: '1', end: 5 }, 'invalid-input'],
      ['createAnnotation', { articleId, start: 0, end: 5, verdictId: 'no-such' }, 'invalid-input'],
      ['createAnnotation', { articleId: 'nope', start: 0, end: 5 }, 'not-found'],
      ['createAnnotation', { articleId: '../../etc', start: 0, end: 5 }, 'invalid-input'],
      ['updateAnnotation', { articleId, annotationId: 'nope', patch: { note: 'x' } }, 'not-found'],
      ['updateAnnotation', { articleId, annotationId: 'x', patch: { start: 3 } }, 'invalid-input'],
      [
        'updateAnnotation',
        {
          articleId,
          annotationId: 'x',
          patch: {
            evidence: [{ id: 'e', url: 'javascript:alert(1)', title: '', stance: 'supports' }],
          },
        },
        'invalid-input',
      ],
      ['deleteAnnotation', { articleId }, 'invalid-input'],
      ['getArticle', null, 'invalid-input'],
      ['getArticle', { articleId, extra: true }, 'invalid-input'],
      ['dropEverything', {}, 'unknown-method'],
      [
        'setTaxonomy',
        {
          taxonomy: {
            presetId: 'x',
            verdicts: [{ id: 'a', label: 'A', color: 'red', rating: null }],
          },
        },
        'invalid-input',
      ],
    ];
    for (const [method, input, code] of bad) {
      const result = await lib.dispatch(method, input);
      expect(result.ok, `${method} ${JSON.stringify(input)}`).toBe(false);
      if (!result.ok) {
        expect(result.error.code, `${method} ${JSON.stringify(input)}`).toBe(code);
        expect(result.error.message.length).toBeGreaterThan(10);
      }
    }
    expect(await snapshot()).toEqual(before);
  });

  it('moves claims off a deleted verdict to the one the reader chose', async () => {
    const lib = await open();
    const articleId = await sampleId(lib);
    const created = await call(lib.dispatch, 'createAnnotation', {
      articleId,
      start: 0,
      end: 4,
      verdictId: 'misleading',
    });
    expect(created.ok).toBe(true);
    const settings = await call(lib.dispatch, 'getSettings', {});
    if (!settings.ok) throw new Error(settings.error.message);
    const verdicts = settings.value.taxonomy.verdicts.filter((v) => v.id !== 'misleading');
    const saved = await call(lib.dispatch, 'setTaxonomy', {
      taxonomy: { presetId: 'custom', verdicts },
      reassign: { misleading: 'false' },
    });
    expect(saved.ok).toBe(true);
    const after = await call(lib.dispatch, 'getArticle', { articleId });
    expect(after.ok && after.value.annotations[0]!.verdictId).toBe('false');
  });

  it('a read of an article sent while a change to it is being written sees the change', async () => {
    const lib = await open();
    const articleId = await sampleId(lib);
    const before = await call(lib.dispatch, 'getArticle', { articleId });
    if (!before.ok) throw new Error(before.error.message);
    const text = canonicalText(before.value.article.blocks);
    const start = text.indexOf('troops would be sent');
    // Not awaited: the reads below arrive while the save is still being written (as a window
    // reloaded right after tagging asks for the article while its last save is in flight).
    const created = call(lib.dispatch, 'createAnnotation', {
      articleId,
      start,
      end: start + 'troops would be sent'.length,
      verdictId: 'false',
    });
    const [article, startup] = await Promise.all([
      call(lib.dispatch, 'getArticle', { articleId }),
      call(lib.dispatch, 'getStartup', {}),
    ]);
    const saved = await created;
    if (!saved.ok) throw new Error(saved.error.message);
    expect(article.ok && article.value.annotations.map((a) => a.id)).toEqual([saved.value.id]);
    expect(startup.ok && startup.value.openArticle?.annotations.map((a) => a.id)).toEqual([
      saved.value.id,
    ]);
  });

  it('getStartup answers in one call what the separate launch reads answer', async () => {
    const lib = await open();
    const articleId = await sampleId(lib);
    const startup = await call(lib.dispatch, 'getStartup', {});
    if (!startup.ok) throw new Error(startup.error.message);
    const [settings, listing, notices, record] = await Promise.all([
      call(lib.dispatch, 'getSettings', {}),
      call(lib.dispatch, 'getLibrary', {}),
      call(lib.dispatch, 'getNotices', {}),
      call(lib.dispatch, 'getArticle', { articleId }),
    ]);
    expect(startup.value).toEqual({
      settings: settings.ok && settings.value,
      library: listing.ok && listing.value,
      notices: notices.ok && notices.value,
      openArticle: record.ok && record.value,
    });
    expect(startup.value.library.openArticleId).toBe(articleId);
  });

  it('getStartup launches without an article it cannot read, and says why among the notices', async () => {
    const lib = await open();
    const articleId = await sampleId(lib);
    await lib.close();
    library = undefined;
    const articleFile = join(dataDir, 'articles', `${articleId}.json`);
    await writeFile(articleFile, '{ not json');
    await rm(`${articleFile}.bak`, { force: true });
    const reopened = await open();
    const startup = await call(reopened.dispatch, 'getStartup', {});
    if (!startup.ok) throw new Error(startup.error.message);
    expect(startup.value.library.openArticleId).toBe(articleId);
    expect(startup.value.openArticle).toBeNull();
    expect(startup.value.notices.map((n) => n.message).join(' ')).toContain(articleId);
    const asked = await call(reopened.dispatch, 'getArticle', { articleId });
    expect(!asked.ok && asked.error.code).toBe('not-found');
  });

  it('getStartup on an empty library has no article to open', async () => {
    const lib = await open();
    const articleId = await sampleId(lib);
    await lib.close();
    library = undefined;
    await rm(join(dataDir, 'articles', `${articleId}.json`));
    const indexFile = join(dataDir, 'library.json');
    const index = JSON.parse(await readFile(indexFile, 'utf8')) as Record<string, unknown>;
    await writeFile(indexFile, JSON.stringify({ ...index, articles: [] }));
    await rm(`${indexFile}.bak`, { force: true });
    const reopened = await open();
    const startup = await call(reopened.dispatch, 'getStartup', {});
    if (!startup.ok) throw new Error(startup.error.message);
    expect(startup.value.library.articles).toEqual([]);
    expect(startup.value.library.openArticleId).toBeNull();
    expect(startup.value.openArticle).toBeNull();
  });
});
