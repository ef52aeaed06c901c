import * as fsp from 'node:fs/promises';
import path from 'node:path';
import type { Notice, Settings } from '../../shared/api/contract';
import { ApiFailure } from '../../shared/api/result';
import type { ArticleSummary } from '../../shared/article/article-model';
import { ensureDataDir } from './data-dir';
import { describeFsError, tempFileWriterPid, type DurableFs } from './durable-file-adapter';
import { openJsonFileDb, type JsonFileDb } from './json-file-db';
import { isProcessAlive, lockTempWriterPid } from './lock-file';
import {
  articleFileSchema,
  CURRENT_SCHEMA_VERSION,
  defaultLibraryFile,
  defaultSettingsFile,
  libraryFileSchema,
  settingsFileSchema,
  type ArticleFile,
  type LibraryFile,
  type SettingsFile,
} from './store-schemas';
import type { ArticleRecord, LibraryStore } from './store-types';

/** How to open a library. */
export interface OpenLibraryStoreOptions {
  /** Never write or move anything (the CLI while the app runs): problems are only reported. */
  readOnly?: boolean;
  /** Replaces single file-system calls, so tests can simulate a full or read-only disk. */
  fs?: Partial<DurableFs>;
  /** The clock used to name moved-aside files. */
  now?: () => Date;
}

/** Article ids name files, so they are limited to characters safe on every file system. */
export const ARTICLE_ID_PATTERN = /^[A-Za-z0-9_-]{1,100}$/;

/** Throws ApiFailure('invalid-input') unless `articleId` can safely name a file. */
export function assertArticleId(articleId: string): void {
  if (!ARTICLE_ID_PATTERN.test(articleId)) {
    throw new ApiFailure(
      'invalid-input',
      `"${articleId.slice(0, 120)}" is not a valid article id (letters, digits, "-" and "_", at most 100).`,
    );
  }
}

/** The index entry an article's record implies. */
export function summarize(record: ArticleRecord): ArticleSummary {
  const { article } = record;
  return {
    id: article.id,
    title: article.metadata.title,
    ...(article.metadata.published !== undefined ? { published: article.metadata.published } : {}),
    addedAt: article.addedAt,
    claimCount: record.annotations.length,
    ...(article.metadata.url !== undefined ? { url: article.metadata.url } : {}),
  };
}

function sameSummary(a: ArticleSummary, b: ArticleSummary): boolean {
  return (
    a.id === b.id &&
    a.title === b.title &&
    a.published === b.published &&
    a.addedAt === b.addedAt &&
    a.claimCount === b.claimCount &&
    a.url === b.url
  );
}

type ArticleDb = JsonFileDb<ArticleFile, null>;

/** The `LibraryStore` on a data folder: `library.json`, `settings.json`, `articles/<id>.json`. */
class FileLibraryStore implements LibraryStore {
  private readonly articles = new Map<string, Promise<ArticleDb>>();
  private readonly laterNotices: Notice[] = [];
  private articlesFolder: Promise<void> | undefined;
  private rebuildingIndex = false;
  private closed = false;

  constructor(
    readonly dataDir: string,
    private readonly options: OpenLibraryStoreOptions,
    private readonly library: JsonFileDb<LibraryFile>,
    private readonly settings: JsonFileDb<SettingsFile>,
  ) {}

  /** One read-only file makes the whole library read-only: a partial save would mix formats. */
  get readOnly(): boolean {
    return Boolean(this.options.readOnly) || this.library.readOnly || this.settings.readOnly;
  }

  get notices(): readonly Notice[] {
    return [...this.library.notices, ...this.settings.notices, ...this.laterNotices];
  }

  get sampleSeeded(): boolean {
    // Articles in the index mean the sample was added, even if saying so failed.
    return this.library.data.sampleSeeded || this.library.data.articles.length > 0;
  }

  listArticles(): ArticleSummary[] {
    return this.library.data.articles
      .map((summary) => ({ ...summary }))
      .sort((a, b) =>
        a.addedAt === b.addedAt ? a.id.localeCompare(b.id) : a.addedAt < b.addedAt ? 1 : -1,
      );
  }

  async markSampleSeeded(): Promise<void> {
    this.assertWritable();
    await this.library.update((current) =>
      current.sampleSeeded ? undefined : { ...current, sampleSeeded: true },
    );
  }

  async readArticle(articleId: string): Promise<ArticleRecord | undefined> {
    assertArticleId(articleId);
    const file = (await this.articleDb(articleId)).data;
    // A copy: a caller editing it must not change what memory says is on disk.
    if (!file) return undefined;
    return structuredClone({ article: file.article, annotations: file.annotations });
  }

  async writeArticle(record: ArticleRecord): Promise<void> {
    const articleId = record.article.id;
    assertArticleId(articleId);
    // Refused before anything touches the disk, even the articles folder.
    this.assertWritable();
    const db = await this.articleDb(articleId);
    await this.ensureArticlesFolder();
    await db.write({
      schemaVersion: CURRENT_SCHEMA_VERSION,
      article: record.article,
      annotations: record.annotations,
    });
    // The article file is the record; the index only mirrors it. Once the article is saved the
    // write has happened: reporting a failed index update as a failed save would make the reader
    // retry, and a retried "create" would add the claim twice. A stale entry heals on next open.
    try {
      await this.updateIndexEntry(summarize(record));
    } catch (error) {
      if (!(error instanceof ApiFailure) || error.code !== 'storage-failed') throw error;
      this.laterNotices.push({
        level: 'warning',
        message: `Saved articles/${articleId}.json, but the library list (library.json) could not be updated: ${error.message} It is corrected the next time the article is opened.`,
      });
    }
  }

  /** Puts `summary` in the index unless it is there already; decided inside the write queue. */
  private async updateIndexEntry(summary: ArticleSummary): Promise<void> {
    // Decided against the latest index, so concurrent writes cannot leave it stale.
    await this.library.update((current) => {
      const index = current.articles.findIndex((entry) => entry.id === summary.id);
      const existing = current.articles[index];
      if (existing && sameSummary(existing, summary)) return undefined;
      const articles = [...current.articles];
      if (index === -1) articles.push(summary);
      else articles[index] = summary;
      return { ...current, articles };
    });
  }

  getSettings(): Settings {
    return structuredClone(this.settings.data.settings);
  }

  async writeSettings(settings: Settings): Promise<void> {
    this.assertWritable();
    await this.settings.write({ schemaVersion: CURRENT_SCHEMA_VERSION, settings });
  }

  async close(): Promise<void> {
    this.closed = true;
    const articleDbs = await Promise.allSettled(this.articles.values());
    await Promise.all([
      this.library.flush(),
      this.settings.flush(),
      ...articleDbs.map((opened) =>
        opened.status === 'fulfilled' ? opened.value.flush() : undefined,
      ),
    ]);
  }

  /**
   * Rebuilds the index from the article files when library.json was missing or recovered from
   * an older copy, so no saved article drops out of the list. When library.json was read fine,
   * only adds article files it does not list (a process killed between saving a new article
   * and updating the index leaves one). Writes only when it differs.
   */
  async reconcileIndex(): Promise<void> {
    const origin = this.library.origin;
    if (this.readOnly) return;
    const articlesDir = path.join(this.dataDir, 'articles');
    const names = await fsp.readdir(articlesDir).catch(() => [] as string[]);
    const ids = names
      .filter((name) => name.endsWith('.json'))
      .map((name) => name.slice(0, -'.json'.length))
      .filter((id) => ARTICLE_ID_PATTERN.test(id));
    if (origin === 'file') {
      const listed = new Set(this.library.data.articles.map((entry) => entry.id));
      // Reading the article heals its index entry (see articleDb).
      for (const id of ids.filter((id) => !listed.has(id))) await this.readArticle(id);
      // A library with articles is not new, even if the start that added the sample failed
      // before it could say so: the sample must not be added a second time (see sampleSeeded).
      // Saved now so it holds after the articles are deleted; best effort, retried next start.
      if (!this.library.data.sampleSeeded && this.library.data.articles.length > 0) {
        await this.markSampleSeeded().catch(() => undefined);
      }
      return;
    }
    if (origin === 'missing' && ids.length === 0) return; // A new library.
    const current = this.library.data.articles;
    const articles: ArticleSummary[] = [];
    // The whole index is rewritten below: entries must not be healed one by one meanwhile.
    this.rebuildingIndex = true;
    try {
      for (const id of ids.sort()) {
        const record = await this.readArticle(id);
        if (record) articles.push(summarize(record));
      }
    } finally {
      this.rebuildingIndex = false;
    }
    const unchanged =
      current.length === articles.length &&
      articles.every((a) => current.some((b) => sameSummary(a, b)));
    if (unchanged) return;
    await this.library.update((data) => ({
      ...data,
      // Articles on disk mean the library is not new: never seed the sample into it again.
      sampleSeeded: data.sampleSeeded || articles.length > 0,
      articles,
    }));
    this.laterNotices.push({
      level: 'info',
      message: `Rebuilt the library index (library.json) from ${articles.length} article file(s) in articles/.`,
    });
  }

  private assertWritable(): void {
    if (this.closed) throw new ApiFailure('internal', 'The library is closed; nothing was saved.');
    const reason = this.library.readOnlyReason ?? this.settings.readOnlyReason;
    if (reason !== undefined) throw new ApiFailure('read-only', `Nothing was saved: ${reason}.`);
  }

  /** Opens an article's file once (lazily) and caches it; a failed open is retried next time. */
  private articleDb(articleId: string): Promise<ArticleDb> {
    let opening = this.articles.get(articleId);
    if (!opening) {
      opening = openJsonFileDb({
        filePath: path.join(this.dataDir, 'articles', `${articleId}.json`),
        label: `articles/${articleId}.json`,
        schema: articleFileSchema,
        defaults: () => null,
        lostMessage: 'this article could not be recovered',
        readOnly: this.options.readOnly,
        fs: this.options.fs,
        now: this.options.now,
      }).then(async (db) => {
        this.laterNotices.push(...db.notices);
        await this.healIndexEntry(db);
        return db;
      });
      this.articles.set(articleId, opening);
      opening.catch(() => this.articles.delete(articleId));
    }
    return opening;
  }

  /**
   * Corrects the index entry of an article file just opened when it disagrees (a process killed
   * between saving the article and updating library.json leaves a stale claim count). Best
   * effort: a failure leaves the entry for the next open and does not fail the read.
   */
  private async healIndexEntry(db: ArticleDb): Promise<void> {
    const file = db.data;
    if (!file || this.readOnly || this.closed || this.rebuildingIndex) return;
    const summary = summarize({ article: file.article, annotations: file.annotations });
    const listed = this.library.data.articles.find((entry) => entry.id === summary.id);
    if (listed && sameSummary(listed, summary)) return;
    await this.updateIndexEntry(summary).catch(() => undefined);
  }

  private ensureArticlesFolder(): Promise<void> {
    this.articlesFolder ??= fsp
      .mkdir(path.join(this.dataDir, 'articles'), { recursive: true })
      .then(
        () => undefined,
        (error: unknown) => {
          this.articlesFolder = undefined;
          throw new ApiFailure(
            'storage-failed',
            `Could not create ${path.join(this.dataDir, 'articles')}: ${describeFsError(error)}.`,
          );
        },
      );
    return this.articlesFolder;
  }
}

/**
 * Opens the library in `dataDir` (creating the folder when missing; an Error names it when a
 * file is in the way). The index and settings are read now and kept in memory; article files
 * are read on first use and cached. Damaged files are moved aside and recovered from their
 * backups, with notices; with `readOnly`, nothing at all is written, created or moved.
 */
export async function openLibraryStore(
  dataDir: string,
  options: OpenLibraryStoreOptions = {},
): Promise<LibraryStore> {
  const folder = path.resolve(dataDir);
  await ensureDataDir(folder, { create: !options.readOnly });
  const common = { readOnly: options.readOnly, fs: options.fs, now: options.now };
  const library = await openJsonFileDb({
    ...common,
    filePath: path.join(folder, 'library.json'),
    schema: libraryFileSchema,
    defaults: defaultLibraryFile,
    lostMessage: 'it is rebuilt from the article files',
  });
  const settings = await openJsonFileDb({
    ...common,
    filePath: path.join(folder, 'settings.json'),
    schema: settingsFileSchema,
    defaults: defaultSettingsFile,
    lostMessage: 'settings were reset to defaults',
  });
  if (!options.readOnly) await removeStaleTempFiles(folder);
  const store = new FileLibraryStore(folder, options, library, settings);
  await store.reconcileIndex();
  return store;
}

/**
 * Deletes temp files that writers killed mid-write left in the data folder and `articles/`
 * (each names its writer's pid; only files of processes that are gone are removed). Without
 * this every crash would leave a copy of a file behind, forever. Best effort: a file that
 * cannot be removed is left for the next start.
 */
async function removeStaleTempFiles(folder: string): Promise<void> {
  for (const dir of [folder, path.join(folder, 'articles')]) {
    const names = await fsp.readdir(dir).catch(() => [] as string[]);
    for (const name of names) {
      const pid = tempFileWriterPid(name) ?? lockTempWriterPid(name);
      if (pid === undefined || pid === process.pid || isProcessAlive(pid)) continue;
      await fsp.unlink(path.join(dir, name)).catch(() => undefined);
    }
  }
}
