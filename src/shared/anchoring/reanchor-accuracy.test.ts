import { afterAll, describe, expect, it } from 'vitest';
import type { ReanchorResult, StoredAnchor } from './reanchor';
import { reanchorAll } from './reanchor';
import { reanchorLikeHypothesis, reanchorWithIndexOf } from './hypothesis-matcher';
import {
  generateReanchorWorkload,
  scoreReanchoring,
  type ReanchorScore,
  type ReanchorWorkload,
} from './reanchor-workload';

/*
 * The import issue's accuracy targets on the real workload (100,000 characters, 1,000
 * annotations, 50 edits), per seed. Times are printed for the benchmark issue, never asserted:
 * this machine is shared and timing assertions would be flaky.
 */

function timed(
  run: () => ReanchorResult[],
  repeats: number,
): { results: ReanchorResult[]; medianMs: number } {
  let results: ReanchorResult[] = [];
  const times: number[] = [];
  for (let i = 0; i < repeats; i += 1) {
    const started = performance.now();
    results = run();
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return { results, medianMs: times[Math.floor(times.length / 2)] as number };
}

function perAnchor(
  w: ReanchorWorkload,
  reanchor: (text: string, anchor: StoredAnchor) => ReanchorResult,
) {
  return () => w.anchors.map((anchor) => reanchor(w.editedText, anchor));
}

function describeScore(name: string, ms: number, score: ReanchorScore): string {
  const { intactExact: i, changedFound: c, deletedAnchored: d } = score;
  return [
    name.padEnd(18),
    `${ms.toFixed(1).padStart(6)} ms/1,000`,
    `intact exact ${i.percent.toFixed(1)}% (${i.count}/${i.total})`,
    `changed ≥50% re-found+flagged ${c.percent.toFixed(1)}% (${c.count}/${c.total})`,
    `deleted anchored ${d.percent.toFixed(1)}% (${d.count}/${d.total})`,
  ].join(' | ');
}

describe('re-anchoring accuracy on the seeded workload', () => {
  const totals = { intact: [0, 0], changed: [0, 0], deleted: [0, 0], ms: [] as number[] };
  afterAll(() => {
    const pct = ([count, total]: number[]) =>
      `${((100 * (count as number)) / (total as number)).toFixed(2)}% (${count}/${total})`;
    console.log(
      `reanchorAll over seeds 1-3: median ${totals.ms.map((ms) => ms.toFixed(1)).join(' / ')} ms per 1,000;` +
        ` intact exact ${pct(totals.intact)}, changed re-found ${pct(totals.changed)},` +
        ` deleted anchored ${pct(totals.deleted)}`,
    );
  });

  for (const seed of [1, 2, 3]) {
    it(`meets the targets on seed ${seed} (and prints the baselines)`, () => {
      const w = generateReanchorWorkload(seed);
      // One warm-up run so the median measures compiled code, as a long-running app would.
      reanchorAll(w.editedText, w.anchors);
      const ours = timed(() => reanchorAll(w.editedText, w.anchors), 5);
      const hypothesis = timed(perAnchor(w, reanchorLikeHypothesis), 1);
      const naive = timed(perAnchor(w, reanchorWithIndexOf), 3);
      const score = scoreReanchoring(w, ours.results);
      console.log(
        [
          `seed ${seed}: ${w.editedText.length} characters, ${w.anchors.length} annotations, ${w.edits.length} edits`,
          describeScore('reanchorAll', ours.medianMs, score),
          describeScore(
            'Hypothesis-style',
            hypothesis.medianMs,
            scoreReanchoring(w, hypothesis.results),
          ),
          describeScore('indexOf', naive.medianMs, scoreReanchoring(w, naive.results)),
        ].join('\n'),
      );
      totals.ms.push(ours.medianMs);
      const add = (into: number[], figure: { count: number; total: number }) => {
        into[0] = (into[0] as number) + figure.count;
        into[1] = (into[1] as number) + figure.total;
      };
      add(totals.intact, score.intactExact);
      add(totals.changed, score.changedFound);
      add(totals.deleted, score.deletedAnchored);
      expect(score.intactExact.total).toBeGreaterThan(800);
      expect(score.intactExact.percent).toBe(100);
      expect(score.changedFound.total).toBeGreaterThan(10);
      expect(score.deletedAnchored.total).toBeGreaterThan(10);
      expect(score.changedFound.percent).toBeGreaterThanOrEqual(99);
      expect(score.deletedAnchored.percent).toBeLessThanOrEqual(2);
    });
  }
});
