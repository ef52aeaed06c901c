import type { Annotation } from '../../../../shared/annotation/annotation-model';
import type { Verdict } from '../../../../shared/annotation/verdicts';
import { segmentsOfSpans } from '../../../../shared/anchoring/segment-highlights';
import type { PlacedBlock } from '../../../../shared/article/article-model';
import { isFiltering, matchesFilter, type ClaimFilter } from '../margin/claim-filter';
import { paintBlock, type BlockPaint, type HighlightStyle } from './highlight-paint';

const NEUTRAL = '#8a8b90';

/** What the reading pane paints: a window of its blocks, with the claims there are. */
export interface PaintRequest {
  /** The article's blocks placed in its canonical text. */
  blocks: readonly PlacedBlock[];
  /** The blocks to paint, `first..last` inclusive. */
  first: number;
  last: number;
  /** The anchored claims, in text order. */
  claims: readonly Annotation[];
  /** No claim is longer than this (`ClaimTally.longest`). */
  longest: number;
  verdicts: readonly Verdict[];
  filter: ClaimFilter;
}

/** A block's paint, and what it was painted from. */
interface Painted {
  claims: readonly Annotation[];
  paint: BlockPaint;
}

/**
 * Paints the blocks near the viewport (see `paintBlock`), again only where something changed: a
 * block whose claims are the same as last time keeps the very paint it had, so a new claim
 * repaints the block it is in, not the screenful around it, and the blocks that kept their paint
 * skip rendering at a glance.
 */
export class BlockPainter {
  private painted = new Map<number, Painted>();
  /** What every paint depends on besides a block's claims: another value repaints everything. */
  private basis: { blocks: unknown; verdicts: unknown; filter: unknown } | null = null;

  /** `paints[i]`: block i's paint, for the blocks in the window that have claims. */
  paint(request: PaintRequest): (BlockPaint | undefined)[] {
    const { blocks, verdicts, filter } = request;
    const basis = this.basis;
    if (basis?.blocks !== blocks || basis.verdicts !== verdicts || basis.filter !== filter) {
      this.basis = { blocks, verdicts, filter };
      this.painted = new Map();
    }
    const previous = this.painted;
    const next = new Map<number, Painted>();
    const paints: (BlockPaint | undefined)[] = [];
    const shown = blocks.slice(request.first, request.last + 1);
    const from = shown[0]?.start ?? 0;
    const to = shown.at(-1)?.end ?? 0;
    const meeting = claimsMeeting(request.claims, from, to, request.longest);
    const filtering = isFiltering(filter);
    let colorOf: Map<string, string> | undefined;
    // Claims in text order meet the blocks in order: those reaching past a block carry to the next.
    let carried: Annotation[] = [];
    let added = 0;
    for (const block of shown) {
      const open: Annotation[] = [];
      for (const claim of carried) if (claim.end > block.start) open.push(claim);
      while (added < meeting.length && meeting[added]!.start < block.end) {
        const claim = meeting[added++]!;
        if (claim.end > block.start) open.push(claim);
      }
      // (A new array each block: the one kept with a paint must not change afterwards.)
      carried = open;
      if (open.length === 0) continue;
      const kept = previous.get(block.index);
      if (kept && samePaintClaims(kept.claims, open, filtering)) {
        next.set(block.index, kept);
        paints[block.index] = kept.paint;
        continue;
      }
      colorOf ??= new Map(verdicts.map((verdict) => [verdict.id, verdict.color]));
      const styles = new Map<string, HighlightStyle>();
      for (const claim of open)
        styles.set(claim.id, {
          color: (claim.verdictId && colorOf.get(claim.verdictId)) || NEUTRAL,
          dimmed: !matchesFilter(claim, filter),
        });
      const segments = segmentsOfSpans(open, [block])[0] ?? [];
      if (!segments.some((segment) => segment.ids.length > 0)) continue;
      const paint = paintBlock(segments, styles);
      next.set(block.index, { claims: open, paint });
      paints[block.index] = paint;
    }
    this.painted = next;
    return paints;
  }
}

/**
 * Whether two lists of claims paint a block alike: the same claims, or copies of them with the
 * same span and verdict (a claim's stored copy replacing the one shown while it saved, a note
 * edited). While a filter is on, whether a claim is dimmed depends on its other fields too: then
 * only the same claims will do.
 */
function samePaintClaims(
  a: readonly Annotation[],
  b: readonly Annotation[],
  filtering: boolean,
): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (x === y) continue;
    if (
      filtering ||
      x.id !== y.id ||
      x.start !== y.start ||
      x.end !== y.end ||
      x.verdictId !== y.verdictId
    )
      return false;
  }
  return true;
}

/**
 * The claims of `claims` (in text order) that overlap `[from, to)`, in text order, given that no
 * claim is longer than `longest`: a binary search to the first that can, then a scan of those
 * starting before `to`, so a screenful costs the same however many claims there are.
 */
export function claimsMeeting<Claim extends { start: number; end: number }>(
  claims: readonly Claim[],
  from: number,
  to: number,
  longest: number,
): Claim[] {
  const earliest = from - longest;
  let low = 0;
  let high = claims.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (claims[middle]!.start >= earliest) high = middle;
    else low = middle + 1;
  }
  const meeting: Claim[] = [];
  for (let i = low; i < claims.length; i++) {
    const claim = claims[i]!;
    if (claim.start >= to) break;
    if (claim.end > from) meeting.push(claim);
  }
  return meeting;
}
