import { lazy, Suspense, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { Api } from '../../../shared/api/api';
import type { ApiOutput, ImportOutcome, Notice } from '../../../shared/api/contract';
import type { ApiResult } from '../../../shared/api/result';
import { defaultTaxonomy, type Taxonomy } from '../../../shared/annotation/verdicts';
import type { ArticleSummary } from '../../../shared/article/article-model';
import { LibrarySidebar, type LiveClaimCount } from '../features/library/LibrarySidebar';
import { NO_VERDICT, noFilter, type ClaimFilter } from '../features/margin/claim-filter';
import { VerdictSettings } from '../features/settings/VerdictSettings';
import { ArticleDesk } from './ArticleDesk';
import { useArticleImport } from '../features/import/use-article-import';
import { Banners } from './Banners';
import { DeskToolbar } from './DeskToolbar';
import { beginInteraction } from './perf-marks';
import { useArticleSession } from './use-article-session';
import { useApiErrors } from './use-api-call';
import { countOf } from '../components/count-of';
import { afterNextPaint } from '../components/after-paint';
import { createValueStore } from '../components/value-store';

// The exporters (Markdown serialiser and friends) load when the dialog first opens.
const ExportDialog = lazy(async () => ({
  default: (await import('../features/export/ExportDialog')).ExportDialog,
}));

function isTextField(target: EventTarget | null): boolean {
  return (
    target instanceof HTMLElement &&
    (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName))
  );
}

/** What the window shows at launch: the answer of `getStartup`. */
export type Launch = ApiOutput<'getStartup'>;

/**
 * The whole window: library sidebar, reading pane and margin, over one API. `launch` is the
 * answer of the launch read (sent by main.tsx before React loaded), so the very first render
 * already shows the library and the open article.
 */
export function App({ api, launch }: { api: Api; launch: ApiResult<Launch> }) {
  const { error, clearError, unwrap } = useApiErrors();
  const launched = launch.ok ? launch.value : undefined;
  const session = useArticleSession(api, unwrap, launched?.openArticle ?? null);
  const [articles, setArticles] = useState<ArticleSummary[]>(launched?.library.articles ?? []);
  const [openArticleId, setOpenArticleId] = useState<string | null>(
    launched?.library.openArticleId ?? null,
  );
  const [readOnly, setReadOnly] = useState(launched?.library.readOnly ?? false);
  const [taxonomy, setTaxonomy] = useState<Taxonomy>(
    launched?.settings.taxonomy ?? defaultTaxonomy,
  );
  const [notices, setNotices] = useState<Notice[]>(launched?.notices ?? []);
  // The article the launch read brought along, shown without being fetched again.
  const shownAtLaunch = useRef(launched?.openArticle?.article.id ?? null);
  const [filter, setFilter] = useState<ClaimFilter>(noFilter);
  const [settingsOpen, setSettingsOpen] = useState(false);
  const [exportOpen, setExportOpen] = useState(false);
  const [fontSize, setFontSize] = useState(19);
  const scrollRef = useRef<HTMLDivElement | null>(null);
  const scrollPositions = useRef(new Map<string, number>());

  const refreshLibrary = useCallback(async () => {
    const library = unwrap(await api.getLibrary({}));
    if (!library) return;
    setArticles(library.articles);
    setReadOnly(library.readOnly);
    setOpenArticleId((current) => current ?? library.openArticleId);
  }, [api, unwrap]);

  // A launch read that failed is reported like any other failed call.
  useEffect(() => {
    if (!launch.ok) unwrap(launch);
  }, [launch, unwrap]);

  const { load, recall, refresh } = session;
  useEffect(() => {
    if (!openArticleId || openArticleId === shownAtLaunch.current) return;
    shownAtLaunch.current = null;
    let cancelled = false;
    // Each article keeps its own scroll position.
    const restoreScroll = () =>
      requestAnimationFrame(() =>
        scrollRef.current?.scrollTo({ top: scrollPositions.current.get(openArticleId) ?? 0 }),
      );
    // An article open lately shows at once as it was left; the store's copy then replaces it
    // if another window changed it meanwhile.
    const recalled = recall(openArticleId);
    if (recalled) restoreScroll();
    void (async () => {
      const record = unwrap(await api.getArticle({ articleId: openArticleId }));
      if (cancelled || !record) return;
      if (recalled) return refresh(record);
      load(record);
      restoreScroll();
    })();
    return () => {
      cancelled = true;
    };
  }, [api, openArticleId, unwrap, load, recall, refresh]);

  // The sidebar's count for the open article follows the claims on screen...
  const sessionArticleId = session.state?.article.id;
  const shownClaimCount = session.state?.annotations.length;
  // Handed to the sidebar through a store, so a new claim does not re-render the library, and
  // set after the paint: the count is not worth a second render before the frame showing a claim.
  const [claimCountStore] = useState(() => createValueStore<LiveClaimCount | undefined>(undefined));
  useEffect(() => {
    const live =
      sessionArticleId && shownClaimCount !== undefined
        ? { articleId: sessionArticleId, count: shownClaimCount }
        : undefined;
    afterNextPaint(() => claimCountStore.set(live));
  }, [claimCountStore, sessionArticleId, shownClaimCount]);
  // ...and an article left keeps, in the library, the count it had when it was left.
  const lastShown = useRef<{ id: string; count: number } | null>(null);
  useEffect(() => {
    const left = lastShown.current;
    if (left && left.id !== sessionArticleId)
      setArticles((all) =>
        all.map((a) =>
          a.id === left.id && a.claimCount !== left.count ? { ...a, claimCount: left.count } : a,
        ),
      );
    lastShown.current =
      sessionArticleId && shownClaimCount !== undefined
        ? { id: sessionArticleId, count: shownClaimCount }
        : null;
  }, [sessionArticleId, shownClaimCount]);

  const openArticle = useCallback(
    (articleId: string) => {
      if (sessionArticleId && scrollRef.current)
        scrollPositions.current.set(sessionArticleId, scrollRef.current.scrollTop);
      beginInteraction('factmark:open-article');
      setOpenArticleId(articleId);
      setFilter(noFilter);
      void api.openArticle({ articleId });
    },
    [api, sessionArticleId],
  );

  // Undo and redo of claim changes; inside a text field the field's own undo applies.
  const { undo, redo } = session;
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (!(event.ctrlKey || event.metaKey) || isTextField(event.target) || settingsOpen) return;
      const key = event.key.toLowerCase();
      if (key === 'z' && !event.shiftKey) {
        event.preventDefault();
        void undo();
      } else if ((key === 'z' && event.shiftKey) || key === 'y') {
        event.preventDefault();
        void redo();
      }
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, [undo, redo, settingsOpen]);

  const tally = session.state?.tally;
  const labelCounts = tally?.labels;
  const knownLabels = useMemo(
    () => [...(labelCounts?.keys() ?? [])].sort((a, b) => a.localeCompare(b)),
    [labelCounts],
  );
  // How many claims use each verdict: only the verdict settings show it.
  const verdictCounts = tally?.byVerdict;
  const usage = useMemo(() => {
    const counts: Record<string, number> = {};
    for (const [verdictId, count] of verdictCounts ?? [])
      if (verdictId !== NO_VERDICT) counts[verdictId] = count;
    return counts;
  }, [verdictCounts]);
  const { deleteAnnotation, acceptWording } = session;
  const onDelete = useCallback((id: string) => void deleteAnnotation(id), [deleteAnnotation]);
  const onAcceptWording = useCallback((id: string) => void acceptWording(id), [acceptWording]);

  const onImported = useCallback(
    async (outcome: Exclude<ImportOutcome, { status: 'duplicate' }>) => {
      await refreshLibrary();
      const { article } = outcome;
      if (outcome.status === 'updated') {
        const { anchored, wordingChanged, orphaned } = outcome.report;
        setNotices((all) => [
          ...all,
          {
            level: 'info',
            message: `Updated “${article.title}”: ${countOf(anchored)} in place, ${wordingChanged} with changed wording, ${orphaned} orphaned.`,
          },
        ]);
      }
      if (article.id === openArticleId) {
        const record = unwrap(await api.getArticle({ articleId: article.id }));
        if (record) load(record);
      } else openArticle(article.id);
    },
    [api, load, openArticle, openArticleId, refreshLibrary, unwrap],
  );
  const onImportRefused = useCallback(
    (message: string) => setNotices((all) => [...all, { level: 'error', message }]),
    [],
  );
  const importer = useArticleImport(api, unwrap, onImported, onImportRefused);

  const saveTaxonomy = async (next: Taxonomy, reassign: Record<string, string | null>) => {
    const settings = unwrap(await api.setTaxonomy({ taxonomy: next, reassign }));
    if (!settings) return false;
    setTaxonomy(settings.taxonomy);
    // Claims whose verdict moved were rewritten on disk: show them as stored.
    if (openArticleId) {
      const record = unwrap(await api.getArticle({ articleId: openArticleId }));
      if (record) load(record);
    }
    return true;
  };

  const openSettings = useCallback(() => setSettingsOpen(true), []);
  const openExport = useCallback(() => setExportOpen(true), []);

  const state = session.state;
  return (
    <div className="app" style={{ '--article-font-size': `${fontSize}px` } as React.CSSProperties}>
      <LibrarySidebar
        articles={articles}
        openArticleId={openArticleId}
        openClaimCount={claimCountStore}
        onOpen={openArticle}
      />
      <div className="desk">
        <DeskToolbar
          title={state?.article.metadata.title ?? 'Factmark'}
          fontSize={fontSize}
          onFontSize={setFontSize}
          onOpenSettings={openSettings}
          onExport={state ? openExport : null}
          importer={importer}
        />
        <Banners
          notices={notices}
          onDismissNotice={(n) => setNotices((all) => all.filter((x) => x !== n))}
          error={error}
          onDismissError={clearError}
          onRetry={
            session.retry
              ? () => {
                  clearError();
                  session.retry?.();
                }
              : null
          }
          readOnly={readOnly}
        />
        <div className="desk__scroll" ref={scrollRef}>
          {state ? (
            <ArticleDesk
              article={state.article}
              annotations={state.annotations}
              tally={state.tally}
              taxonomy={taxonomy}
              knownLabels={knownLabels}
              filter={filter}
              onFilter={setFilter}
              scrollRef={scrollRef}
              readOnly={readOnly}
              onCreate={session.createAnnotation}
              onUpdate={session.updateAnnotation}
              onDelete={onDelete}
              onAcceptWording={onAcceptWording}
              onAttach={session.attachAnnotation}
            />
          ) : (
            <>
              <main className="reading-pane">
                <p className="reading-pane__empty">The library is empty.</p>
              </main>
              <aside className="margin" aria-label="Annotations" />
            </>
          )}
        </div>
      </div>
      {exportOpen && state && (
        <Suspense fallback={null}>
          <ExportDialog
            article={state.article}
            annotations={state.annotations}
            taxonomy={taxonomy}
            onClose={() => setExportOpen(false)}
          />
        </Suspense>
      )}
      {settingsOpen && (
        <VerdictSettings
          taxonomy={taxonomy}
          usage={usage}
          onSave={saveTaxonomy}
          onClose={() => setSettingsOpen(false)}
        />
      )}
    </div>
  );
}
