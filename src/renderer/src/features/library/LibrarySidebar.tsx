import { createContext, memo, useContext, useMemo } from 'react';
import type { ArticleSummary } from '../../../../shared/article/article-model';
import { countOf } from '../../components/count-of';
import { createValueStore, useStoreValue, type ValueStore } from '../../components/value-store';

/** One formatter for every date: creating one per call is costly (Intl). */
const DATE_FORMAT = new Intl.DateTimeFormat(undefined, {
  year: 'numeric',
  month: 'short',
  day: 'numeric',
  timeZone: 'UTC',
});

/** Formats an ISO date (YYYY-MM-DD) for the sidebar without time-zone shifts. */
function formatDate(isoDate: string | undefined): string {
  if (!isoDate) return '';
  const [year, month, day] = isoDate.slice(0, 10).split('-').map(Number);
  if (!year || !month || !day) return isoDate;
  return DATE_FORMAT.format(new Date(Date.UTC(year, month - 1, day)));
}

/** The claims on screen in the open article: how many, and in which article. */
export interface LiveClaimCount {
  articleId: string;
  count: number;
}

/**
 * The open article's live claim count, in a store the window sets as claims change. Only the
 * open entry reads it, so a new claim re-renders that entry's count, not the library (nor makes
 * React look through every entry for who reads it). An entry shows it only when it is its own
 * article's: the window may set it a frame after another article was opened.
 */
const OpenClaimCount = createContext<ValueStore<LiveClaimCount | undefined> | null>(null);
const NO_COUNT = createValueStore<LiveClaimCount | undefined>(undefined);

function OpenEntryCount({ articleId, stored }: { articleId: string; stored: number }) {
  const store = useContext(OpenClaimCount);
  const live = useStoreValue(store ?? NO_COUNT);
  return <>{countOf(live?.articleId === articleId ? live.count : stored)}</>;
}

/** One article in the library; renders again only when its summary or being open changes. */
const LibraryItem = memo(function LibraryItem(props: {
  article: ArticleSummary;
  current: boolean;
  onOpen: (articleId: string) => void;
}) {
  const { article, current } = props;
  return (
    <li>
      <button
        type="button"
        className="library__item"
        aria-current={current ? 'page' : undefined}
        onClick={() => props.onOpen(article.id)}
      >
        <span className="library__item-title">{article.title}</span>
        <span className="library__item-meta">
          {formatDate(article.published ?? article.addedAt)} ·{' '}
          {current ? (
            <OpenEntryCount articleId={article.id} stored={article.claimCount} />
          ) : (
            countOf(article.claimCount)
          )}
        </span>
      </button>
    </li>
  );
});

/**
 * The library: every article with its date and claim count; the open one is marked current and
 * shows the count in `openClaimCount`, the claims on screen, when it holds one.
 */
export const LibrarySidebar = memo(function LibrarySidebar(props: {
  articles: readonly ArticleSummary[];
  openArticleId: string | null;
  openClaimCount: ValueStore<LiveClaimCount | undefined>;
  onOpen: (articleId: string) => void;
}) {
  const { articles, openArticleId, onOpen } = props;
  // The list, built again only when the library or the open article changes (not per claim).
  const items = useMemo(
    () =>
      articles.map((article) => (
        <LibraryItem
          key={article.id}
          article={article}
          current={article.id === openArticleId}
          onOpen={onOpen}
        />
      )),
    [articles, openArticleId, onOpen],
  );
  return (
    <nav className="library" aria-label="Library">
      <h2 className="library__title">Library</h2>
      <OpenClaimCount.Provider value={props.openClaimCount}>
        <ul className="library__list">{items}</ul>
      </OpenClaimCount.Provider>
    </nav>
  );
});
