import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ReanchorResult } from './reanchor';
import { buildTextQuote } from './text-quote';
import {
  generateReanchorWorkload,
  mulberry32,
  scoreReanchoring,
  type ReanchorWorkload,
} from './reanchor-workload';

const workloads = new Map<number, ReanchorWorkload>();
function workload(seed: number): ReanchorWorkload {
  let cached = workloads.get(seed);
  if (!cached) {
    cached = generateReanchorWorkload(seed);
    workloads.set(seed, cached);
  }
  return cached;
}

function countOf(text: string, needle: string): number {
  let count = 0;
  for (let at = text.indexOf(needle); at !== -1; at = text.indexOf(needle, at + 1)) count += 1;
  return count;
}

/** The results a perfect re-anchorer would give, read off the truth. */
function perfectResults(w: ReanchorWorkload): ReanchorResult[] {
  return w.truth.map((truth) => {
    if (truth.kind === 'intact') return { state: 'anchored', start: truth.start, end: truth.end };
    if (truth.kind === 'deleted') return { state: 'orphaned' };
    const exact = w.editedText.slice(truth.start, truth.end);
    return { state: 'wording-changed', start: truth.start, end: truth.end, exact };
  });
}

describe('mulberry32', () => {
  it('is deterministic per seed and stays in [0, 1)', () => {
    const a = mulberry32(42);
    const b = mulberry32(42);
    const values = Array.from({ length: 1000 }, () => a());
    expect(values).toEqual(Array.from({ length: 1000 }, () => b()));
    expect(values.every((v) => v >= 0 && v < 1)).toBe(true);
    expect(new Set(values).size).toBeGreaterThan(990);
    expect(mulberry32(43)()).not.toBe(values[0]);
  });
});

describe('generateReanchorWorkload', () => {
  afterEach(() => vi.restoreAllMocks());

  it('is reproducible from its seed and never calls Math.random', () => {
    vi.spyOn(Math, 'random').mockImplementation(() => {
      throw new Error('Math.random used');
    });
    const small = { textLength: 5_000, annotationCount: 50, editCount: 5 };
    const first = generateReanchorWorkload(7, small);
    expect(generateReanchorWorkload(7, small)).toEqual(first);
    expect(generateReanchorWorkload(8, small).originalText).not.toBe(first.originalText);
  });

  it('builds a ~100,000-character article with 1,000 annotations and 50 edits', () => {
    for (const seed of [1, 2, 3]) {
      const w = workload(seed);
      expect(w.originalText.length).toBeGreaterThanOrEqual(100_000);
      expect(w.originalText.length).toBeLessThan(102_000);
      expect(w.anchors).toHaveLength(1_000);
      expect(w.truth).toHaveLength(1_000);
      expect(w.edits).toHaveLength(50);
      for (const anchor of w.anchors) {
        expect(anchor.end - anchor.start).toBeGreaterThanOrEqual(10);
        expect(anchor.end - anchor.start).toBeLessThanOrEqual(300);
        expect(anchor.quote).toEqual(buildTextQuote(w.originalText, anchor.start, anchor.end));
      }
    }
  });

  it('has repeated sentences, emoji with skin tones and ZWJ, combining marks and RTL text', () => {
    const { originalText: text } = workload(1);
    expect(countOf(text, 'The ministry did not respond to a request for comment.')).toBeGreaterThan(
      3,
    );
    expect(text).toContain('👍🏽');
    expect(text).toContain('👩🏾‍💻');
    expect(text).toMatch(/\u200d/);
    expect(text).toMatch(/\p{M}/u);
    expect(text).toMatch(/[\u0590-\u05ff\u0600-\u06ff]/);
    // Offsets exist only after normalisation, so the generator's text is already NFC.
    expect(text.normalize('NFC')).toBe(text);
  });

  it('mixes the three kinds of edit, about a third aimed inside quotes', () => {
    for (const seed of [1, 2, 3]) {
      const { edits } = workload(seed);
      const kinds = new Set(edits.map((e) => e.kind));
      expect(kinds).toEqual(new Set(['insert-sentence', 'delete-span', 'replace-word']));
      const inside = edits.filter((e) => e.insideQuote).length;
      expect(inside).toBeGreaterThanOrEqual(10);
      expect(inside).toBeLessThanOrEqual(25);
    }
  });

  it('knows the truth: intact quotes sit at their new offsets, changed ones differ, some are gone', () => {
    let deleted = 0;
    let repeatedIntact = 0;
    for (const seed of [1, 2, 3]) {
      const w = workload(seed);
      w.truth.forEach((truth, i) => {
        const exact = (w.anchors[i] as (typeof w.anchors)[number]).quote.exact;
        if (truth.kind === 'deleted') {
          deleted += 1;
          return;
        }
        const now = w.editedText.slice(truth.start, truth.end);
        if (truth.kind === 'intact') {
          expect(now).toBe(exact);
          if (countOf(w.editedText, exact) > 1) repeatedIntact += 1;
        } else {
          expect(now).not.toBe(exact);
          expect(truth.similarity).toBeGreaterThanOrEqual(0);
          expect(truth.similarity).toBeLessThan(1);
        }
      });
      const changed = w.truth.filter((t) => t.kind === 'changed');
      expect(changed.some((t) => t.kind === 'changed' && t.similarity >= 0.5)).toBe(true);
    }
    expect(deleted).toBeGreaterThan(0);
    // Quotes that occur several times, which context and position must tell apart.
    expect(repeatedIntact).toBeGreaterThan(10);
  });
});

describe('scoreReanchoring', () => {
  it('gives a perfect score to the truth itself', () => {
    const w = workload(1);
    const score = scoreReanchoring(w, perfectResults(w));
    expect(score.intactExact.percent).toBe(100);
    expect(score.changedFound.percent).toBe(100);
    expect(score.deletedAnchored).toEqual({
      total: score.deletedAnchored.total,
      count: 0,
      percent: 0,
    });
    expect(score.intactExact.total + score.changedFound.total).toBeGreaterThan(900);
  });

  it('counts misses, unflagged changes and false anchors', () => {
    const w = workload(1);
    const results = perfectResults(w).map((result, i): ReanchorResult => {
      const truth = w.truth[i];
      if (truth?.kind === 'deleted') return { state: 'anchored', start: 0, end: 10 };
      if (truth?.kind === 'changed' && result.state !== 'orphaned') {
        // Right place but not flagged: does not count as re-found.
        return { state: 'anchored', start: result.start, end: result.end };
      }
      if (truth?.kind === 'intact' && result.state === 'anchored') {
        return { state: 'anchored', start: result.start + 1, end: result.end + 1 };
      }
      return result;
    });
    const score = scoreReanchoring(w, results);
    expect(score.intactExact.count).toBe(0);
    expect(score.changedFound.count).toBe(0);
    expect(score.deletedAnchored.percent).toBe(100);
  });

  it('refuses results that do not line up with the workload', () => {
    expect(() => scoreReanchoring(workload(1), [])).toThrow(/No result/);
  });
});
