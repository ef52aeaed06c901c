import { buildTextQuote } from './text-quote';
import type { ReanchorResult, StoredAnchor } from './reanchor';

/**
 * A seeded PRNG (mulberry32): the same seed always yields the same workload, so accuracy figures
 * are comparable between runs and machines. Returns floats in [0, 1).
 */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** What became of one annotation's quote after the edits, as the generator knows it. */
export type AnnotationTruth =
  | { kind: 'intact'; start: number; end: number }
  /** `similarity` is 1 − Levenshtein distance / longer length, between old and new wording. */
  | { kind: 'changed'; start: number; end: number; similarity: number }
  | { kind: 'deleted' };

/** One edit as applied: `text[start..end)` became `inserted`, in the text of that moment. */
export interface WorkloadEdit {
  kind: 'insert-sentence' | 'delete-span' | 'replace-word';
  /** Whether the edit was aimed inside an annotation's quote (the others touch no quote). */
  insideQuote: boolean;
  start: number;
  end: number;
  inserted: string;
}

/** A re-anchoring benchmark case: old text, annotations on it, edited text, and the truth. */
export interface ReanchorWorkload {
  seed: number;
  originalText: string;
  editedText: string;
  anchors: StoredAnchor[];
  edits: WorkloadEdit[];
  truth: AnnotationTruth[];
}

/** Sizes of a workload; the defaults are the ones the import issue sets the targets on. */
export interface WorkloadOptions {
  textLength?: number;
  annotationCount?: number;
  editCount?: number;
}

const WORDS = (
  'the a of to in and that for on with as by from at about after before over under against ' +
  'minister ministry government officials spokesperson council mayor senator president court ' +
  'police hospital school company agency report study survey figures data budget tax taxes ' +
  'percent million billion year years month week people residents voters workers patients ' +
  'said says claimed told announced denied confirmed estimated rose fell increased cut doubled ' +
  'would could should will may might not never only nearly almost more less than most many ' +
  'new old public private national local federal regional official final early late recent ' +
  'city region country state border election campaign vote law bill plan policy programme ' +
  'health housing energy prices inflation wages jobs crime climate water transport schools ' +
  'record highest lowest average total annual monthly since until during while because ' +
  'José Zoë Müller Nguyễn Đặng Søren Łukasz Ångström café naïve résumé São Paulo Kraków ' +
  'q̇uorum x̄ ẹ́ nhé नमस्ते हिन्दी ภาษาไทย مُحَمَّد שָׁלוֹם عربي ' +
  '👍🏽 👩🏾‍💻 🏳️‍🌈 👨‍👩‍👧‍👦 🇺🇦 ❤️ 🔥 😂'
)
  .normalize('NFC')
  .split(' ');

/** Boilerplate that news copy repeats word for word, so quotes occur several times. */
const STOCK_SENTENCES = [
  'The ministry did not respond to a request for comment.',
  'Officials declined to comment on the figures.',
  'The claim could not be independently verified.',
  'The figures have not been independently verified.',
  'This article has been updated with new information.',
  'A spokesperson said the agency was reviewing the report.',
  'The data was published on the government website.',
  'He did not provide evidence for the claim.',
  'She later deleted the post 👍🏽 after it was shared thousands of times.',
  'The mayor said the figures were wrong.',
  'Read more: what the numbers really show.',
  'قال الوزير إن الأرقام صحيحة.',
  'הנתונים לא אומתו באופן עצמאי.',
  'Police said the investigation was continuing.',
  'The report was published on Tuesday.',
  'The study has not been peer reviewed.',
].map((sentence) => sentence.normalize('NFC'));

type Rng = () => number;

function pick<T>(rng: Rng, items: readonly T[]): T {
  return items[Math.floor(rng() * items.length)] as T;
}

function intBetween(rng: Rng, min: number, max: number): number {
  return min + Math.floor(rng() * (max - min + 1));
}

function makeSentence(rng: Rng): string {
  if (rng() < 0.15) return pick(rng, STOCK_SENTENCES);
  const count = intBetween(rng, 6, 24);
  const words: string[] = [];
  for (let i = 0; i < count; i += 1) {
    const roll = rng();
    if (roll < 0.05) words.push(`${intBetween(rng, 2, 98)}`);
    else words.push(pick(rng, WORDS) + (roll > 0.95 && i < count - 1 ? ',' : ''));
  }
  const first = words[0] ?? 'The';
  words[0] = first.charAt(0).toUpperCase() + first.slice(1);
  return `${words.join(' ')}${pick(rng, ['.', '.', '.', '?', '!'])}`;
}

function makeArticle(rng: Rng, length: number): string {
  const paragraphs: string[] = [];
  let total = 0;
  while (total < length) {
    const sentences: string[] = [];
    const count = intBetween(rng, 2, 7);
    for (let i = 0; i < count; i += 1) sentences.push(makeSentence(rng));
    const paragraph = sentences.join(' ');
    paragraphs.push(paragraph);
    total += paragraph.length + 2;
  }
  return paragraphs.join('\n\n');
}

function isSpace(text: string, index: number): boolean {
  const code = text.charCodeAt(index);
  return code === 32 || code === 10;
}

/** Offsets where a word starts (never inside a surrogate pair or a grapheme's combining marks). */
function wordStarts(text: string): number[] {
  const starts: number[] = [];
  for (let i = 0; i < text.length; i += 1) {
    if (!isSpace(text, i) && (i === 0 || isSpace(text, i - 1))) starts.push(i);
  }
  return starts;
}

function wordEnd(text: string, start: number): number {
  let end = start;
  while (end < text.length && !isSpace(text, end)) end += 1;
  return end;
}

/** First index in a sorted array whose value is ≥ `value`. */
function lowerBound(sorted: readonly number[], value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sorted[mid] as number) < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** A live annotation's current span while edits are applied; `null` once wholly deleted. */
interface Tracked {
  span: { start: number; end: number } | null;
}

function pickAnnotationSpans(rng: Rng, text: string, count: number): Array<[number, number]> {
  const starts = wordStarts(text);
  const spans: Array<[number, number]> = [];
  while (spans.length < count) {
    const start = starts[Math.floor(rng() * starts.length)] as number;
    let end: number;
    if (rng() < 0.1) {
      // A whole sentence: claims are often exactly one sentence, and stock ones repeat.
      const stop = text.slice(start).search(/[.?!](\s|$)/);
      if (stop < 0) continue;
      end = start + stop + 1;
    } else {
      const target = start + intBetween(rng, 10, 300);
      const index = lowerBound(starts, target);
      end = wordEnd(text, starts[Math.max(0, index - 1)] ?? start);
      if (end > target + 20) end = wordEnd(text, starts[Math.max(0, index - 2)] ?? start);
    }
    if (end - start >= 10 && end - start <= 300) spans.push([start, end]);
  }
  return spans;
}

/** Whether the offset lies strictly inside some live annotation (an edit there changes a quote). */
function insideAnyQuote(tracked: readonly Tracked[], offset: number): boolean {
  return tracked.some((t) => t.span !== null && t.span.start < offset && offset < t.span.end);
}

function overlapsAnyQuote(tracked: readonly Tracked[], start: number, end: number): boolean {
  return tracked.some((t) => t.span !== null && t.span.start < end && start < t.span.end);
}

/** Applies `text[start..end) := inserted` and moves every tracked span the way the text moved. */
function applyEdit(text: string, tracked: Tracked[], edit: WorkloadEdit): string {
  const { start, end, inserted } = edit;
  const delta = inserted.length - (end - start);
  for (const t of tracked) {
    if (t.span === null) continue;
    const span = t.span;
    if (start === end) {
      // Pure insertion: text inserted at a quote's start or end boundary stays outside it.
      if (span.start >= start) span.start += delta;
      if (span.end > start) span.end += delta;
      continue;
    }
    // Replacement or deletion of [start, end): points before stay, points after shift, points
    // inside collapse onto the edit; a quote that contained the edit keeps the new text.
    const mapStart = (x: number): number => (x <= start ? x : x >= end ? x + delta : start);
    const mapEnd = (x: number): number =>
      x <= start ? x : x >= end ? x + delta : start + inserted.length;
    const newStart = mapStart(span.start);
    const newEnd = mapEnd(span.end);
    t.span = newEnd > newStart ? { start: newStart, end: newEnd } : null;
  }
  return text.slice(0, start) + inserted + text.slice(end);
}

function planEdit(
  rng: Rng,
  text: string,
  tracked: Tracked[],
  inside: boolean,
): WorkloadEdit | null {
  const kind = pick(rng, ['insert-sentence', 'delete-span', 'replace-word'] as const);
  const starts = wordStarts(text);
  let target: { start: number; end: number } | null = null;
  if (inside) {
    const live = tracked.filter((t) => t.span !== null);
    target = pick(rng, live).span;
  }
  const chooseWordStart = (lo: number, hi: number): number | null => {
    const from = lowerBound(starts, lo);
    const to = lowerBound(starts, hi);
    return to > from ? (starts[from + Math.floor(rng() * (to - from))] as number) : null;
  };
  if (kind === 'insert-sentence') {
    const inserted = `${makeSentence(rng)} `;
    const at = target
      ? chooseWordStart(target.start + 1, target.end)
      : chooseWordStart(0, text.length);
    if (at === null || (!target && insideAnyQuote(tracked, at))) return null;
    return { kind, insideQuote: inside, start: at, end: at, inserted };
  }
  if (kind === 'replace-word') {
    const at = target ? chooseWordStart(target.start, target.end) : chooseWordStart(0, text.length);
    if (at === null) return null;
    let end = wordEnd(text, at);
    while (end > at && /[.,?!]/.test(text.charAt(end - 1))) end -= 1;
    if (end <= at || (target && end > target.end)) return null;
    if (!target && overlapsAnyQuote(tracked, at, end)) return null;
    const old = text.slice(at, end);
    let replacement = pick(rng, WORDS);
    if (replacement === old) replacement = `${replacement}s`;
    return { kind, insideQuote: inside, start: at, end, inserted: replacement };
  }
  // A span deletion of whole words, from a word start up to another: aimed at a quote, up to a
  // paragraph long (so whole quotes go); elsewhere short enough to fit between quotes.
  const length = target ? intBetween(rng, 10, 1200) : intBetween(rng, 5, 120);
  const lo = target ? Math.max(0, target.start - length + 1) : 0;
  const at = chooseWordStart(lo, target ? target.end : text.length);
  if (at === null) return null;
  const endIndex = lowerBound(starts, at + length);
  const end = starts[endIndex] ?? text.length;
  if (end <= at) return null;
  if (target ? end <= target.start : overlapsAnyQuote(tracked, at, end)) return null;
  return { kind, insideQuote: inside, start: at, end, inserted: '' };
}

/** Plain dynamic-programming edit distance, kept apart from the matcher so the truth is independent. */
function editDistance(whole: string, other: string): number {
  // Common ends cost nothing; trimming them keeps the table small for local edits.
  let head = 0;
  while (head < whole.length && head < other.length && whole[head] === other[head]) head += 1;
  let tail = 0;
  while (
    tail < whole.length - head &&
    tail < other.length - head &&
    whole[whole.length - 1 - tail] === other[other.length - 1 - tail]
  ) {
    tail += 1;
  }
  const a = whole.slice(head, whole.length - tail);
  const b = other.slice(head, other.length - tail);
  let row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i += 1) {
    const next = [i];
    for (let j = 1; j <= b.length; j += 1) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      next.push(
        Math.min(
          (row[j] as number) + 1,
          (next[j - 1] as number) + 1,
          (row[j - 1] as number) + cost,
        ),
      );
    }
    row = next;
  }
  return row[b.length] as number;
}

/**
 * Builds a seeded re-anchoring workload: an article (~100,000 characters by default) with stock
 * sentences repeated word for word, emoji (skin tones, ZWJ sequences, flags), combining marks and
 * right-to-left words; annotations of 10–300 characters on word boundaries with quotes from
 * `buildTextQuote`; then random edits (sentence insertions, span deletions, one-word replacements),
 * about a third aimed inside a quote. The truth says, for each annotation, whether its quote is
 * intact (and where), changed (where, and how similar), or deleted.
 */
export function generateReanchorWorkload(
  seed: number,
  options: WorkloadOptions = {},
): ReanchorWorkload {
  const { textLength = 100_000, annotationCount = 1_000, editCount = 50 } = options;
  const rng = mulberry32(seed);
  const originalText = makeArticle(rng, textLength);
  const spans = pickAnnotationSpans(rng, originalText, annotationCount);
  const anchors: StoredAnchor[] = spans.map(([start, end]) => ({
    start,
    end,
    quote: buildTextQuote(originalText, start, end),
  }));
  const tracked: Tracked[] = spans.map(([start, end]) => ({ span: { start, end } }));
  const edits: WorkloadEdit[] = [];
  let text = originalText;
  while (edits.length < editCount) {
    // Decide first, then retry until an edit of that sort fits: edits outside every quote are
    // harder to place, and re-rolling on failure would skew the mix towards inside ones.
    const inside = rng() < 1 / 3;
    let edit: WorkloadEdit | null = null;
    while (!edit) edit = planEdit(rng, text, tracked, inside);
    text = applyEdit(text, tracked, edit);
    edits.push(edit);
  }
  const truth = anchors.map((anchor, i): AnnotationTruth => {
    const span = (tracked[i] as Tracked).span;
    if (span === null) return { kind: 'deleted' };
    const now = text.slice(span.start, span.end);
    const exact = anchor.quote.exact;
    if (now === exact) return { kind: 'intact', start: span.start, end: span.end };
    const similarity = 1 - editDistance(exact, now) / Math.max(exact.length, now.length);
    return { kind: 'changed', start: span.start, end: span.end, similarity };
  });
  return { seed, originalText, editedText: text, anchors, edits, truth };
}

/** One accuracy figure: how many cases there were, how many met it, and the percentage. */
export interface RateFigure {
  total: number;
  count: number;
  percent: number;
}

/** Re-anchoring accuracy on a workload, in the terms of the import issue's targets. */
export interface ReanchorScore {
  /** Intact quotes found `anchored` at exactly their new offsets (target 100%). */
  intactExact: RateFigure;
  /** Changed quotes ≥ 50% similar, found overlapping their new region and flagged (target ≥ 99%). */
  changedFound: RateFigure;
  /** Deleted quotes anchored anywhere, i.e. false anchors (target ≤ 2%). */
  deletedAnchored: RateFigure;
}

function rate(count: number, total: number): RateFigure {
  // With no cases there is nothing to rate: 0%, which the callers' minimum totals catch.
  return { total, count, percent: total === 0 ? 0 : (100 * count) / total };
}

/** Scores results (one per workload anchor, same order) against the workload's truth. */
export function scoreReanchoring(
  workload: ReanchorWorkload,
  results: readonly ReanchorResult[],
): ReanchorScore {
  let intact = 0;
  let intactExact = 0;
  let changed = 0;
  let changedFound = 0;
  let deleted = 0;
  let deletedAnchored = 0;
  workload.truth.forEach((truth, i) => {
    const result = results[i];
    if (!result) throw new Error(`No result for annotation ${i}`);
    if (truth.kind === 'intact') {
      intact += 1;
      if (result.state === 'anchored' && result.start === truth.start && result.end === truth.end) {
        intactExact += 1;
      }
    } else if (truth.kind === 'changed') {
      if (truth.similarity < 0.5) return;
      changed += 1;
      if (
        result.state === 'wording-changed' &&
        result.start < truth.end &&
        truth.start < result.end
      ) {
        changedFound += 1;
      }
    } else {
      deleted += 1;
      if (result.state !== 'orphaned') deletedAnchored += 1;
    }
  });
  return {
    intactExact: rate(intactExact, intact),
    changedFound: rate(changedFound, changed),
    deletedAnchored: rate(deletedAnchored, deleted),
  };
}
