import { memo } from 'react';
import type { ArticleSummary } from '../../../../shared/article/article-model';

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
          {article.claimCount === 1 ? '1 claim' : `${article.claimCount} claims`}
        </span>
      </button>
    </li>
  );
});

/** The library: every article with its date and claim count; the open one is marked current. */
export function LibrarySidebar(props: {
  articles: readonly ArticleSummary[];
  openArticleId: string | null;
  onOpen: (articleId: string) => void;
}) {
  return (
    <nav className="library" aria-label="Library">
      <h2 className="library__title">Library</h2>
      <ul className="library__list">
        {props.articles.map((article) => (
          <LibraryItem
            key={article.id}
            article={article}
            current={article.id === props.openArticleId}
            onOpen={props.onOpen}
          />
        ))}
      </ul>
    </nav>
  );
}
