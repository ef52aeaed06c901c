import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { normalizeArticleText } from '../../shared/article/normalize-text';
import { parseTextArticle } from '../../shared/article/parse-text-article';
import type { LibraryStore } from '../store/store-types';
import { newId, nowIso } from './ids';

/** The file name of the sample article inside the resources folder. */
export const SAMPLE_ARTICLE_FILE = 'sample-article.txt';

/**
 * Puts the sample article in the library the first time a library is opened, and opens it.
 * Runs once per library: a reader who deletes the sample never sees it come back.
 */
export async function seedSampleArticle(store: LibraryStore, resourcesDir: string): Promise<void> {
  if (store.sampleSeeded || store.readOnly) return;
  const text = normalizeArticleText(
    await readFile(join(resourcesDir, SAMPLE_ARTICLE_FILE), 'utf8'),
  );
  const { metadata, blocks } = parseTextArticle(text);
  const article = {
    id: newId(),
    metadata: { ...metadata, source: 'Factmark sample article' },
    blocks,
    addedAt: nowIso(),
  };
  await store.writeArticle({ article, annotations: [] });
  await store.writeSettings({ ...store.getSettings(), openArticleId: article.id });
  await store.markSampleSeeded();
}
