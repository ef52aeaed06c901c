import { Buffer } from 'node:buffer';
import type { Annotation } from '../../shared/annotation/annotation-model';
import { buildTextQuote } from '../../shared/anchoring/text-quote';
import { reanchorAll } from '../../shared/anchoring/reanchor';
import type { ReanchorReport } from '../../shared/api/contract';
import { ApiFailure } from '../../shared/api/result';
import {
  canonicalText,
  type Article,
  type ArticleSummary,
} from '../../shared/article/article-model';
import type { ApiHandlers } from '../api/dispatcher';
import type { ParsedArticleFile } from '../import/parse-article-file';
import type { ArticleRecord, LibraryStore } from '../store/store-types';
import { checkRange, requireAnnotation } from './annotations-service';
import { requireArticle } from './articles-service';
import { newId, nowIso } from './ids';
import type { KeyedQueue } from './keyed-queue';

function normalisedTitle(title: string): string {
  return title.normalize('NFC').trim().replace(/\s+/g, ' ').toLocaleLowerCase();
}

/** The article already in the library that a new import is a version of: same URL, else same headline. */
export function findSameArticle(
  articles: readonly ArticleSummary[],
  parsed: ParsedArticleFile,
): ArticleSummary | undefined {
  const url = parsed.metadata.url;
  if (url) return articles.find((a) => a.url === url);
  const title = normalisedTitle(parsed.metadata.title);
  return title ? articles.find((a) => !a.url && normalisedTitle(a.title) === title) : undefined;
}

const WORD_CHAR = /[\p{L}\p{N}\p{M}]/u;

/** Widens a fuzzily found span so it neither starts nor ends inside a word. */
export function widenToWords(
  text: string,
  start: number,
  end: number,
): { start: number; end: number } {
  while (start > 0 && WORD_CHAR.test(text.charAt(start - 1)) && WORD_CHAR.test(text.charAt(start)))
    start -= 1;
  while (
    end < text.length &&
    WORD_CHAR.test(text.charAt(end - 1)) &&
    WORD_CHAR.test(text.charAt(end))
  )
    end += 1;
  return { start, end };
}

/**
 * Moves every claim onto the new text: exactly where its quote still is, fuzzily where its wording
 * changed (kept as `wording-changed` with the old wording), or nowhere (`orphaned`, kept whole).
 */
export function reanchorAnnotations(
  annotations: readonly Annotation[],
  newText: string,
): { annotations: Annotation[]; report: ReanchorReport } {
  const results = reanchorAll(newText, annotations);
  const report: ReanchorReport = { anchored: 0, wordingChanged: 0, orphaned: 0 };
  const moved = annotations.map((annotation, index): Annotation => {
    const result = results[index];
    if (!result || result.state === 'orphaned') {
      report.orphaned += 1;
      return { ...annotation, anchor: 'orphaned' };
    }
    if (result.state === 'anchored') {
      const quote = buildTextQuote(newText, result.start, result.end);
      report.anchored += 1;
      // A claim flagged earlier stays flagged until the reader accepts the new wording.
      const anchor = annotation.anchor === 'wording-changed' ? 'wording-changed' : 'anchored';
      return { ...annotation, start: result.start, end: result.end, quote, anchor };
    }
    report.wordingChanged += 1;
    // A fuzzy match may stop mid-word ("next spr"); the claim covers whole words.
    const span = widenToWords(newText, result.start, result.end);
    return {
      ...annotation,
      ...span,
      quote: buildTextQuote(newText, span.start, span.end),
      anchor: 'wording-changed',
      previousExact: annotation.previousExact ?? annotation.quote.exact,
    };
  });
  return { annotations: moved.sort((a, b) => a.start - b.start || a.end - b.end), report };
}

/**
 * A parsed Factmark export's claims, as annotations of the new article. Ids are kept (the
 * article is new, so they cannot collide), so exporting the import again gives the same file.
 * Anchored claims must still sit on their quote; one that does not is kept as an orphan.
 */
function importedAnnotations(parsed: ParsedArticleFile, text: string): Annotation[] {
  return (parsed.factmark?.annotations ?? []).map((a) => {
    const placed =
      a.anchor !== 'anchored' ||
      (a.end <= text.length && text.slice(a.start, a.end) === a.quote.exact);
    return placed ? a : { ...a, anchor: 'orphaned' as const };
  });
}

/** Importing articles, and settling claims after an article's text changed. */
export function importService(
  store: LibraryStore,
  articleQueue: KeyedQueue,
): Pick<ApiHandlers, 'importArticle' | 'acceptWording' | 'attachAnnotation'> {
  return {
    async importArticle({ fileName, base64, onDuplicate }) {
      // The parsers (Readability, a DOM, a Markdown parser) load on first import, not at start-up.
      const { parseArticleFile } = await import('../import/parse-article-file');
      const parsed = parseArticleFile(fileName, new Uint8Array(Buffer.from(base64, 'base64')));
      const text = canonicalText(parsed.blocks);
      const existing = findSameArticle(store.listArticles(), parsed);
      if (existing && onDuplicate === 'ask') {
        return { status: 'duplicate', existing, title: parsed.metadata.title };
      }
      if (existing && onDuplicate === 'update') {
        return articleQueue.run(existing.id, async () => {
          const record = await requireArticle(store, existing.id);
          const { annotations, report } = reanchorAnnotations(record.annotations, text);
          const article: Article = {
            ...record.article,
            metadata: parsed.metadata,
            blocks: parsed.blocks,
          };
          const updated: ArticleRecord = { article, annotations };
          await store.writeArticle(updated);
          const summary = store.listArticles().find((a) => a.id === existing.id);
          if (!summary)
            throw new ApiFailure('internal', 'The updated article vanished from the library.');
          return { status: 'updated' as const, article: summary, report };
        });
      }
      // A Factmark export may use verdicts this library's scale lacks: add them, so no claim
      // points at a verdict that does not exist here.
      const exportedVerdicts = parsed.factmark?.taxonomyVerdicts ?? [];
      const settings = store.getSettings();
      const missing = exportedVerdicts.filter(
        (v) => !settings.taxonomy.verdicts.some((known) => known.id === v.id),
      );
      if (missing.length > 0) {
        await store.writeSettings({
          ...settings,
          taxonomy: {
            ...settings.taxonomy,
            verdicts: [...settings.taxonomy.verdicts, ...missing].slice(0, 30),
          },
        });
      }
      // A Factmark export keeps its article id and date unless that id is taken here.
      const exported = parsed.factmark?.article;
      const keepId = exported && !store.listArticles().some((a) => a.id === exported.id);
      const article: Article = {
        id: keepId ? exported.id : newId(),
        metadata: parsed.metadata,
        blocks: parsed.blocks,
        addedAt: keepId ? exported.addedAt : nowIso(),
      };
      await store.writeArticle({ article, annotations: importedAnnotations(parsed, text) });
      const summary = store.listArticles().find((a) => a.id === article.id);
      if (!summary)
        throw new ApiFailure('internal', 'The imported article vanished from the library.');
      return { status: 'imported', article: summary };
    },
    acceptWording({ articleId, annotationId }) {
      return articleQueue.run(articleId, async () => {
        const record = await requireArticle(store, articleId);
        const current = requireAnnotation(record, annotationId);
        const accepted: Annotation = { ...current, anchor: 'anchored', updatedAt: nowIso() };
        delete accepted.previousExact;
        await store.writeArticle({
          ...record,
          annotations: record.annotations.map((a) => (a.id === annotationId ? accepted : a)),
        });
        return accepted;
      });
    },
    attachAnnotation({ articleId, annotationId, start, end }) {
      return articleQueue.run(articleId, async () => {
        const record = await requireArticle(store, articleId);
        const current = requireAnnotation(record, annotationId);
        checkRange(record, start, end);
        const text = canonicalText(record.article.blocks);
        const attached: Annotation = {
          ...current,
          start,
          end,
          quote: buildTextQuote(text, start, end),
          anchor: 'anchored',
          updatedAt: nowIso(),
        };
        delete attached.previousExact;
        const annotations = record.annotations
          .map((a) => (a.id === annotationId ? attached : a))
          .sort((a, b) => a.start - b.start || a.end - b.end);
        await store.writeArticle({ ...record, annotations });
        return attached;
      });
    },
  };
}
