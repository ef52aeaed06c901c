import { open, rename } from 'node:fs/promises';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { Low } from 'lowdb';
import { JSONFile } from 'lowdb/node';
import { openFactmark, type FactmarkLibrary } from '../../src/main/services/open-factmark';
import type { ArticleRecord } from '../../src/main/store/store-types';
import type { BenchConfig } from '../lib/config';
import { makeTempDir, removeDir, writeLibrary } from '../lib/data-dir';
import { libraryArticleRecord } from '../lib/generate';
import { figureRow, measuredRow, median, type ResultRow } from '../lib/results';

/** One library opened through the app's own entry point, with the article whose claim is edited. */
interface SaveTarget {
  library: FactmarkLibrary;
  articleId: string;
  annotationId: string;
}

/** One durable save of a note edit through the API, timed from the caller's side (ms). */
async function timedEdit(target: SaveTarget, edit: number): Promise<number> {
  const started = performance.now();
  const result = await target.library.dispatch('updateAnnotation', {
    articleId: target.articleId,
    annotationId: target.annotationId,
    patch: { note: `Benchmark edit ${edit}: checked against the source, figure confirmed.` },
  });
  const elapsed = performance.now() - started;
  if (!result.ok) throw new Error(`updateAnnotation failed: ${result.error.message}`);
  return elapsed;
}

/** One edit of the whole library held in a plain lowdb `JSONFile` (no fsync), timed (ms). */
async function timedLowdbEdit(
  db: Low<{ articles: ArticleRecord[] }>,
  edit: number,
): Promise<number> {
  const started = performance.now();
  const record = db.data.articles[Math.floor(db.data.articles.length / 2)];
  const annotation = record?.annotations[0];
  if (annotation) annotation.note = `Benchmark edit ${edit}: checked against the source.`;
  await db.write();
  return performance.now() - started;
}

/**
 * The floor under any durable save on this disk: one article's JSON written to a temp file,
 * fsynced, renamed over the target, folder fsynced (ms). No validation, no backup, no index.
 */
async function timedRawDurableWrite(
  dir: string,
  record: ArticleRecord,
  edit: number,
): Promise<number> {
  const started = performance.now();
  const target = path.join(dir, 'article.json');
  const temp = `${target}.tmp`;
  const file = await open(temp, 'w');
  try {
    await file.writeFile(JSON.stringify({ ...record, edit }));
    await file.sync();
  } finally {
    await file.close();
  }
  await rename(temp, target);
  const folder = await open(dir, 'r');
  try {
    await folder.sync();
  } finally {
    await folder.close();
  }
  return performance.now() - started;
}

/**
 * Scenario 3: a durable save of one annotation edit with a 1-article library and with a library
 * of `libraryArticles` articles, interleaved in the same run; beside it, plain lowdb writing the
 * whole library per edit on the same data.
 */
export async function runSaveScenario(config: BenchConfig): Promise<ResultRow[]> {
  const count = config.libraryArticles;
  const records = Array.from({ length: count }, (_, i) =>
    libraryArticleRecord(i, config.libraryWords),
  );
  const edited = records[Math.floor(count / 2)] as ArticleRecord;
  const annotationId = edited.annotations[0]?.id;
  if (!annotationId) throw new Error('the generated article has no annotation to edit');
  const resourcesDir = path.join(config.root, 'resources');
  const smallDir = await makeTempDir('save-1');
  const largeDir = await makeTempDir(`save-${count}`);
  const lowdbDir = await makeTempDir('lowdb');
  const opened: FactmarkLibrary[] = [];
  try {
    const generating = performance.now();
    await writeLibrary(smallDir, [edited], edited.article.id);
    await writeLibrary(largeDir, records, edited.article.id);
    const generateMs = performance.now() - generating;

    const small = await openFactmark({ dataDir: smallDir, resourcesDir });
    opened.push(small);
    const large = await openFactmark({ dataDir: largeDir, resourcesDir });
    opened.push(large);
    const targets = {
      small: { library: small, articleId: edited.article.id, annotationId },
      large: { library: large, articleId: edited.article.id, annotationId },
    };
    // Warm up: open the article files and let the JIT settle, as in a running app.
    for (let i = 0; i < 5; i += 1) {
      await timedEdit(targets.small, -i);
      await timedEdit(targets.large, -i);
    }
    const smallTimes: number[] = [];
    const largeTimes: number[] = [];
    // Interleaved, so a noisy moment on the machine hits both libraries alike.
    for (let i = 0; i < config.runs.save; i += 1) {
      smallTimes.push(await timedEdit(targets.small, i));
      largeTimes.push(await timedEdit(targets.large, i));
    }

    const lowdbLarge = new Low(
      new JSONFile<{ articles: ArticleRecord[] }>(path.join(lowdbDir, 'library.json')),
      {
        articles: structuredClone(records),
      },
    );
    const lowdbSmall = new Low(
      new JSONFile<{ articles: ArticleRecord[] }>(path.join(lowdbDir, 'one.json')),
      {
        articles: [structuredClone(edited)],
      },
    );
    await lowdbLarge.write();
    await lowdbSmall.write();
    const lowdbLargeTimes: number[] = [];
    const lowdbSmallTimes: number[] = [];
    for (let i = 0; i < config.runs.lowdb; i += 1) {
      lowdbSmallTimes.push(await timedLowdbEdit(lowdbSmall, i));
      lowdbLargeTimes.push(await timedLowdbEdit(lowdbLarge, i));
    }

    const rawTimes: number[] = [];
    for (let i = 0; i < config.runs.save; i += 1) {
      rawTimes.push(await timedRawDurableWrite(lowdbDir, edited, i));
    }

    const n = count.toLocaleString('en-US');
    const words = config.libraryWords.toLocaleString('en-US');
    const ratio = median(largeTimes) / median(smallTimes);
    const lowdbRatio = median(lowdbLargeTimes) / median(lowdbSmallTimes);
    return [
      measuredRow('3a', 'save one edit (API, fsynced), 1-article library', 'ms', smallTimes, {
        kind: 'max',
        median: 10,
        p95: 25,
      }),
      measuredRow(
        '3b',
        `save one edit (API, fsynced), ${n}-article library`,
        'ms',
        largeTimes,
        { kind: 'max', median: 10, p95: 25 },
        `${words} words per article; library generated through the store in ${(generateMs / 1000).toFixed(1)} s`,
      ),
      figureRow('3c', `save time ratio, ${n} : 1 articles`, '×', ratio, {
        kind: 'max',
        median: 1.5,
      }),
      measuredRow(
        '3d',
        `plain lowdb JSONFile, whole ${n}-article library per edit`,
        'ms',
        lowdbLargeTimes,
        null,
        `no fsync; ratio to 1 article ${lowdbRatio.toFixed(1)}×`,
      ),
      measuredRow(
        '3e',
        'plain lowdb JSONFile, 1-article library per edit',
        'ms',
        lowdbSmallTimes,
        null,
        'no fsync',
      ),
      measuredRow(
        '3f',
        'disk floor: one article file written, fsynced, renamed, dir fsynced',
        'ms',
        rawTimes,
        null,
        'no validation, backup or index: what any durable save costs on this disk now',
      ),
    ];
  } finally {
    await Promise.all(opened.map((library) => library.close()));
    await Promise.all([removeDir(smallDir), removeDir(largeDir), removeDir(lowdbDir)]);
  }
}
