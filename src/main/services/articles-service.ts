import { ApiFailure } from '../../shared/api/result';
import type { ApiHandlers } from '../api/dispatcher';
import type { ArticleRecord, LibraryStore } from '../store/store-types';

/** Loads an article's record or fails with a `not-found` a person can read. */
export async function requireArticle(
  store: LibraryStore,
  articleId: string,
): Promise<ArticleRecord> {
  const record = await store.readArticle(articleId);
  if (!record)
    throw new ApiFailure('not-found', `There is no article with id ${articleId} in the library.`);
  return record;
}

/** The library's article methods: listing, loading, and remembering the open article. */
export function articlesService(
  store: LibraryStore,
): Pick<ApiHandlers, 'getLibrary' | 'getArticle' | 'openArticle'> {
  return {
    async getLibrary() {
      const articles = store.listArticles();
      const wanted = store.getSettings().openArticleId;
      const openArticleId = articles.some((a) => a.id === wanted)
        ? wanted
        : (articles[0]?.id ?? null);
      return { articles, openArticleId, readOnly: store.readOnly };
    },
    async getArticle({ articleId }) {
      return requireArticle(store, articleId);
    },
    async openArticle({ articleId }) {
      await requireArticle(store, articleId);
      const settings = store.getSettings();
      // Remembering the open article is a convenience: never fail the switch over it.
      if (settings.openArticleId !== articleId && !store.readOnly) {
        await store.writeSettings({ ...settings, openArticleId: articleId });
      }
      return { articleId };
    },
  };
}
