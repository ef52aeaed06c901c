import { createDispatcher, type Dispatch } from '../api/dispatcher';
import { openLibraryStore } from '../store/library-store';
import type { LibraryStore } from '../store/store-types';
import { annotationsService } from './annotations-service';
import { articlesService } from './articles-service';
import { importService } from './import-service';
import { KeyedQueue } from './keyed-queue';
import { seedSampleArticle } from './seed-sample';
import { settingsService } from './settings-service';
import { startupService } from './startup-service';

/** Everything a host needs: the store and the one dispatcher in front of the services. */
export interface FactmarkLibrary {
  store: LibraryStore;
  dispatch: Dispatch;
  close(): Promise<void>;
}

/**
 * Opens the library in `dataDir` (seeding the sample on first launch) and wires every service
 * behind one dispatcher. Used alike by the Electron main process, the web host, the CLI and tests.
 */
export async function openFactmark(options: {
  dataDir: string;
  resourcesDir: string;
  readOnly?: boolean;
}): Promise<FactmarkLibrary> {
  const store = await openLibraryStore(options.dataDir, { readOnly: options.readOnly });
  await seedSampleArticle(store, options.resourcesDir);
  // Every change to an article is a read-modify-write of its file: one at a time per article.
  const articleQueue = new KeyedQueue();
  const edits = annotationsService(store);
  const unqueued = articlesService(store);
  // Reads of an article wait for changes to it already received, so a window reloaded right
  // after a save (its request still being written) is shown the change, not the file before it.
  const articles: typeof unqueued = {
    ...unqueued,
    getArticle: (input) => articleQueue.run(input.articleId, () => unqueued.getArticle(input)),
  };
  const settings = settingsService(store, articleQueue);
  const dispatch = createDispatcher({
    ...articles,
    ...settings,
    ...startupService({ ...articles, ...settings }),
    createAnnotation: (input) =>
      articleQueue.run(input.articleId, () => edits.createAnnotation(input)),
    updateAnnotation: (input) =>
      articleQueue.run(input.articleId, () => edits.updateAnnotation(input)),
    deleteAnnotation: (input) =>
      articleQueue.run(input.articleId, () => edits.deleteAnnotation(input)),
    restoreAnnotation: (input) =>
      articleQueue.run(input.articleId, () => edits.restoreAnnotation(input)),
    ...importService(store, articleQueue),
  });
  return { store, dispatch, close: () => store.close() };
}
