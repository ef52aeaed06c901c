import { placeBlocks, type Block } from '../article/article-model';

/** A highlight's extent: UTF-16 code units into the article's canonical text, `[start, end)`. */
export interface HighlightRange {
  id: string;
  start: number;
  end: number;
}

/**
 * A maximal run of text covered by exactly the same highlights. `ids` is empty for a gap no
 * highlight covers, and otherwise lists the covering highlights outermost first (longer range
 * first; ties by start, then id), so a renderer can nest or stack them in a stable order.
 */
export interface HighlightSegment {
  start: number;
  end: number;
  ids: string[];
}

/** A range boundary: where a highlight (by its rank in outermost-first order) starts or ends. */
interface Boundary {
  at: number;
  rank: number;
  opens: boolean;
}

/** A sweep over every highlight boundary, sorted once, that can be walked left to right. */
interface BoundarySweep {
  boundaries: Boundary[];
  idsByRank: string[];
}

/** Ranks the ranges outermost first and sorts their boundaries once: O(n log n). */
function prepareSweep(ranges: readonly HighlightRange[]): BoundarySweep {
  // Empty or inverted ranges cover nothing; dropping them keeps every cut a real change in ids.
  const ranked = ranges
    .filter((range) => range.start < range.end)
    .sort(
      (a, b) =>
        b.end - b.start - (a.end - a.start) ||
        a.start - b.start ||
        (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
    );
  const boundaries: Boundary[] = [];
  ranked.forEach((range, rank) => {
    boundaries.push({ at: range.start, rank, opens: true });
    boundaries.push({ at: range.end, rank, opens: false });
  });
  boundaries.sort((a, b) => a.at - b.at);
  return { boundaries, idsByRank: ranked.map((range) => range.id) };
}

function sameIds(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((id, i) => id === b[i]);
}

/**
 * Walks the sweep through consecutive, non-overlapping windows `[from, to)` given in increasing
 * order, producing each window's segments. The cursor into the boundaries only moves forward,
 * so all windows together cost one pass plus the size of the output.
 */
function segmentWindows(
  sweep: BoundarySweep,
  windows: readonly { from: number; to: number }[],
): HighlightSegment[][] {
  const { boundaries, idsByRank } = sweep;
  const active = new Set<number>();
  let next = 0;
  const apply = (boundary: Boundary): void => {
    if (boundary.opens) active.add(boundary.rank);
    else active.delete(boundary.rank);
  };
  const activeIds = (): string[] =>
    [...active].sort((a, b) => a - b).map((rank) => idsByRank[rank] as string);

  return windows.map(({ from, to }) => {
    const segments: HighlightSegment[] = [];
    const emit = (start: number, end: number): void => {
      if (end <= start) return;
      const ids = activeIds();
      const last = segments[segments.length - 1];
      // Two ranges sharing an id can meet end to start; one run of equal ids stays one segment.
      if (last && last.end === start && sameIds(last.ids, ids)) last.end = end;
      else segments.push({ start, end, ids });
    };
    // Everything that starts or ends at or before `from` decides what is active at `from`.
    while (next < boundaries.length && (boundaries[next] as Boundary).at <= from) {
      apply(boundaries[next++] as Boundary);
    }
    let cursor = from;
    while (next < boundaries.length && (boundaries[next] as Boundary).at < to) {
      const at = (boundaries[next] as Boundary).at;
      emit(cursor, at);
      while (next < boundaries.length && (boundaries[next] as Boundary).at === at) {
        apply(boundaries[next++] as Boundary);
      }
      cursor = at;
    }
    emit(cursor, to);
    return segments;
  });
}

/**
 * Cuts `[from, to)` at every highlight boundary inside it. The segments tile `[from, to)`
 * exactly, in order, gaps included with `ids: []`, so a caller can render the whole span from the
 * list; adjacent segments always differ in `ids`. Ranges are clipped to the window.
 * Cost: O((n + k) log n) for n ranges and k ids in the output.
 */
export function segmentHighlights(
  ranges: readonly HighlightRange[],
  from: number,
  to: number,
): HighlightSegment[] {
  if (to <= from) return [];
  return segmentWindows(prepareSweep(ranges), [{ from, to }])[0] ?? [];
}

/**
 * The segments of each block, indexed like `blocks`: each block's own `[start, end)` in the
 * canonical text is tiled as by `segmentHighlights`. A range that crosses a block separator is
 * split into one piece per block it touches; separators themselves belong to no block.
 * Chrome blocks are segmented like any other (whether to paint them is the renderer's call).
 */
export function segmentsByBlock(
  blocks: readonly Block[],
  ranges: readonly HighlightRange[],
): HighlightSegment[][] {
  return segmentsOfSpans(
    ranges,
    placeBlocks(blocks).map((block) => ({ start: block.start, end: block.end })),
  );
}

/**
 * The segments of each span `[start, end)`, for consecutive, non-overlapping spans in increasing
 * order (some blocks, say): each tiled as by `segmentHighlights`, all in one pass.
 */
export function segmentsOfSpans(
  ranges: readonly HighlightRange[],
  spans: readonly { start: number; end: number }[],
): HighlightSegment[][] {
  return segmentWindows(
    prepareSweep(ranges),
    spans.map((span) => ({ from: span.start, to: span.end })),
  );
}
