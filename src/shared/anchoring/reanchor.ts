import search from 'approx-string-match';
import type { TextQuote } from '../annotation/annotation-model';
import { QUOTE_CONTEXT_LENGTH } from './text-quote';

/** What an annotation remembers about where it was: old offsets (UTF-16) and its quote. */
export interface StoredAnchor {
  start: number;
  end: number;
  quote: TextQuote;
}

/**
 * Where an annotation lands in the new text. `anchored`: the new text at `start..end` equals the
 * quote. `wording-changed`: found only fuzzily; `exact` is the new wording at `start..end`.
 * `orphaned`: not found; the annotation is kept and shown, never dropped.
 */
export type ReanchorResult =
  | { state: 'anchored'; start: number; end: number }
  | { state: 'wording-changed'; start: number; end: number; exact: string }
  | { state: 'orphaned' };

/** Hints that narrow the search; without them the stored start is taken as the expected one. */
export interface ReanchorOptions {
  /** Where the quote most likely starts now (e.g. the old start plus a neighbour's shift). */
  expectedStart?: number;
  /**
   * The part of the new text the quote most likely lies in (default: about a thousand characters
   * either side of the expected start). Fuzzy search looks here first, and a copy of the quote
   * here needs less context to be trusted than one elsewhere.
   */
  window?: { start: number; end: number };
}

/** Expected start range and the window searched fuzzily before anywhere else. */
interface SearchPlan {
  expectedLo: number;
  expectedHi: number;
  windowStart: number;
  windowEnd: number;
}

/** A place the quote might now be, with its context similarities and overall score. */
interface Candidate {
  start: number;
  end: number;
  prefix: number;
  suffix: number;
  score: number;
}

// Weights as in the Hypothesis client, but position counts for more: here it is an estimate from
// neighbouring annotations, not the stale stored offset.
const QUOTE_WEIGHT = 0.5;
const PREFIX_WEIGHT = 0.2;
const SUFFIX_WEIGHT = 0.2;
const POSITION_WEIGHT = 0.1;
// Two unrelated 32-character stretches of prose score about 0.13 by chance, 0.31 at the 99th
// percentile (measured on the workload). Far from the expected place, where repeated passages
// are the look-alikes, a copy of the quote needs context nearly intact on both sides; near it,
// one intact side (an average of 0.5) is enough.
const CONTEXT_FAR = 0.85;
const CONTEXT_NEAR = 0.5;
/** Length of the n-grams the batch index is keyed on; also the shortest piece it can look up. */
const GRAM = 8;
/** Candidates scored in full (edit distances on both context strings); the rest ranked out cheaply. */
const MAX_SCORED = 24;
/** Shortest exact piece of a quote the piecewise searches rely on (rare enough in prose). */
const PIECE = 16;
/** Quotes shorter than two pieces are re-found fuzzily only inside their intact context. */
const SHORT_QUOTE = 2 * PIECE;

/** Levenshtein distance; common ends are trimmed first, so local edits cost little. */
function editDistance(a: string, b: string): number {
  let head = 0;
  while (head < a.length && head < b.length && a.charCodeAt(head) === b.charCodeAt(head)) head += 1;
  let aEnd = a.length;
  let bEnd = b.length;
  while (aEnd > head && bEnd > head && a.charCodeAt(aEnd - 1) === b.charCodeAt(bEnd - 1)) {
    aEnd -= 1;
    bEnd -= 1;
  }
  const rows = bEnd - head;
  if (aEnd === head) return rows;
  if (rows === 0) return aEnd - head;
  const row = new Int32Array(rows + 1);
  for (let j = 0; j <= rows; j += 1) row[j] = j;
  for (let i = head; i < aEnd; i += 1) {
    let diagonal = row[0] as number;
    row[0] = i - head + 1;
    const code = a.charCodeAt(i);
    for (let j = 1; j <= rows; j += 1) {
      const above = row[j] as number;
      const cost = code === b.charCodeAt(head + j - 1) ? 0 : 1;
      row[j] = Math.min(above + 1, (row[j - 1] as number) + 1, diagonal + cost);
      diagonal = above;
    }
  }
  return row[rows] as number;
}

/** 1 − edit distance / longer length: 1 for equal strings, about 0.13 for unrelated prose. */
function textSimilarity(a: string, b: string): number {
  const longer = Math.max(a.length, b.length);
  return longer === 0 ? 1 : 1 - editDistance(a, b) / longer;
}

const HASH_BASE = 31;
/** HASH_BASE^(GRAM−1) mod 2^32: the weight of the character leaving the rolling window. */
const HASH_DROP = Array.from({ length: GRAM - 1 }).reduce<number>(
  (w) => Math.imul(w, HASH_BASE),
  1,
);

/**
 * An index from every 8-gram of a text to its offsets (hashed into 2^16 buckets), built once per
 * batch so exact and piecewise searches cost in proportion to matches, not to the text length.
 */
class GramIndex {
  private readonly bucketStarts = new Int32Array((1 << 16) + 1);
  private readonly offsets: Int32Array;

  constructor(private readonly text: string) {
    const count = Math.max(0, text.length - GRAM + 1);
    const buckets = new Int32Array(count);
    // Rolling polynomial hash: add the entering character, remove the leaving one.
    let hash = 0;
    for (let i = 0; i < Math.min(GRAM - 1, text.length); i += 1) {
      hash = (Math.imul(hash, HASH_BASE) + text.charCodeAt(i)) | 0;
    }
    for (let i = 0; i < count; i += 1) {
      hash = (Math.imul(hash, HASH_BASE) + text.charCodeAt(i + GRAM - 1)) | 0;
      const bucket = (hash ^ (hash >>> 16)) & 0xffff;
      hash = (hash - Math.imul(text.charCodeAt(i), HASH_DROP)) | 0;
      buckets[i] = bucket;
      this.bucketStarts[bucket + 1] = (this.bucketStarts[bucket + 1] as number) + 1;
    }
    for (let b = 1; b < this.bucketStarts.length; b += 1) {
      this.bucketStarts[b] =
        (this.bucketStarts[b] as number) + (this.bucketStarts[b - 1] as number);
    }
    const fill = this.bucketStarts.slice(0, -1);
    this.offsets = new Int32Array(count);
    for (let i = 0; i < count; i += 1) {
      const bucket = buckets[i] as number;
      this.offsets[fill[bucket] as number] = i;
      fill[bucket] = (fill[bucket] as number) + 1;
    }
  }

  /** How many offsets share the bucket of `needle`'s 8-gram at `at` (a selectivity estimate). */
  bucketSize(needle: string, at: number): number {
    const bucket = gramBucket(needle, at);
    return (this.bucketStarts[bucket + 1] as number) - (this.bucketStarts[bucket] as number);
  }

  /** Offsets in ascending order where the text contains `needle` (at least GRAM long) at `at`. */
  occurrences(needle: string, at = 0): number[] {
    const bucket = gramBucket(needle, at);
    const found: number[] = [];
    const end = this.bucketStarts[bucket + 1] as number;
    for (let k = this.bucketStarts[bucket] as number; k < end; k += 1) {
      const start = (this.offsets[k] as number) - at;
      if (start >= 0 && this.text.startsWith(needle, start)) found.push(start);
    }
    return found;
  }
}

function gramBucket(text: string, at: number): number {
  let hash = 0;
  for (let i = at; i < at + GRAM; i += 1)
    hash = (Math.imul(hash, HASH_BASE) + text.charCodeAt(i)) | 0;
  return (hash ^ (hash >>> 16)) & 0xffff;
}

/** The new text, plus (for batches) an n-gram index over it built on first use. */
class TextSearcher {
  private index: GramIndex | null = null;

  constructor(
    readonly text: string,
    private readonly useIndex: boolean,
  ) {}

  private gramIndex(): GramIndex | null {
    if (this.useIndex && this.index === null) this.index = new GramIndex(this.text);
    return this.index;
  }

  /** Every offset where `needle` occurs, ascending. */
  findAll(needle: string): number[] {
    const index = needle.length >= GRAM ? this.gramIndex() : null;
    if (index) {
      // Look the needle up by its rarest of three 8-grams: common words make big buckets.
      const offsets = [0, (needle.length - GRAM) >> 1, needle.length - GRAM];
      let best = 0;
      for (const at of offsets)
        if (index.bucketSize(needle, at) < index.bucketSize(needle, best)) best = at;
      return index.occurrences(needle, best);
    }
    return this.findIn(needle, 0, this.text.length);
  }

  /** Offsets in [from, to) where `needle` starts, ascending. */
  findIn(needle: string, from: number, to: number): number[] {
    const start = Math.max(0, from);
    // Search a slice: indexOf on the whole text would run on to its end after the last hit.
    const slice = this.text.slice(start, Math.max(start, to) + needle.length - 1);
    const found: number[] = [];
    for (let at = slice.indexOf(needle); at !== -1; at = slice.indexOf(needle, at + 1)) {
      found.push(start + at);
    }
    return found;
  }

  /**
   * Spans of the text that could hold `needle` with at most `maxErrors` errors. By pigeonhole such
   * a match contains one of `maxErrors + 1` disjoint pieces exactly; the pieces are looked up in
   * the index. Returns null when there is no index or the spans would cover most of the text.
   */
  candidateSpans(needle: string, maxErrors: number): Array<[number, number]> | null {
    const index = this.gramIndex();
    const pieceLength = Math.floor(needle.length / (maxErrors + 1));
    if (!index || pieceLength < GRAM) return null;
    const spans: Array<[number, number]> = [];
    for (let piece = 0; piece <= maxErrors; piece += 1) {
      const at = piece * pieceLength;
      for (const offset of index.occurrences(needle.slice(at, at + pieceLength))) {
        const start = offset - at - maxErrors;
        spans.push([
          Math.max(0, start),
          Math.min(this.text.length, start + needle.length + 2 * maxErrors),
        ]);
      }
    }
    spans.sort((a, b) => a[0] - b[0]);
    const merged: Array<[number, number]> = [];
    let covered = 0;
    for (const span of spans) {
      const last = merged[merged.length - 1];
      if (last && span[0] <= last[1]) last[1] = Math.max(last[1], span[1]);
      else merged.push(span);
    }
    for (const [from, to] of merged) covered += to - from;
    return covered > this.text.length / 2 ? null : merged;
  }
}

function distanceToRange(offset: number, lo: number, hi: number): number {
  return offset < lo ? lo - offset : offset > hi ? offset - hi : 0;
}

/**
 * The text before `start` to hold against a stored prefix. A prefix shorter than the usual
 * context length reached the start of the text, so it is compared with a full-length slice: a
 * copy of the quote in the middle of the text does not match an empty prefix.
 */
function prefixAt(text: string, start: number, stored: string): string {
  return text.slice(Math.max(0, start - Math.max(stored.length, QUOTE_CONTEXT_LENGTH)), start);
}

/** The text after `end` to hold against a stored suffix (see `prefixAt`). */
function suffixAt(text: string, end: number, stored: string): string {
  return text.slice(end, end + Math.max(stored.length, QUOTE_CONTEXT_LENGTH));
}

/** Scores a candidate span whose quote similarity is already known. */
function scoreSpan(
  text: string,
  quote: TextQuote,
  plan: SearchPlan,
  start: number,
  end: number,
  quoteSimilarity: number,
): Candidate {
  const prefix = textSimilarity(quote.prefix, prefixAt(text, start, quote.prefix));
  const suffix = textSimilarity(quote.suffix, suffixAt(text, end, quote.suffix));
  const distance = distanceToRange(start, plan.expectedLo, plan.expectedHi);
  const proximity = Math.max(0, 1 - distance / (1000 + quote.exact.length));
  const score =
    QUOTE_WEIGHT * quoteSimilarity +
    PREFIX_WEIGHT * prefix +
    SUFFIX_WEIGHT * suffix +
    POSITION_WEIGHT * proximity;
  return { start, end, prefix, suffix, score };
}

function best(candidates: readonly Candidate[]): Candidate | null {
  let top: Candidate | null = null;
  for (const candidate of candidates) if (!top || candidate.score > top.score) top = candidate;
  return top;
}

function inWindow(plan: SearchPlan, start: number, end: number): boolean {
  return start >= plan.windowStart && end <= plan.windowEnd;
}

/** Whether the quote and both its stored context strings sit exactly at `start`. */
function matchesWithContext(text: string, quote: TextQuote, start: number): boolean {
  const end = start + quote.exact.length;
  return (
    start >= 0 &&
    text.startsWith(quote.exact, start) &&
    prefixAt(text, start, quote.prefix) === quote.prefix &&
    suffixAt(text, end, quote.suffix) === quote.suffix
  );
}

/** Length of the run of equal characters walking away from a boundary (cheap context check). */
function runBackward(text: string, end: number, stored: string): number {
  let n = 0;
  while (n < stored.length && end - n > 0 && text[end - n - 1] === stored[stored.length - n - 1])
    n += 1;
  return n;
}
function runForward(text: string, start: number, stored: string): number {
  let n = 0;
  while (n < stored.length && text[start + n] === stored[n]) n += 1;
  return n;
}

/** The span found plus whatever of the stored context still matches either side of it. */
function matchedStretch(text: string, quote: TextQuote, start: number, end: number): string {
  return text.slice(
    start - runBackward(text, start, quote.prefix),
    end + runForward(text, end, quote.suffix),
  );
}

/**
 * The lowest score (quote 50%, context 40%, position 10%) a fuzzy match of a quote this long must
 * reach: 0.88 up to 16 characters, falling to 0.72 from 64. A short quote must match nearly
 * exactly (a 12-character phrase with 3 errors has look-alikes all over an article); a long one
 * may lose a quarter of its characters to edits if its context is intact.
 */
function minimumFuzzyScore(length: number): number {
  return 0.72 + 0.16 * Math.max(0, Math.min(1, (64 - length) / 48));
}

/**
 * Steps 2 and 5: exact copies of the quote inside the window (`near`) or outside it (`far`),
 * told apart by context and position. Near the expected place one intact context string, or a
 * quote found once in the whole text, is enough; far from it the context must be nearly intact.
 */
function chooseExact(
  searcher: TextSearcher,
  quote: TextQuote,
  plan: SearchPlan,
  allOffsets: readonly number[],
  where: 'near' | 'far',
): Candidate | null {
  const { text } = searcher;
  const length = quote.exact.length;
  let offsets = allOffsets.filter(
    (start) => inWindow(plan, start, start + length) === (where === 'near'),
  );
  if (offsets.length > MAX_SCORED) {
    // Many copies (a stock sentence, a common phrase): keep those with the longest context runs.
    const cheap = (start: number): number =>
      runBackward(text, start, quote.prefix) + runForward(text, start + length, quote.suffix);
    offsets = offsets
      .map((start) => ({ start, cheap: cheap(start) }))
      .sort((a, b) => b.cheap - a.cheap)
      .slice(0, MAX_SCORED)
      .map((entry) => entry.start);
  }
  const top = best(offsets.map((start) => scoreSpan(text, quote, plan, start, start + length, 1)));
  if (!top) return null;
  const context = (top.prefix + top.suffix) / 2;
  if (where === 'far') {
    // Only a passage found once can be trusted: a quote inside a stock sentence has that
    // sentence's words for context at every copy.
    if (context < CONTEXT_FAR) return null;
    return searcher.findAll(matchedStretch(text, quote, top.start, top.end)).length === 1
      ? top
      : null;
  }
  if (context >= CONTEXT_NEAR) return top;
  // Half a context string still touching the quote makes a long exact run: no chance look-alike.
  const touching = Math.max(
    runBackward(text, top.start, quote.prefix),
    runForward(text, top.end, quote.suffix),
  );
  if (touching >= PIECE) return top;
  // Both context strings edited: only a quote found once in the text is trusted.
  return allOffsets.length === 1 ? top : null;
}

/** Step 3: approximate search near the expected start, errors up to a quarter of the quote. */
function chooseFuzzyNear(
  searcher: TextSearcher,
  quote: TextQuote,
  plan: SearchPlan,
): Candidate | null {
  const length = quote.exact.length;
  const maxErrors = Math.floor(length / 4);
  if (maxErrors < 1) return null;
  const { text } = searcher;
  // The tight part of the window: the expected start range plus room for the quote to have
  // grown or shifted within itself. Approximate search costs in proportion to what it scans.
  const from = Math.max(plan.windowStart, plan.expectedLo - length - GRAM);
  const to = Math.min(plan.windowEnd, plan.expectedHi + 2 * length + GRAM);
  const matches = search(text.slice(from, to), quote.exact, maxErrors)
    .map((m) => ({ ...m, start: m.start + from, end: m.end + from }))
    .sort(
      (a, b) =>
        distanceToRange(a.start, plan.expectedLo, plan.expectedHi) -
        distanceToRange(b.start, plan.expectedLo, plan.expectedHi),
    )
    .slice(0, MAX_SCORED);
  const top = best(
    matches.map((m) => scoreSpan(text, quote, plan, m.start, m.end, 1 - m.errors / length)),
  );
  return top && top.score >= minimumFuzzyScore(length) ? top : null;
}

/** A possible new boundary of a quote, see `chooseBracketed`. */
interface Boundary {
  at: number;
  byContext: boolean;
  run: number;
}

/** Offsets of the PIECE-long slices a quote is cut into, the last one flush with its end. */
function pieceOffsets(length: number): number[] {
  const offsets: number[] = [];
  for (let at = 0; at + PIECE <= length; at += PIECE) offsets.push(at);
  if (length % PIECE !== 0 && length >= PIECE) offsets.push(length - PIECE);
  return offsets;
}

/**
 * Step 4: the quote rewritten by more than a quarter (a clause inserted, its start cut) near the
 * expected position. Its new start is where the stored prefix ends, or where the first surviving
 * piece of the quote begins (extended back over what still matches); its new end likewise from
 * the suffix or the last surviving piece. The pair whose wording is most like the quote wins,
 * if at least half similar. A short quote needs one context string intact beside it.
 */
function chooseBracketed(
  searcher: TextSearcher,
  quote: TextQuote,
  plan: SearchPlan,
): Candidate | null {
  const { text } = searcher;
  const { exact, prefix, suffix } = quote;
  const length = exact.length;
  const nearestTo = (needle: string, target: number): number | undefined => {
    let found: number | undefined;
    for (const at of searcher.findIn(needle, plan.windowStart, plan.windowEnd)) {
      if (found === undefined || Math.abs(at - target) < Math.abs(found - target)) found = at;
    }
    return found;
  };
  // Each boundary remembers whether stored context placed it and how long a run of the quote's
  // own characters it rests on.
  const lefts: Boundary[] = [];
  const rights: Boundary[] = [];
  // The whole context string, else the half next to the quote (an edit may have hit the far half).
  for (const before of [prefix, prefix.slice(-PIECE)]) {
    const at =
      before.length >= GRAM ? nearestTo(before, plan.expectedLo - before.length) : undefined;
    if (at === undefined) continue;
    lefts.push({ at: at + before.length, byContext: true, run: 0 });
    break;
  }
  for (const after of [suffix, suffix.slice(0, PIECE)]) {
    const at = after.length >= GRAM ? nearestTo(after, plan.expectedLo + length) : undefined;
    if (at === undefined) continue;
    rights.push({ at, byContext: true, run: 0 });
    break;
  }
  // Where only one context string survives, the quote's remains are what still matches from it.
  for (const left of lefts.slice()) {
    const run = runForward(text, left.at, exact);
    rights.push({ at: left.at + run, byContext: false, run });
  }
  for (const right of rights.filter((r) => r.byContext)) {
    const run = runBackward(text, right.at, exact);
    lefts.push({ at: right.at - run, byContext: false, run });
  }
  if (length >= SHORT_QUOTE) {
    // The first and the last piece of the quote still near, each widened over what still matches.
    const offsets = pieceOffsets(length);
    const widen = (offset: number): { start: number; end: number } | null => {
      const at = nearestTo(exact.slice(offset, offset + PIECE), plan.expectedLo + offset);
      if (at === undefined) return null;
      const end = at + PIECE;
      return {
        start: at - runBackward(text, at, exact.slice(0, offset)),
        end: end + runForward(text, end, exact.slice(offset + PIECE)),
      };
    };
    for (const offset of offsets) {
      const run = widen(offset);
      if (!run) continue;
      lefts.push({ at: run.start, byContext: false, run: run.end - run.start });
      break;
    }
    for (const offset of offsets.reverse()) {
      const run = widen(offset);
      if (!run) continue;
      rights.push({ at: run.end, byContext: false, run: run.end - run.start });
      break;
    }
  }
  let top: Candidate | null = null;
  for (const left of lefts) {
    for (const right of rights) {
      if (right.at <= left.at || right.at - left.at > 2 * length + GRAM) continue;
      if (length < SHORT_QUOTE && !(left.byContext || right.byContext)) continue;
      const wording = text.slice(left.at, right.at);
      // An exact copy was step 2's to accept; rejected there, it is a look-alike.
      if (wording === exact) continue;
      const similarity = textSimilarity(exact, wording);
      if (similarity < 0.5) continue;
      const candidate = scoreSpan(text, quote, plan, left.at, right.at, similarity);
      // Without context to vouch for it, the new wording must keep a long run of the quote: a
      // clause shared with a stock sentence is how look-alikes creep in.
      const context = (candidate.prefix + candidate.suffix) / 2;
      if (context < CONTEXT_NEAR && Math.max(left.run, right.run) < SHORT_QUOTE) continue;
      // Vouched for by one side only, the wording and the context that matched must be unique:
      // a stock sentence repeated nearby matches a lost quote's context and remains alike.
      if (Math.min(candidate.prefix, candidate.suffix) < CONTEXT_NEAR) {
        const evidence = matchedStretch(text, quote, left.at, right.at);
        if (searcher.findAll(evidence).length > 1) continue;
      }
      if (!top || candidate.score > top.score) top = candidate;
    }
  }
  return top;
}

/**
 * Step 5, after exact copies: a fuzzy match anywhere, with fewer errors allowed, context nearly
 * intact and, as for exact copies far away, a matched passage found nowhere else.
 */
function chooseFuzzyAnywhere(
  searcher: TextSearcher,
  quote: TextQuote,
  plan: SearchPlan,
): Candidate | null {
  const length = quote.exact.length;
  // Far from where it should be, a match must be close: at most one error per 16 characters, so
  // the pigeonhole pieces are long enough to be rare and the n-gram index finds them cheaply.
  const maxErrors = Math.min(Math.floor(length / 4), Math.floor(length / PIECE) - 1);
  if (maxErrors < 1) return null;
  const { text } = searcher;
  const spans = searcher.candidateSpans(quote.exact, maxErrors) ?? [[0, text.length]];
  const candidates: Candidate[] = [];
  for (const [from, to] of spans) {
    for (const m of search(text.slice(from, to), quote.exact, maxErrors).slice(0, MAX_SCORED)) {
      candidates.push(
        scoreSpan(text, quote, plan, m.start + from, m.end + from, 1 - m.errors / length),
      );
    }
  }
  const top = best(candidates);
  if (!top || (top.prefix + top.suffix) / 2 < CONTEXT_FAR) return null;
  return searcher.findAll(matchedStretch(text, quote, top.start, top.end)).length === 1
    ? top
    : null;
}

function toResult(
  text: string,
  exact: string,
  found: { start: number; end: number } | null,
): ReanchorResult {
  if (!found) return { state: 'orphaned' };
  const wording = text.slice(found.start, found.end);
  return wording === exact
    ? { state: 'anchored', start: found.start, end: found.end }
    : { state: 'wording-changed', start: found.start, end: found.end, exact: wording };
}

function locate(searcher: TextSearcher, anchor: StoredAnchor, plan: SearchPlan): ReanchorResult {
  const { text } = searcher;
  const { quote } = anchor;
  if (quote.exact.length === 0) return { state: 'orphaned' };
  // Step 1: the expected or stored position, when quote and context are all still there.
  for (const start of [plan.expectedLo, plan.expectedHi, anchor.start]) {
    if (matchesWithContext(text, quote, start)) {
      return { state: 'anchored', start, end: start + quote.exact.length };
    }
  }
  // Near the expected position first (exact, fuzzy, by surroundings), then anywhere else.
  const offsets = searcher.findAll(quote.exact);
  const found =
    chooseExact(searcher, quote, plan, offsets, 'near') ??
    chooseFuzzyNear(searcher, quote, plan) ??
    chooseBracketed(searcher, quote, plan) ??
    chooseExact(searcher, quote, plan, offsets, 'far') ??
    (plan.windowStart > 0 || plan.windowEnd < text.length
      ? chooseFuzzyAnywhere(searcher, quote, plan)
      : null);
  return toResult(text, quote.exact, found);
}

function defaultPlan(text: string, anchor: StoredAnchor, options: ReanchorOptions): SearchPlan {
  const expected = options.expectedStart ?? anchor.start;
  const length = anchor.quote.exact.length;
  const radius = 1024 + 2 * length;
  const window = options.window ?? { start: expected - radius, end: expected + length + radius };
  return {
    expectedLo: expected,
    expectedHi: expected,
    windowStart: Math.max(0, window.start),
    windowEnd: Math.min(text.length, window.end),
  };
}

/**
 * Finds one annotation again in a changed text: (1) the expected or stored position if the quote
 * and its context are all still there; (2) exact copies near the expected position, told apart by
 * context and distance; (3) approx-string-match near it, up to a quarter of the quote in errors,
 * above a minimum score that rises for short quotes; (4) the quote's surroundings near it, for
 * wording rewritten by more than a quarter; (5) only then anywhere in the text, exact copies and
 * close fuzzy matches whose context is nearly intact. Exact finds are `anchored`, the others
 * `wording-changed` with the new wording; no find is `orphaned`.
 */
export function reanchorAnnotation(
  text: string,
  anchor: StoredAnchor,
  options: ReanchorOptions = {},
): ReanchorResult {
  return locate(new TextSearcher(text, false), anchor, defaultPlan(text, anchor, options));
}

/** Indices (into `values`) of a longest non-decreasing subsequence. */
function longestNonDecreasing(values: readonly number[]): number[] {
  const tails: number[] = [];
  const previous = new Int32Array(values.length).fill(-1);
  values.forEach((value, i) => {
    let lo = 0;
    let hi = tails.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((values[tails[mid] as number] as number) <= value) lo = mid + 1;
      else hi = mid;
    }
    if (lo > 0) previous[i] = tails[lo - 1] as number;
    tails[lo] = i;
  });
  const chain: number[] = [];
  for (let i = tails[tails.length - 1] ?? -1; i !== -1; i = previous[i] as number) chain.push(i);
  return chain.reverse();
}

/**
 * Re-anchors many annotations on one new text, sharing work: an n-gram index over the text, and
 * position estimates from neighbours. A first pass finds the quotes still sitting exactly in their
 * context (at the old position plus the running shift, or at a unique copy); those found in reading
 * order become landmarks. Every other annotation is then searched between its nearest landmarks,
 * which is where its quote must be if it still exists. Results are in the order of `anchors`.
 */
export function reanchorAll(text: string, anchors: readonly StoredAnchor[]): ReanchorResult[] {
  const searcher = new TextSearcher(text, true);
  const order = anchors
    .map((_, i) => i)
    .sort(
      (a, b) => (anchors[a] as StoredAnchor).start - (anchors[b] as StoredAnchor).start || a - b,
    );
  const confident: Array<{ index: number; start: number }> = [];
  let shift = 0;
  for (const index of order) {
    const anchor = anchors[index] as StoredAnchor;
    const { quote } = anchor;
    if (quote.exact.length === 0) continue;
    let start: number | undefined;
    if (matchesWithContext(text, quote, anchor.start + shift)) start = anchor.start + shift;
    else if (matchesWithContext(text, quote, anchor.start)) start = anchor.start;
    else {
      const copies = searcher
        .findAll(quote.exact)
        .filter((at) => matchesWithContext(text, quote, at));
      if (copies.length === 1) start = copies[0];
    }
    if (start === undefined) continue;
    confident.push({ index, start });
    shift = start - anchor.start;
  }
  // Landmarks must keep reading order: a copy found far away (a repeated passage) is no landmark.
  const landmarks = longestNonDecreasing(confident.map((c) => c.start)).map(
    (k) => confident[k] as { index: number; start: number },
  );
  const results = new Array<ReanchorResult>(anchors.length);
  const landmarkAt = new Map<number, number>();
  for (const { index, start } of landmarks) {
    landmarkAt.set(index, start);
    const length = (anchors[index] as StoredAnchor).quote.exact.length;
    results[index] = { state: 'anchored', start, end: start + length };
  }
  // Nearest landmark before and after each annotation, in old reading order.
  const before = new Array<{ old: number; now: number } | undefined>(order.length);
  const after = new Array<{ old: number; now: number } | undefined>(order.length);
  let last: { old: number; now: number } | undefined;
  order.forEach((index, k) => {
    before[k] = last;
    const now = landmarkAt.get(index);
    if (now !== undefined) last = { old: (anchors[index] as StoredAnchor).start, now };
  });
  last = undefined;
  for (let k = order.length - 1; k >= 0; k -= 1) {
    after[k] = last;
    const index = order[k] as number;
    const now = landmarkAt.get(index);
    if (now !== undefined) last = { old: (anchors[index] as StoredAnchor).start, now };
  }
  order.forEach((index, k) => {
    if (results[index]) return;
    const anchor = anchors[index] as StoredAnchor;
    results[index] = locate(searcher, anchor, neighbourPlan(text, anchor, before[k], after[k]));
  });
  return results;
}

/** Expected position and window for an annotation from the landmarks either side of it. */
function neighbourPlan(
  text: string,
  anchor: StoredAnchor,
  before: { old: number; now: number } | undefined,
  after: { old: number; now: number } | undefined,
): SearchPlan {
  const length = anchor.quote.exact.length;
  const fromBefore = before ? anchor.start + before.now - before.old : anchor.start;
  const fromAfter = after ? anchor.start + after.now - after.old : fromBefore;
  const expectedLo = Math.min(fromBefore, fromAfter);
  const expectedHi = Math.max(fromBefore, fromAfter);
  // A surviving quote keeps its place in reading order, so it lies between its landmarks; the
  // margin after the next landmark leaves room for a quote that grew.
  const radius = 1024 + 2 * length;
  let windowStart = Math.max(before ? before.now - GRAM : 0, expectedLo - radius);
  let windowEnd = Math.min(
    after ? after.now + 2 * length + 64 : text.length,
    expectedHi + length + radius,
  );
  if (windowEnd <= windowStart) {
    windowStart = expectedLo - radius;
    windowEnd = expectedHi + length + radius;
  }
  return {
    expectedLo,
    expectedHi,
    windowStart: Math.max(0, windowStart),
    windowEnd: Math.min(text.length, windowEnd),
  };
}
