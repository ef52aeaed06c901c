import { segmentsByBlock, type HighlightRange } from '../anchoring/segment-highlights';
import type { Annotation } from '../annotation/annotation-model';
import type { Taxonomy, Verdict } from '../annotation/verdicts';
import {
  BLOCK_SEPARATOR,
  isAnnotatable,
  placeBlocks,
  type Block,
  type PlacedBlock,
} from '../article/article-model';
import { includedAnnotations, type ArticleExportInput, type ExportOptions } from './export-input';

/** A claim as it appears in an export: its annotation, its verdict and its footnote number. */
export interface PlannedClaim {
  annotation: Annotation;
  /** The taxonomy verdict named by `annotation.verdictId`; undefined when none or unknown. */
  verdict: Verdict | undefined;
  /** 1-based: claims shown in the text in order of first appearance, then the rest in input order. */
  number: number;
  /** Whether some of the claim's text is in an exported (non-chrome) block and gets marked. */
  placed: boolean;
}

/** A run of a block's text covered by exactly the same claims (none for unmarked text). */
export interface PlannedSegment {
  text: string;
  /** The claims covering the run, outermost first. */
  claims: PlannedClaim[];
}

/** An exported block: every block except chrome, cut into segments that tile its text exactly. */
export interface PlannedBlock {
  block: Block;
  segments: PlannedSegment[];
}

/** What every Markdown export writes, worked out once: blocks in order and claims by number. */
export interface ExportPlan {
  blocks: PlannedBlock[];
  /** Every included claim, ordered by `number`. */
  claims: PlannedClaim[];
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}
function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}

/**
 * The canonical text's code units, read from the placed blocks without joining them (the text of
 * a long article is large, and only a few code units around each claim's ends are read).
 */
export interface CanonicalText {
  length: number;
  charCodeAt(offset: number): number;
}

/** `canonicalText(blocks)` as a `CanonicalText`, for `placed = placeBlocks(blocks)`. */
export function canonicalTextOf(placed: readonly PlacedBlock[]): CanonicalText {
  const last = placed[placed.length - 1];
  const length = last === undefined ? 0 : last.end;
  const charCodeAt = (offset: number): number => {
    if (!(offset >= 0 && offset < length)) return NaN;
    // The last block starting at or before `offset`; past its end is the blank-line separator.
    let low = 0;
    let high = placed.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if ((placed[middle] as PlacedBlock).start <= offset) low = middle;
      else high = middle - 1;
    }
    const block = placed[low] as PlacedBlock;
    return offset < block.end
      ? block.text.charCodeAt(offset - block.start)
      : BLOCK_SEPARATOR.charCodeAt(offset - block.end);
  };
  return { length, charCodeAt };
}

/** Moves an offset that falls inside a surrogate pair to the pair's start or end. */
function snapToCodePoint(text: CanonicalText, offset: number, direction: -1 | 1): number {
  if (
    offset > 0 &&
    offset < text.length &&
    isLowSurrogate(text.charCodeAt(offset)) &&
    isHighSurrogate(text.charCodeAt(offset - 1))
  ) {
    return offset + (direction < 0 ? -1 : 1);
  }
  return offset;
}

/** Looks verdicts up by id; the first of any duplicate ids wins, as in the taxonomy's order. */
export function verdictIndex(taxonomy: Taxonomy): Map<string, Verdict> {
  const byId = new Map<string, Verdict>();
  for (const verdict of taxonomy.verdicts) if (!byId.has(verdict.id)) byId.set(verdict.id, verdict);
  return byId;
}

/**
 * Plans a Markdown export: which claims are included, how each exported block is cut into
 * segments (overlapping claims split at every boundary), and each claim's footnote number.
 * Orphaned claims are never marked (their offsets no longer point at their quote) but are kept.
 * Offsets that would split a surrogate pair are widened so no character is ever cut in two.
 */
export function planExport(
  input: ArticleExportInput,
  options: Pick<ExportOptions, 'includeUnreviewed'>,
): ExportPlan {
  const { blocks } = input.article;
  const verdicts = verdictIndex(input.taxonomy);
  const claims: PlannedClaim[] = includedAnnotations(input.annotations, options).map(
    (annotation) => ({
      annotation,
      verdict: annotation.verdictId === null ? undefined : verdicts.get(annotation.verdictId),
      number: 0,
      placed: false,
    }),
  );

  const placed = placeBlocks(blocks);
  const text = canonicalTextOf(placed);
  // Range ids sort by annotation id, then by input position, so numbering never depends on
  // the store's order and duplicate ids stay distinct.
  const rangeIds = claims.map(
    (claim, index) => `${claim.annotation.id}\u0000${String(index).padStart(10, '0')}`,
  );
  const claimByRangeId = new Map(rangeIds.map((id, index) => [id, claims[index] as PlannedClaim]));
  const ranges: HighlightRange[] = [];
  claims.forEach((claim, index) => {
    if (claim.annotation.anchor === 'orphaned') return;
    ranges.push({
      id: rangeIds[index] as string,
      start: snapToCodePoint(text, claim.annotation.start, -1),
      end: snapToCodePoint(text, claim.annotation.end, 1),
    });
  });

  const segmentsOfBlocks = segmentsByBlock(blocks, ranges);
  const plannedBlocks: PlannedBlock[] = [];
  let nextNumber = 1;
  placed.forEach((block, index) => {
    if (!isAnnotatable(block.kind)) return;
    const segments = (segmentsOfBlocks[index] ?? []).map((segment) => ({
      text: block.text.slice(segment.start - block.start, segment.end - block.start),
      claims: segment.ids.map((id) => {
        const claim = claimByRangeId.get(id) as PlannedClaim;
        if (!claim.placed) {
          claim.placed = true;
          claim.number = nextNumber++;
        }
        return claim;
      }),
    }));
    plannedBlocks.push({ block: blocks[index] as Block, segments });
  });
  for (const claim of claims) if (!claim.placed) claim.number = nextNumber++;

  return { blocks: plannedBlocks, claims: [...claims].sort((a, b) => a.number - b.number) };
}
