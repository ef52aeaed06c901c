import type { Annotation } from '../../shared/annotation/annotation-model';
import type { Article, ArticleSummary } from '../../shared/article/article-model';
import type { Notice, Settings } from '../../shared/api/contract';

/** One article's file: the article and its annotations, kept together so an edit rewrites one file. */
export interface ArticleRecord {
  article: Article;
  /** In text order (by start, then end). */
  annotations: Annotation[];
}

/**
 * The library on disk. One small index file (`library.json`: article summaries and flags),
 * one settings file (`settings.json`) and one file per article (`articles/<id>.json`), each a
 * lowdb database written durably, so saving an edit costs the same whatever the library's size.
 */
export interface LibraryStore {
  /** The folder holding every file of the library. */
  readonly dataDir: string;
  /** True when a file came from a newer Factmark (`schemaVersion` too high): every write is refused. */
  readonly readOnly: boolean;
  /** What happened while opening (files recovered or moved aside), for the reader to see. */
  readonly notices: readonly Notice[];
  /** The summaries of every article, newest `addedAt` first. Served from memory. */
  listArticles(): ArticleSummary[];
  /** Whether the sample article has been put in the library once (so it is never re-added). */
  readonly sampleSeeded: boolean;
  /** Marks the sample as seeded, durably. */
  markSampleSeeded(): Promise<void>;
  /** Loads one article's record, or undefined when there is no such article. Cached after first read. */
  readArticle(articleId: string): Promise<ArticleRecord | undefined>;
  /**
   * Writes one article's record durably (temp file, fsync, rename, fsync folder) and updates its
   * summary in the index when the title, date or claim count changed. Resolves once on disk.
   * Rejects with ApiFailure('read-only' | 'storage-failed') and leaves the previous state intact.
   */
  writeArticle(record: ArticleRecord): Promise<void>;
  /** Current settings (defaults when the file is new). */
  getSettings(): Settings;
  /** Writes settings durably. Same failure rules as writeArticle. */
  writeSettings(settings: Settings): Promise<void>;
  /** Waits for pending writes, then releases files. */
  close(): Promise<void>;
}
