import { ApiFailure } from '../../shared/api/result';
import type { ApiHandlers } from '../api/dispatcher';
import type { ArticleRecord, LibraryStore } from '../store/store-types';
import type { KeyedQueue } from './keyed-queue';

/** Settings and start-up notices. */
export function settingsService(
  store: LibraryStore,
  articleQueue: KeyedQueue,
): Pick<ApiHandlers, 'getSettings' | 'setTaxonomy' | 'getNotices'> {
  return {
    async getSettings() {
      return store.getSettings();
    },
    async setTaxonomy({ taxonomy, reassign = {} }) {
      const ids = new Set(taxonomy.verdicts.map((v) => v.id));
      if (ids.size !== taxonomy.verdicts.length) {
        throw new ApiFailure(
          'invalid-input',
          'Two verdicts share an id; each verdict needs its own.',
        );
      }
      for (const target of Object.values(reassign)) {
        if (target !== null && !ids.has(target)) {
          throw new ApiFailure(
            'invalid-input',
            `Cannot move claims to verdict ${target}: it is not in the new scale.`,
          );
        }
      }
      // Claims whose verdict disappears move to the chosen verdict, or to none: never left dangling.
      // All or nothing: if any write fails, the articles already rewritten are put back.
      const rewritten: ArticleRecord[] = [];
      const settings = { ...store.getSettings(), taxonomy };
      try {
        for (const summary of store.listArticles()) {
          await articleQueue.run(summary.id, async () => {
            const record = await store.readArticle(summary.id);
            if (!record) return;
            let changed = false;
            const annotations = record.annotations.map((annotation) => {
              if (annotation.verdictId === null || ids.has(annotation.verdictId)) return annotation;
              changed = true;
              return { ...annotation, verdictId: reassign[annotation.verdictId] ?? null };
            });
            if (!changed) return;
            await store.writeArticle({ ...record, annotations });
            rewritten.push(record);
          });
        }
        await store.writeSettings(settings);
      } catch (error) {
        for (const original of rewritten) {
          await articleQueue
            .run(original.article.id, () => store.writeArticle(original))
            .catch(() => undefined);
        }
        throw error;
      }
      return settings;
    },
    async getNotices() {
      // Read live: article files opened later may add notices of their own.
      return [...store.notices];
    },
  };
}
