import { isAnnotatable, type PlacedBlock } from '../../../../shared/article/article-model';

/** A selection in the canonical text: UTF-16 code units, `[start, end)`, `start < end`. */
export interface TextSpan {
  start: number;
  end: number;
}

// Segmenters are costly to build and hold no per-text state, so one of each serves every call.
let wordSegmenter: Intl.Segmenter | undefined;
let graphemeSegmenter: Intl.Segmenter | undefined;
function words(): Intl.Segmenter {
  return (wordSegmenter ??= new Intl.Segmenter(undefined, { granularity: 'word' }));
}
function graphemes(): Intl.Segmenter {
  return (graphemeSegmenter ??= new Intl.Segmenter(undefined, { granularity: 'grapheme' }));
}

const WHITESPACE = /\s/;

/** Index of the first block whose end lies after `offset` (blocks are in text order). */
function firstBlockEndingAfter(blocks: readonly PlacedBlock[], offset: number): number {
  let low = 0;
  let high = blocks.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if ((blocks[mid] as PlacedBlock).end > offset) high = mid;
    else low = mid + 1;
  }
  return low;
}

/** Where the selection touches annotatable text, trimmed of whitespace, first and last pieces. */
function annotatableExtent(
  text: string,
  blocks: readonly PlacedBlock[],
  start: number,
  end: number,
): { first: PlacedBlock; start: number; last: PlacedBlock; end: number } | null {
  let found: { first: PlacedBlock; start: number; last: PlacedBlock; end: number } | null = null;
  for (let i = firstBlockEndingAfter(blocks, start); i < blocks.length; i++) {
    const block = blocks[i] as PlacedBlock;
    if (block.start >= end) break;
    if (!isAnnotatable(block.kind)) {
      // A claim is one contiguous range that never holds chrome: stop at chrome after the start.
      if (found) break;
      continue;
    }
    // Trim inside each block so the result can never spill over a separator into a neighbour.
    let from = Math.max(start, block.start);
    let to = Math.min(end, block.end);
    while (from < to && WHITESPACE.test(text.charAt(from))) from++;
    while (to > from && WHITESPACE.test(text.charAt(to - 1))) to--;
    if (from === to) continue;
    if (found) {
      found.last = block;
      found.end = to;
    } else found = { first: block, start: from, last: block, end: to };
  }
  return found;
}

/** The start of the word (or else the grapheme) holding `offset`, within its block. */
function snapStart(block: PlacedBlock, offset: number): number {
  const local = offset - block.start;
  const word = words().segment(block.text).containing(local);
  if (word?.isWordLike) return block.start + word.index;
  const grapheme = graphemes().segment(block.text).containing(local);
  return block.start + (grapheme ? grapheme.index : local);
}

/** The end of the word (or else the grapheme) holding the code unit just before `offset`. */
function snapEnd(block: PlacedBlock, offset: number): number {
  const local = offset - block.start - 1;
  const word = words().segment(block.text).containing(local);
  if (word?.isWordLike) return block.start + word.index + word.segment.length;
  const grapheme = graphemes().segment(block.text).containing(local);
  return block.start + (grapheme ? grapheme.index + grapheme.segment.length : local + 1);
}

/**
 * Turns a raw selection into the span a claim should cover, or null when nothing is left.
 * Offsets are UTF-16 code units into the canonical text; `blocks` are placed in text order.
 *
 * - Chrome is clipped off: the result starts in the first and ends in the last annotatable block
 *   the selection touches; a selection of chrome (and blank separators) alone gives null. A
 *   chrome block in the middle ends the span: a claim is one contiguous range and never holds
 *   chrome, so the paragraphs after it are left out.
 * - Leading and trailing whitespace is trimmed; a whitespace-only selection gives null.
 * - Each end snaps outward to a whole word (Intl.Segmenter, so RTL and unspaced scripts work);
 *   punctuation or emoji at an edge is kept as selected, never trimmed.
 * - Neither end ever splits a grapheme (skin tones, ZWJ sequences, flags, combining marks).
 *
 * Only the one or two blocks holding the ends are segmented, never the whole article.
 */
export function snapSelection(
  text: string,
  blocks: readonly PlacedBlock[],
  start: number,
  end: number,
): TextSpan | null {
  // A selection made backwards (focus before anchor) covers the same text.
  const from = Math.max(0, Math.min(start, end));
  const to = Math.min(text.length, Math.max(start, end));
  if (!(from < to)) return null;
  const extent = annotatableExtent(text, blocks, from, to);
  if (!extent) return null;
  return { start: snapStart(extent.first, extent.start), end: snapEnd(extent.last, extent.end) };
}
