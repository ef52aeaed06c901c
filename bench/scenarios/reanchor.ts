import { performance } from 'node:perf_hooks';
import type { BenchConfig } from '../lib/config';
import { figureRow, measuredRow, skippedRow, type ResultRow } from '../lib/results';

/** The figures of one matcher on the workload: times (ms) and the last run's accuracy. */
interface Accuracy {
  intactExact: { percent: number; count: number; total: number };
  changedFound: { percent: number; count: number; total: number };
  deletedAnchored: { percent: number; count: number; total: number };
}

function describeAccuracy(score: Accuracy): string {
  const f = (r: { percent: number; count: number; total: number }) =>
    `${r.percent.toFixed(1)}% (${r.count}/${r.total})`;
  return `intact exact ${f(score.intactExact)}; changed re-found ${f(score.changedFound)}; deleted falsely anchored ${f(score.deletedAnchored)}`;
}

function timeRuns<T>(runs: number, run: () => T): { times: number[]; result: T } {
  const times: number[] = [];
  let result = run(); // Warm-up, as in a running app: the median measures compiled code.
  for (let i = 0; i < runs; i += 1) {
    const started = performance.now();
    result = run();
    times.push(performance.now() - started);
  }
  return { times, result };
}

/**
 * Scenario 4: re-anchoring after edits with `reanchorAll`, beside a Hypothesis-style matcher and
 * a naive indexOf-then-give-up, on the same seeded workload in the same process.
 */
export async function runReanchorScenario(config: BenchConfig): Promise<ResultRow[]> {
  const reanchor = await import('../../src/shared/anchoring/reanchor');
  const workloadModule = await import('../../src/shared/anchoring/reanchor-workload');
  const baselines = await import('../../src/shared/anchoring/hypothesis-matcher');
  const { reanchorAll } = reanchor;
  const { generateReanchorWorkload, scoreReanchoring } = workloadModule;
  if (typeof reanchorAll !== 'function' || typeof generateReanchorWorkload !== 'function') {
    return [
      skippedRow(
        '4',
        're-anchor annotations after edits',
        'src/shared/anchoring/reanchor.ts (reanchorAll) or reanchor-workload.ts (generateReanchorWorkload) is not there yet',
      ),
    ];
  }
  const { seed, textLength, annotationCount, editCount } = config.reanchor;
  const workload = generateReanchorWorkload(seed, { textLength, annotationCount, editCount });
  const ours = timeRuns(config.runs.reanchor, () =>
    reanchorAll(workload.editedText, workload.anchors),
  );
  const score = scoreReanchoring(workload, ours.result) as Accuracy;
  const label = `${workload.anchors.length.toLocaleString('en-US')} annotations, ${workload.edits.length} edits, ${workload.editedText.length.toLocaleString('en-US')} chars`;
  const rows = [
    measuredRow(
      '4a',
      `re-anchor ${label} (reanchorAll)`,
      'ms',
      ours.times,
      { kind: 'max', median: 100 },
      `seed ${seed}`,
    ),
    figureRow(
      '4b',
      're-anchor: intact quotes found exactly',
      '%',
      score.intactExact.percent,
      { kind: 'min', median: 100 },
      `${score.intactExact.count}/${score.intactExact.total}`,
    ),
    figureRow(
      '4c',
      're-anchor: changed (≥50% similar) re-found',
      '%',
      score.changedFound.percent,
      { kind: 'min', median: 99 },
      `${score.changedFound.count}/${score.changedFound.total}`,
    ),
    figureRow(
      '4d',
      're-anchor: deleted, falsely anchored',
      '%',
      score.deletedAnchored.percent,
      { kind: 'max', median: 2 },
      `${score.deletedAnchored.count}/${score.deletedAnchored.total}`,
    ),
  ];
  const { reanchorLikeHypothesis, reanchorWithIndexOf } = baselines;
  if (typeof reanchorLikeHypothesis !== 'function' || typeof reanchorWithIndexOf !== 'function') {
    rows.push(
      skippedRow(
        '4e',
        're-anchor baselines',
        'src/shared/anchoring/hypothesis-matcher.ts is not there yet',
      ),
    );
    return rows;
  }
  const perAnchor = (match: typeof reanchorWithIndexOf) => () =>
    workload.anchors.map((anchor) => match(workload.editedText, anchor));
  // The Hypothesis-style matcher is slow (approximate search over the whole text): one timed run.
  const hypothesis = timeRuns(1, perAnchor(reanchorLikeHypothesis));
  const naive = timeRuns(config.runs.reanchor, perAnchor(reanchorWithIndexOf));
  rows.push(
    measuredRow(
      '4e',
      're-anchor, Hypothesis-style matcher (baseline)',
      'ms',
      hypothesis.times,
      null,
      describeAccuracy(scoreReanchoring(workload, hypothesis.result) as Accuracy),
    ),
    measuredRow(
      '4f',
      're-anchor, indexOf then give up (baseline)',
      'ms',
      naive.times,
      null,
      describeAccuracy(scoreReanchoring(workload, naive.result) as Accuracy),
    ),
  );
  return rows;
}
