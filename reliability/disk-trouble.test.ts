import * as fsp from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Dispatch } from '../src/main/api/dispatcher';
import { call } from '../src/main/api/dispatcher';
import { openFactmark } from '../src/main/services/open-factmark';
import { openLibraryStore } from '../src/main/store/library-store';
import { buildTextQuote } from '../src/shared/anchoring/text-quote';
import type { ApiResult } from '../src/shared/api/result';
import { canonicalText } from '../src/shared/article/article-model';
import { isTempFile, listFiles, makeTempDir, removeTempDirs } from './support/files';
import { RESOURCES_DIR } from './support/paths';
import { recordResult } from './support/report';

// Every disk-changing call the app makes goes through this switch (see fault-fs.ts).
const faults = vi.hoisted(() => ({
  within: '',
  armedAt: -1,
  calls: 0,
  code: 'ENOSPC' as 'ENOSPC' | 'EROFS' | 'EIO',
  failed: [] as string[],
}));
vi.mock('node:fs/promises', async (importOriginal) => {
  const { faultyFsPromises } = await import('./support/fault-fs');
  return faultyFsPromises(await importOriginal<typeof import('node:fs/promises')>(), faults);
});

afterAll(removeTempDirs);

const codes = ['ENOSPC', 'EROFS', 'EIO'] as const;
let template: string;
let articleId: string;
let text: string;
let claimIds: string[];

/** What the library holds, as the reader sees it (memory) or as a fresh reader finds it (disk). */
interface LibraryState {
  annotations: unknown[];
  settings: unknown;
  index: unknown;
}

beforeAll(async () => {
  template = await makeTempDir('factmark-disk-template-');
  const library = await openFactmark({ dataDir: template, resourcesDir: RESOURCES_DIR });
  const listed = await call(library.dispatch, 'getLibrary', {});
  if (!listed.ok) throw new Error(listed.error.message);
  articleId = listed.value.articles[0]!.id;
  const record = await call(library.dispatch, 'getArticle', { articleId });
  if (!record.ok) throw new Error(record.error.message);
  text = canonicalText(record.value.article.blocks);
  claimIds = [];
  for (const [start, verdictId] of [
    [0, 'misleading'],
    [10, 'false'],
  ] as const) {
    const created = await call(library.dispatch, 'createAnnotation', {
      articleId,
      start,
      end: start + 5,
      verdictId,
    });
    if (!created.ok) throw new Error(created.error.message);
    claimIds.push(created.value.id);
  }
  await library.store.writeSettings({ ...library.store.getSettings(), openArticleId: null });
  await library.close();
});

async function memoryState(dispatch: Dispatch): Promise<LibraryState> {
  const [record, settings, listed] = await Promise.all([
    call(dispatch, 'getArticle', { articleId }),
    call(dispatch, 'getSettings', {}),
    call(dispatch, 'getLibrary', {}),
  ]);
  return {
    annotations: record.ok ? record.value.annotations : [],
    settings: settings.ok ? settings.value : undefined,
    index: listed.ok ? listed.value.articles : undefined,
  };
}

async function diskState(dir: string): Promise<LibraryState> {
  const store = await openLibraryStore(dir, { readOnly: true });
  try {
    return {
      annotations: (await store.readArticle(articleId))?.annotations ?? [],
      settings: store.getSettings(),
      index: store.listArticles(),
    };
  } finally {
    await store.close();
  }
}

/** The edits a reader makes, each with how many claims it adds. */
const operations: {
  name: string;
  delta: number;
  run: (dispatch: Dispatch) => Promise<ApiResult<unknown>>;
}[] = [
  {
    name: 'createAnnotation',
    delta: 1,
    run: (d) => d('createAnnotation', { articleId, start: 20, end: 30 }),
  },
  {
    name: 'updateAnnotation',
    delta: 0,
    run: (d) =>
      d('updateAnnotation', {
        articleId,
        annotationId: claimIds[0],
        patch: { note: 'Checked against the transcript.' },
      }),
  },
  {
    name: 'deleteAnnotation',
    delta: -1,
    run: (d) => d('deleteAnnotation', { articleId, annotationId: claimIds[1] }),
  },
  {
    name: 'restoreAnnotation',
    delta: 1,
    run: (d) =>
      d('restoreAnnotation', {
        articleId,
        annotation: {
          id: 'restored-claim',
          start: 30,
          end: 36,
          quote: buildTextQuote(text, 30, 36),
          verdictId: null,
          status: 'unreviewed',
          summary: text.slice(30, 36),
          note: '',
          labels: [],
          evidence: [],
          anchor: 'anchored',
          createdAt: '2026-01-01T00:00:00.000Z',
          updatedAt: '2026-01-01T00:00:00.000Z',
        },
      }),
  },
  { name: 'openArticle', delta: 0, run: (d) => d('openArticle', { articleId }) },
  {
    name: 'setTaxonomy',
    delta: 0,
    run: async (d) => {
      const settings = await call(d, 'getSettings', {});
      if (!settings.ok) return settings;
      return d('setTaxonomy', { taxonomy: { ...settings.value.taxonomy, presetId: 'renamed' } });
    },
  },
];

let cases = 0;
let failures = 0;
let dataLost = 0;
afterAll(() => {
  recordResult({
    area: 'Failing disk (ENOSPC/EROFS/EIO at every write step)',
    cases,
    failures,
    dataLost,
  });
});

describe('a write that fails', () => {
  it.each(operations)(
    '$name: at every step, all or nothing, the API tells the truth, retry works',
    async (operation) => {
      // How many disk-changing calls the edit makes when nothing fails.
      const clean = await makeTempDir('factmark-disk-');
      await fsp.cp(template, clean, { recursive: true });
      const reference = await openFactmark({ dataDir: clean, resourcesDir: RESOURCES_DIR });
      Object.assign(faults, { within: clean, armedAt: -1, calls: 0 });
      const cleanResult = await operation.run(reference.dispatch);
      const steps = faults.calls;
      faults.within = '';
      await reference.close();
      expect(cleanResult.ok, JSON.stringify(cleanResult)).toBe(true);
      expect(steps).toBeGreaterThan(0);

      const problems: string[] = [];
      for (let step = 0; step < steps; step++) {
        const dir = await makeTempDir('factmark-disk-');
        await fsp.cp(template, dir, { recursive: true });
        const library = await openFactmark({ dataDir: dir, resourcesDir: RESOURCES_DIR });
        const before = await memoryState(library.dispatch);
        const code = codes[step % codes.length]!;
        Object.assign(faults, { within: dir, armedAt: step, calls: 0, code, failed: [] });
        const result = await operation.run(library.dispatch);
        faults.within = '';
        const where = `step ${step + 1}/${steps} (${code} on ${faults.failed.join(', ') || 'nothing'})`;
        const memory = await memoryState(library.dispatch);
        const disk = await diskState(dir);
        const lost = (state: LibraryState) =>
          state.annotations.length < before.annotations.length + Math.min(operation.delta, 0)
            ? 1
            : 0;
        cases++;
        const found: string[] = [];
        if (JSON.stringify(memory) !== JSON.stringify(disk)) found.push('memory and disk disagree');
        if (result.ok) {
          if (JSON.stringify(disk) === JSON.stringify(before))
            found.push('answered ok but nothing changed on disk');
        } else {
          if (result.error.code !== 'storage-failed') found.push(`error code ${result.error.code}`);
          if (!result.error.message.includes(code))
            found.push(`message does not say why: ${result.error.message}`);
          if (JSON.stringify(disk) !== JSON.stringify(before))
            found.push('answered failed but the disk changed');
          // Retry once the disk is fine again: it must go through, exactly once.
          const retried = await operation.run(library.dispatch);
          const after = await diskState(dir);
          if (!retried.ok) found.push(`retry failed: ${retried.error.message}`);
          if (after.annotations.length !== before.annotations.length + operation.delta) {
            found.push(
              `after retry ${after.annotations.length} claims, expected ${before.annotations.length + operation.delta}`,
            );
          }
        }
        const leftovers = (await listFiles(dir)).filter(isTempFile);
        if (leftovers.length > 0) found.push(`temp files left: ${leftovers.join(', ')}`);
        await library.close();
        dataLost += lost(disk);
        if (found.length > 0) {
          failures++;
          problems.push(`${where}: ${found.join('; ')}`);
        }
      }
      expect(problems).toEqual([]);
    },
  );

  it('setTaxonomy that moves claims off a deleted verdict: a failure part-way converges on retry', async () => {
    const problems: string[] = [];
    let partial = 0;
    let steps = 0;
    const run = async (dispatch: Dispatch) => {
      const settings = await call(dispatch, 'getSettings', {});
      if (!settings.ok) return settings;
      const verdicts = settings.value.taxonomy.verdicts.filter((v) => v.id !== 'misleading');
      return dispatch('setTaxonomy', {
        taxonomy: { ...settings.value.taxonomy, verdicts },
        reassign: { misleading: 'false' },
      });
    };
    for (let step = 0; ; step++) {
      const dir = await makeTempDir('factmark-disk-');
      await fsp.cp(template, dir, { recursive: true });
      const library = await openFactmark({ dataDir: dir, resourcesDir: RESOURCES_DIR });
      Object.assign(faults, {
        within: dir,
        armedAt: step,
        calls: 0,
        code: codes[step % 3],
        failed: [],
      });
      const result = await run(library.dispatch);
      faults.within = '';
      const failed = faults.failed.length > 0;
      if (!result.ok) {
        // A failed call must be all or nothing: no claim moved while the old scale stays.
        const moved = (await diskState(dir)).annotations as { verdictId: string | null }[];
        if (!moved.some((a) => a.verdictId === 'misleading')) partial++;
        await run(library.dispatch);
      }
      const disk = await diskState(dir);
      await library.close();
      const verdicts = (disk.annotations as { verdictId: string | null }[]).map((a) => a.verdictId);
      const scale = (
        disk.settings as { taxonomy: { verdicts: { id: string }[] } }
      ).taxonomy.verdicts.map((v) => v.id);
      steps++;
      if (
        verdicts.join() !== 'false,false' ||
        scale.includes('misleading') ||
        disk.annotations.length !== 2
      ) {
        problems.push(`step ${step + 1}: claims ${verdicts.join()}, scale ${scale.join()}`);
      }
      if (!failed) break; // Past the last step: the call ran clean.
    }
    if (partial > 0) {
      console.log(
        `setTaxonomy with reassign: ${partial} failed call(s) left claims moved to the new verdict ` +
          'while the old scale stayed (a services fix; see the reliability report)',
      );
    }
    recordResult({
      area: 'Failing disk during setTaxonomy with reassign',
      cases: steps,
      failures: problems.length,
      dataLost: 0,
      note:
        partial > 0
          ? `${partial} failed calls left a partial change (converged on retry)`
          : undefined,
    });
    expect(problems).toEqual([]);
    expect(partial).toBe(0);
  });
});

describe('first launch on a failing disk', () => {
  it('a failure while adding the sample stops the start with a message; the next start has exactly one sample', async () => {
    const problems: string[] = [];
    for (let step = 0; ; step++) {
      const dir = path.join(await makeTempDir('factmark-first-'), 'library');
      Object.assign(faults, {
        within: dir,
        armedAt: step,
        calls: 0,
        code: codes[step % 3],
        failed: [],
      });
      const first = await openFactmark({ dataDir: dir, resourcesDir: RESOURCES_DIR }).then(
        (library) => library,
        (error: unknown) => (error instanceof Error ? error : new Error(String(error))),
      );
      faults.within = '';
      const failed = faults.failed.length > 0;
      if (first instanceof Error) {
        if (!first.message.includes(dir))
          problems.push(`step ${step + 1}: unclear error: ${first.message}`);
      } else {
        await first.close();
      }
      const second = await openFactmark({ dataDir: dir, resourcesDir: RESOURCES_DIR });
      const listed = await call(second.dispatch, 'getLibrary', {});
      const count = listed.ok ? listed.value.articles.length : -1;
      const readable =
        listed.ok && listed.value.articles[0]
          ? (await call(second.dispatch, 'getArticle', { articleId: listed.value.articles[0].id }))
              .ok
          : false;
      await second.close();
      cases++;
      if (count !== 1 || !readable) {
        failures++;
        problems.push(
          `step ${step + 1} (${faults.failed.join(', ')}): next start lists ${count} articles, readable ${readable}`,
        );
      }
      if (!failed) break;
    }
    expect(problems).toEqual([]);
  });
});

describe('a read-only data folder', () => {
  it('refuses the save with storage-failed and keeps the state (needs a non-root user)', async (context) => {
    const dir = await makeTempDir('factmark-rofolder-');
    await fsp.cp(template, dir, { recursive: true });
    const library = await openFactmark({ dataDir: dir, resourcesDir: RESOURCES_DIR });
    const articles = path.join(dir, 'articles');
    await fsp.chmod(articles, 0o555);
    const probe = path.join(articles, 'probe');
    const chmodStopsWrites = await fsp.writeFile(probe, '').then(
      () => fsp.rm(probe).then(() => false),
      () => true,
    );
    if (!chmodStopsWrites) {
      await fsp.chmod(articles, 0o755);
      await library.close();
      const reason = 'chmod does not stop root; the simulated EROFS cases above cover it';
      console.log(`skipped read-only folder: ${reason}`);
      recordResult({
        area: 'Read-only data folder (chmod)',
        cases: 0,
        failures: 0,
        dataLost: 0,
        note: `skipped: ${reason}`,
      });
      context.skip();
    }
    const before = await memoryState(library.dispatch);
    const result = await call(library.dispatch, 'updateAnnotation', {
      articleId,
      annotationId: claimIds[0]!,
      patch: { note: 'x' },
    });
    await fsp.chmod(articles, 0o755);
    const disk = await diskState(dir);
    await library.close();
    const ok =
      !result.ok &&
      result.error.code === 'storage-failed' &&
      JSON.stringify(disk) === JSON.stringify(before);
    recordResult({
      area: 'Read-only data folder (chmod)',
      cases: 1,
      failures: ok ? 0 : 1,
      dataLost: 0,
    });
    expect(ok).toBe(true);
  });
});
