import type { ApiHandlers } from '../api/dispatcher';

/** The reads a launch is made of. */
type StartupReads = Pick<ApiHandlers, 'getSettings' | 'getLibrary' | 'getNotices' | 'getArticle'>;

/**
 * The window's one read at launch: settings, the library, the open article and the notices, so
 * the first screen costs one round trip instead of a read and then another for the article.
 */
export function startupService(reads: StartupReads): Pick<ApiHandlers, 'getStartup'> {
  return {
    async getStartup() {
      const { openArticleId } = await reads.getLibrary({});
      // Any failure leaves the article out, not the launch: the window then asks getArticle,
      // whose answer says what is wrong exactly as it did before this call existed.
      const openArticle = openArticleId
        ? await reads.getArticle({ articleId: openArticleId }).catch(() => null)
        : null;
      // Read after the article: opening its file may add notices and correct its index entry.
      const [settings, library, notices] = await Promise.all([
        reads.getSettings({}),
        reads.getLibrary({}),
        reads.getNotices({}),
      ]);
      return { settings, library, notices, openArticle };
    },
  };
}
