import { useCallback, useEffect, useState } from 'react';
import type { Api } from '../../../shared/api/api';
import type { Notice } from '../../../shared/api/contract';
import type { Annotation } from '../../../shared/annotation/annotation-model';
import type { Article, ArticleSummary } from '../../../shared/article/article-model';
import { LibrarySidebar } from '../features/library/LibrarySidebar';
import { ArticleView } from '../features/reader/ArticleView';
import { useApiErrors } from './use-api-call';

interface OpenArticle {
  article: Article;
  annotations: Annotation[];
}

/** The whole window: library sidebar, reading pane and margin, over one API. */
export function App({ api }: { api: Api }) {
  const { error, clearError, unwrap } = useApiErrors();
  const [articles, setArticles] = useState<ArticleSummary[]>([]);
  const [openArticleId, setOpenArticleId] = useState<string | null>(null);
  const [readOnly, setReadOnly] = useState(false);
  const [open, setOpen] = useState<OpenArticle | null>(null);
  const [notices, setNotices] = useState<Notice[]>([]);
  const [loading, setLoading] = useState(true);

  const refreshLibrary = useCallback(async () => {
    const library = unwrap(await api.getLibrary({}));
    if (!library) return;
    setArticles(library.articles);
    setReadOnly(library.readOnly);
    setOpenArticleId((current) => current ?? library.openArticleId);
  }, [api, unwrap]);

  useEffect(() => {
    void (async () => {
      await refreshLibrary();
      const startupNotices = unwrap(await api.getNotices({}));
      if (startupNotices) setNotices(startupNotices);
      setLoading(false);
    })();
  }, [api, refreshLibrary, unwrap]);

  useEffect(() => {
    if (!openArticleId) return;
    let cancelled = false;
    void (async () => {
      const record = unwrap(await api.getArticle({ articleId: openArticleId }));
      if (!cancelled && record) setOpen(record);
    })();
    return () => {
      cancelled = true;
    };
  }, [api, openArticleId, unwrap]);

  const openArticle = useCallback(
    (articleId: string) => {
      setOpenArticleId(articleId);
      void api.openArticle({ articleId });
    },
    [api],
  );

  return (
    <div className="app">
      <LibrarySidebar articles={articles} openArticleId={openArticleId} onOpen={openArticle} />
      <div className="desk">
        {(notices.length > 0 || error || readOnly) && (
          <div className="banners">
            {readOnly && (
              <p className="banner banner--warning" role="status">
                This library was written by a newer Factmark: you can read it, but nothing will be
                saved.
              </p>
            )}
            {notices.map((notice, index) => (
              <p key={index} className={`banner banner--${notice.level}`} role="status">
                {notice.message}
                <button
                  type="button"
                  className="banner__close"
                  aria-label="Dismiss"
                  onClick={() => setNotices((all) => all.filter((n) => n !== notice))}
                >
                  ×
                </button>
              </p>
            ))}
            {error && (
              <p className="banner banner--error" role="alert">
                {error.message}
                <button
                  type="button"
                  className="banner__close"
                  aria-label="Dismiss"
                  onClick={clearError}
                >
                  ×
                </button>
              </p>
            )}
          </div>
        )}
        <div className="desk__scroll">
          <main className="reading-pane" aria-busy={loading}>
            {open ? (
              <ArticleView article={open.article} />
            ) : (
              !loading && <p className="reading-pane__empty">The library is empty.</p>
            )}
          </main>
          <aside className="margin" aria-label="Annotations">
            {open && open.annotations.length === 0 && (
              <p className="margin__hint">
                Select a claim in the article to tag it and write a note.
              </p>
            )}
          </aside>
        </div>
      </div>
    </div>
  );
}
