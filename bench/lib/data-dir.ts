import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openLibraryStore } from '../../src/main/store/library-store';
import type { ArticleRecord } from '../../src/main/store/store-types';

/** A fresh temporary folder for one scenario's library; removed by `removeDir`. */
export function makeTempDir(label: string): Promise<string> {
  return mkdtemp(path.join(tmpdir(), `factmark-bench-${label}-`));
}

/** Removes a temporary folder and everything in it. */
export async function removeDir(dir: string): Promise<void> {
  await rm(dir, { recursive: true, force: true });
}

/**
 * Writes `records` into a new library through the app's own store (durable files, index), with
 * `openArticleId` opened at launch and the sample marked as seeded so it is never added.
 */
export async function writeLibrary(
  dataDir: string,
  records: Iterable<ArticleRecord>,
  openArticleId: string | null,
): Promise<void> {
  const store = await openLibraryStore(dataDir);
  try {
    const pending = new Set<Promise<void>>();
    for (const record of records) {
      // A few writes in flight at once: the store queues the index update behind each.
      const write: Promise<void> = store.writeArticle(record).finally(() => pending.delete(write));
      pending.add(write);
      if (pending.size >= 8) await Promise.race(pending);
    }
    await Promise.all(pending);
    await store.writeSettings({ ...store.getSettings(), openArticleId });
    await store.markSampleSeeded();
  } finally {
    await store.close();
  }
}
