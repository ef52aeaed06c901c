import type { Annotation } from '../../shared/annotation/annotation-model';
import { newAnnotation } from '../../shared/annotation/annotation-model';
import { canonicalText, isAnnotatable, placeBlocks } from '../../shared/article/article-model';
import { buildTextQuote } from '../../shared/anchoring/text-quote';
import { ApiFailure } from '../../shared/api/result';
import type { ApiHandlers } from '../api/dispatcher';
import type { ArticleRecord, LibraryStore } from '../store/store-types';
import { requireArticle } from './articles-service';
import { newId, nowIso } from './ids';

/** Keeps annotations in text order: by start, then by end. */
function byTextOrder(a: Annotation, b: Annotation): number {
  return a.start - b.start || a.end - b.end;
}

/** Finds a claim in an article's record or fails with a `not-found` a person can read. */
export function requireAnnotation(record: ArticleRecord, annotationId: string): Annotation {
  const annotation = record.annotations.find((a) => a.id === annotationId);
  if (!annotation) {
    throw new ApiFailure('not-found', `There is no claim with id ${annotationId} in this article.`);
  }
  return annotation;
}

/** Checks a new highlight's range: inside the text, not empty, and clear of site chrome. */
/** Whether `offset` falls between the two halves of a surrogate pair (inside one emoji). */
function splitsSurrogatePair(text: string, offset: number): boolean {
  const before = text.charCodeAt(offset - 1);
  const after = text.charCodeAt(offset);
  return before >= 0xd800 && before <= 0xdbff && after >= 0xdc00 && after <= 0xdfff;
}

/**
 * Checks a highlight's range: inside the text, not empty, clear of site chrome, and not cutting
 * a character in half (a quote must stay valid Unicode).
 */
export function checkRange(record: ArticleRecord, start: number, end: number): void {
  const text = canonicalText(record.article.blocks);
  if (start >= end) {
    throw new ApiFailure(
      'invalid-input',
      `A highlight must cover some text (start ${start}, end ${end}).`,
    );
  }
  if (end > text.length) {
    throw new ApiFailure(
      'invalid-input',
      `The highlight ends at ${end}, past the article's end (${text.length}).`,
    );
  }
  if (splitsSurrogatePair(text, start) || splitsSurrogatePair(text, end)) {
    throw new ApiFailure(
      'invalid-input',
      `The highlight ${start}..${end} would cut a character in half.`,
    );
  }
  const touchesChrome = placeBlocks(record.article.blocks).some(
    (block) => !isAnnotatable(block.kind) && block.start < end && start < block.end,
  );
  if (touchesChrome) {
    throw new ApiFailure(
      'invalid-input',
      'Site furniture such as "Most Popular" cannot be highlighted.',
    );
  }
}

function checkVerdict(store: LibraryStore, verdictId: string | null | undefined): void {
  if (verdictId == null) return;
  if (!store.getSettings().taxonomy.verdicts.some((v) => v.id === verdictId)) {
    throw new ApiFailure('invalid-input', `There is no verdict ${verdictId} in the current scale.`);
  }
}

/** Creating, editing, deleting and restoring claims. Each call is one durable write of one article file. */
export function annotationsService(
  store: LibraryStore,
): Pick<
  ApiHandlers,
  'createAnnotation' | 'updateAnnotation' | 'deleteAnnotation' | 'restoreAnnotation'
> {
  async function save(record: ArticleRecord, annotations: Annotation[]): Promise<void> {
    await store.writeArticle({ ...record, annotations: annotations.sort(byTextOrder) });
  }

  return {
    async createAnnotation({ articleId, start, end, verdictId, annotationId }) {
      const record = await requireArticle(store, articleId);
      checkRange(record, start, end);
      checkVerdict(store, verdictId);
      if (annotationId && record.annotations.some((a) => a.id === annotationId)) {
        throw new ApiFailure('conflict', 'A claim with that id already exists.');
      }
      const quote = buildTextQuote(canonicalText(record.article.blocks), start, end);
      const now = nowIso();
      const annotation = newAnnotation({
        id: annotationId ?? newId(),
        start,
        end,
        quote,
        verdictId: verdictId ?? null,
        now,
      });
      await save(record, [...record.annotations, annotation]);
      return annotation;
    },
    async updateAnnotation({ articleId, annotationId, patch }) {
      const record = await requireArticle(store, articleId);
      const current = requireAnnotation(record, annotationId);
      checkVerdict(store, patch.verdictId);
      const labels = patch.labels
        ? [...new Set(patch.labels.map((l) => l.trim()))]
        : current.labels;
      const updated: Annotation = { ...current, ...patch, labels, updatedAt: nowIso() };
      await save(
        record,
        record.annotations.map((a) => (a.id === annotationId ? updated : a)),
      );
      return updated;
    },
    async deleteAnnotation({ articleId, annotationId }) {
      const record = await requireArticle(store, articleId);
      const deleted = requireAnnotation(record, annotationId);
      await save(
        record,
        record.annotations.filter((a) => a.id !== annotationId),
      );
      return deleted;
    },
    async restoreAnnotation({ articleId, annotation }) {
      const record = await requireArticle(store, articleId);
      if (record.annotations.some((a) => a.id === annotation.id)) {
        throw new ApiFailure('conflict', 'That claim is already in the article.');
      }
      checkRange(record, annotation.start, annotation.end);
      await save(record, [...record.annotations, annotation]);
      return annotation;
    },
  };
}
