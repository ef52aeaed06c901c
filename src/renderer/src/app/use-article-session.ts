import { startTransition, useCallback, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { Api } from '../../../shared/api/api';
import type { AnnotationPatch } from '../../../shared/api/contract';
import type { ApiResult } from '../../../shared/api/result';
import { newAnnotation, type Annotation } from '../../../shared/annotation/annotation-model';
import { buildTextQuote } from '../../../shared/anchoring/text-quote';
import type { Article } from '../../../shared/article/article-model';
import { nextPaintSettled } from '../components/after-paint';
import { inTextOrder, withAnnotation } from './annotation-order';
import { articleText } from './article-text';
import { tallyOf, tallyWith, type ClaimTally } from '../features/margin/claim-tally';
import { UndoStack } from './undo-stack';

/** A change the store refused (e.g. a full disk), kept so it can be tried again. */
type FailedChange =
  | { kind: 'create'; start: number; end: number; verdictId: string | null }
  | { kind: 'update'; annotationId: string; patch: AnnotationPatch }
  | { kind: 'delete'; annotationId: string };

/** An article and its claims as the store sends them (claims in any order). */
export interface StoredArticle {
  article: Article;
  annotations: Annotation[];
}

/** The open article and its claims, as the screen shows them. */
export interface ArticleState {
  article: Article;
  /** In text order. */
  annotations: Annotation[];
  /** Their totals, kept with them. */
  tally: ClaimTally;
}

/** The state showing `annotations` (any order) on `article`. */
function stateOf(article: Article, annotations: Annotation[]): ArticleState {
  return { article, annotations: inTextOrder(annotations), tally: tallyOf(annotations) };
}

/** The previous values of exactly the fields a patch changes, to undo it. */
function inversePatch(current: Annotation, patch: AnnotationPatch): AnnotationPatch {
  const inverse: Record<string, unknown> = {};
  for (const key of Object.keys(patch) as (keyof AnnotationPatch)[]) inverse[key] = current[key];
  return inverse as AnnotationPatch;
}

/** How many articles a window keeps as it left them (see `recall`). */
const RECENT_ARTICLES = 8;

/** Whether two copies of an article differ in text or in any claim (by its last change). */
function differs(a: StoredArticle, b: StoredArticle): boolean {
  if (a.article.blocks.length !== b.article.blocks.length) return true;
  if (a.article.blocks.some((block, i) => block.text !== b.article.blocks[i]?.text)) return true;
  if (a.annotations.length !== b.annotations.length) return true;
  const changed = new Map(a.annotations.map((x) => [x.id, x.updatedAt]));
  return b.annotations.some((x) => changed.get(x.id) !== x.updatedAt);
}

/**
 * Claim editing for the open article: every change goes through the API, the screen takes the
 * stored result, and create/edit/delete are undoable. The state shown is always what was saved.
 * `launchArticle` is the article open at launch, shown from the first render (read once).
 */
export function useArticleSession(
  api: Api,
  unwrap: <T>(result: ApiResult<T>) => T | undefined,
  launchArticle: StoredArticle | null = null,
) {
  const [state, setState] = useState<ArticleState | null>(
    () => launchArticle && stateOf(launchArticle.article, launchArticle.annotations),
  );
  const undoStack = useRef(new UndoStack());
  // The last change that could not be saved, to try again from the error banner.
  const [failed, setFailed] = useState<FailedChange | null>(null);
  const articleId = state?.article.id;

  // `isNew`: a claim just made here, with no copy on screen yet.
  const replace = useCallback((annotation: Annotation, isNew = false) => {
    setState((s) => {
      if (!s) return s;
      const { annotations, replaced } = withAnnotation(s.annotations, annotation, isNew);
      return { ...s, annotations, tally: tallyWith(s.tally, replaced, annotation) };
    });
  }, []);
  // The store's copy of a change the screen already shows (a new claim, a typed note): rendered
  // as a transition, which React interrupts for the reader's next key or click.
  const settle = useCallback(
    (annotation: Annotation) => startTransition(() => replace(annotation)),
    [replace],
  );
  const remove = useCallback((annotationId: string) => {
    setState((s) => {
      const removed = s?.annotations.find((a) => a.id === annotationId);
      if (!s || !removed) return s;
      return {
        ...s,
        annotations: s.annotations.filter((a) => a !== removed),
        tally: tallyWith(s.tally, removed, undefined),
      };
    });
  }, []);

  const current = useRef<ArticleState | null>(null);
  useLayoutEffect(() => {
    current.current = state;
  });

  // Articles open earlier in this window, as they were left, so switching back shows one at once.
  const recent = useRef(new Map<string, ArticleState>());
  // The state the last load set: while it is still the state, nothing was edited since.
  const loaded = useRef<ArticleState | null>(state);

  const load = useCallback((record: StoredArticle) => {
    const leaving = current.current;
    if (leaving && leaving.article.id !== record.article.id) {
      recent.current.delete(leaving.article.id);
      recent.current.set(leaving.article.id, leaving);
      for (const id of recent.current.keys()) {
        if (recent.current.size <= RECENT_ARTICLES) break;
        recent.current.delete(id);
      }
    }
    undoStack.current.clear();
    const next = stateOf(record.article, record.annotations);
    loaded.current = next;
    current.current = next;
    setState(next);
  }, []);

  /** Shows an article as this window last left it, if it was open lately; false when not. */
  const recall = useCallback(
    (articleId: string): boolean => {
      const kept = recent.current.get(articleId);
      if (kept) load(kept);
      return !!kept;
    },
    [load],
  );

  /**
   * Takes a fresh copy of the open article from the store, after `recall` showed a kept one:
   * applied only if it differs and nothing was edited here since, so no local change is lost.
   */
  const refresh = useCallback(
    (record: StoredArticle) => {
      const shown = current.current;
      if (!shown || shown !== loaded.current || shown.article.id !== record.article.id) return;
      if (!differs(shown, record)) return;
      load(record);
    },
    [load],
  );

  const primitives = useMemo(() => {
    const restore = async (id: string, annotation: Annotation) => {
      const restored = unwrap(await api.restoreAnnotation({ articleId: id, annotation }));
      if (restored) replace(restored);
      return !!restored;
    };
    const del = async (id: string, annotationId: string) => {
      const deleted = unwrap(await api.deleteAnnotation({ articleId: id, annotationId }));
      if (deleted) remove(annotationId);
      return deleted;
    };
    const update = async (id: string, annotationId: string, patch: AnnotationPatch) => {
      const updated = unwrap(await api.updateAnnotation({ articleId: id, annotationId, patch }));
      if (updated) settle(updated);
      return updated;
    };
    return { restore, del, update };
  }, [api, unwrap, replace, settle, remove]);

  /**
   * Highlights a span as a new claim. The claim shows at once, built here exactly as the store
   * builds it, and is replaced by the stored one when the save lands (or taken away if it fails).
   */
  const createAnnotation = useCallback(
    async (
      start: number,
      end: number,
      verdictId: string | null,
      annotationId: string = crypto.randomUUID(),
    ): Promise<Annotation | undefined> => {
      const article = current.current?.article;
      if (!articleId || !article) return undefined;
      const quote = buildTextQuote(articleText(article.blocks), start, end);
      const provisional = newAnnotation({
        id: annotationId,
        start,
        end,
        quote,
        verdictId,
        now: new Date().toISOString(),
      });
      replace(provisional, true);
      // The save is sent once the claim is on screen: its request is not work for that frame.
      await nextPaintSettled();
      const created = unwrap(
        await api.createAnnotation({
          articleId,
          start,
          end,
          verdictId,
          annotationId: provisional.id,
        }),
      );
      if (!created) {
        remove(provisional.id);
        setFailed({ kind: 'create', start, end, verdictId });
        return undefined;
      }
      settle(created);
      undoStack.current.push({
        label: 'highlight',
        undo: async () => !!(await primitives.del(articleId, created.id)),
        redo: () => primitives.restore(articleId, created),
      });
      return created;
    },
    [api, articleId, primitives, replace, settle, remove, unwrap],
  );

  /** Changes fields of a claim (verdict, note, evidence...). */
  const updateAnnotation = useCallback(
    async (annotationId: string, patch: AnnotationPatch): Promise<boolean> => {
      const before = current.current?.annotations.find((a) => a.id === annotationId);
      if (!articleId || !before) return false;
      const undoPatch = inversePatch(before, patch);
      const updated = await primitives.update(articleId, annotationId, patch);
      if (!updated) {
        // Not saved: keep the change so the reader can try again once the disk is back.
        setFailed({ kind: 'update', annotationId, patch });
        return false;
      }
      undoStack.current.push({
        label: 'edit',
        undo: async () => !!(await primitives.update(articleId, annotationId, undoPatch)),
        redo: async () => !!(await primitives.update(articleId, annotationId, patch)),
      });
      return true;
    },
    [articleId, primitives],
  );

  /** Deletes a claim without asking; undo puts it back whole. */
  const deleteAnnotation = useCallback(
    async (annotationId: string): Promise<boolean> => {
      if (!articleId) return false;
      const deleted = await primitives.del(articleId, annotationId);
      if (!deleted) {
        setFailed({ kind: 'delete', annotationId });
        return false;
      }
      undoStack.current.push({
        label: 'delete',
        undo: () => primitives.restore(articleId, deleted),
        redo: async () => !!(await primitives.del(articleId, annotationId)),
      });
      return true;
    },
    [articleId, primitives],
  );

  const retryFailed = useCallback(() => {
    setFailed(null);
    if (failed?.kind === 'create')
      void createAnnotation(failed.start, failed.end, failed.verdictId);
    else if (failed?.kind === 'update') void updateAnnotation(failed.annotationId, failed.patch);
    else if (failed?.kind === 'delete') void deleteAnnotation(failed.annotationId);
  }, [failed, createAnnotation, updateAnnotation, deleteAnnotation]);

  /** Accepts a claim's changed wording after the article was updated. */
  const acceptWording = useCallback(
    async (annotationId: string): Promise<boolean> => {
      if (!articleId) return false;
      const accepted = unwrap(await api.acceptWording({ articleId, annotationId }));
      if (accepted) replace(accepted);
      return !!accepted;
    },
    [api, articleId, replace, unwrap],
  );

  /** Re-attaches a claim (an orphan) to a new span. */
  const attachAnnotation = useCallback(
    async (annotationId: string, start: number, end: number): Promise<boolean> => {
      if (!articleId) return false;
      const attached = unwrap(await api.attachAnnotation({ articleId, annotationId, start, end }));
      if (attached) replace(attached);
      return !!attached;
    },
    [api, articleId, replace, unwrap],
  );

  const undo = useCallback(() => undoStack.current.undo(), []);
  const redo = useCallback(() => undoStack.current.redo(), []);

  return {
    state,
    load,
    recall,
    refresh,
    createAnnotation,
    updateAnnotation,
    deleteAnnotation,
    acceptWording,
    attachAnnotation,
    undo,
    redo,
    /** Tries the last unsaved change again; null when nothing failed. */
    retry: failed ? retryFailed : null,
  };
}
