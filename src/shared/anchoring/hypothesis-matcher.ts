import search from 'approx-string-match';
import type { ReanchorResult, StoredAnchor } from './reanchor';

/*
 * Baselines for the re-anchoring benchmark only; the app uses `reanchorAll` from ./reanchor.
 * `reanchorLikeHypothesis` follows the Hypothesis client (src/annotator/anchoring/match-quote.ts
 * and html.ts): the stored position if the text there equals the quote, else every exact
 * occurrence or, failing that, approx-string-match with up to half the quote length in errors,
 * candidates scored 50·quote + 20·prefix + 20·suffix + 2·position, best taken with no minimum.
 */

function searchWithExactFirst(
  text: string,
  pattern: string,
  maxErrors: number,
): Array<{ start: number; end: number; errors: number }> {
  // As Hypothesis does: a cheap scan for exact copies before the expensive approximate search.
  const exact: Array<{ start: number; end: number; errors: number }> = [];
  for (let at = text.indexOf(pattern); at !== -1; at = text.indexOf(pattern, at + 1)) {
    exact.push({ start: at, end: at + pattern.length, errors: 0 });
  }
  return exact.length > 0 ? exact : search(text, pattern, maxErrors);
}

/** Hypothesis' `textMatchScore`: 1 − errors/length of the best approximate match of `pattern`. */
function textMatchScore(text: string, pattern: string): number {
  if (pattern.length === 0 || text.length === 0) return 0;
  const matches = searchWithExactFirst(text, pattern, pattern.length);
  const first = matches[0];
  return first ? 1 - first.errors / pattern.length : 0;
}

/** Re-anchors one annotation the way the Hypothesis client does (benchmark baseline). */
export function reanchorLikeHypothesis(text: string, anchor: StoredAnchor): ReanchorResult {
  const { exact, prefix, suffix } = anchor.quote;
  if (exact.length === 0) return { state: 'orphaned' };
  if (text.slice(anchor.start, anchor.end) === exact) {
    return { state: 'anchored', start: anchor.start, end: anchor.end };
  }
  const maxErrors = Math.min(256, exact.length / 2);
  const matches = searchWithExactFirst(text, exact, maxErrors);
  let best: { start: number; end: number; score: number } | null = null;
  for (const match of matches) {
    const quoteScore = 1 - match.errors / exact.length;
    const prefixScore = prefix
      ? textMatchScore(text.slice(Math.max(0, match.start - prefix.length), match.start), prefix)
      : 1;
    const suffixScore = suffix
      ? textMatchScore(text.slice(match.end, match.end + suffix.length), suffix)
      : 1;
    const positionScore = 1 - Math.abs(match.start - anchor.start) / text.length;
    const score = 50 * quoteScore + 20 * prefixScore + 20 * suffixScore + 2 * positionScore;
    if (!best || score > best.score) best = { start: match.start, end: match.end, score };
  }
  if (!best) return { state: 'orphaned' };
  const wording = text.slice(best.start, best.end);
  return wording === exact
    ? { state: 'anchored', start: best.start, end: best.end }
    : { state: 'wording-changed', start: best.start, end: best.end, exact: wording };
}

/** The naive baseline: the first exact occurrence of the quote, or give up (orphan). */
export function reanchorWithIndexOf(text: string, anchor: StoredAnchor): ReanchorResult {
  const start = text.indexOf(anchor.quote.exact);
  return start === -1 || anchor.quote.exact.length === 0
    ? { state: 'orphaned' }
    : { state: 'anchored', start, end: start + anchor.quote.exact.length };
}
