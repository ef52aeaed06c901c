/** A margin card to place: `anchorTop` is the top of its highlight, in the margin's pixels. */
export interface MarginCardBox {
  id: string;
  anchorTop: number;
  height: number;
}

/** Spacing rules for the margin: `gap` between cards (default 8), no card above `minTop` (0). */
export interface MarginLayoutOptions {
  gap?: number;
  minTop?: number;
}

/** A max-heap of numbers: just enough for the slope-trick sweep below. */
class MaxHeap {
  private readonly items: number[] = [];

  get top(): number {
    return this.items[0] as number;
  }

  push(value: number): void {
    const items = this.items;
    let i = items.push(value) - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if ((items[parent] as number) >= value) break;
      items[i] = items[parent] as number;
      i = parent;
    }
    items[i] = value;
  }

  replaceTop(value: number): void {
    const items = this.items;
    const size = items.length;
    let i = 0;
    for (;;) {
      const left = 2 * i + 1;
      if (left >= size) break;
      const right = left + 1;
      const child =
        right < size && (items[right] as number) > (items[left] as number) ? right : left;
      if ((items[child] as number) <= value) break;
      items[i] = items[child] as number;
      i = child;
    }
    items[i] = value;
  }
}

/**
 * The least non-decreasing sequence x minimising Σ|x[i] − targets[i]| (L1 isotonic regression),
 * by the slope trick in O(n log n). The heap holds the breakpoints of the best prefix cost as a
 * function of the last value; its top is the smallest optimal last value so far. Walking back,
 * each x[i] takes that smallest optimum, capped by its successor, which is pointwise least.
 */
function leastIsotonicL1(targets: readonly number[]): number[] {
  const heap = new MaxHeap();
  const bestLast: number[] = [];
  for (const target of targets) {
    heap.push(target);
    // A target below the current optimum pulls the prefix down: swap one breakpoint for it.
    if (heap.top > target) heap.replaceTop(target);
    bestLast.push(heap.top);
  }
  const fitted = new Array<number>(targets.length);
  let ceiling = Infinity;
  for (let i = targets.length - 1; i >= 0; i--) {
    ceiling = Math.min(bestLast[i] as number, ceiling);
    fitted[i] = ceiling;
  }
  return fitted;
}

/**
 * Places margin cards beside their highlights: id → top. Cards keep their input (text) order and
 * never overlap (`next.top ≥ prev.top + prev.height + gap`), and no card sits above `minTop`.
 *
 * Displacement model: L1. The tops minimise the total distance Σ|top − anchorTop| (pixels moved,
 * summed) under those constraints, so crowded cards share the shift instead of all being pushed
 * down. Among equally good layouts the lowest one is chosen: a card moves above its anchor only
 * when that strictly lowers the total, so an isolated card sits exactly at its anchor and two
 * colliding cards leave the first in place. Scaling anchors, heights, gap and minTop by a factor
 * scales every top by it (the layout is stable under zoom and resize). O(n log n), pure.
 */
export function layoutMarginCards(
  cards: readonly MarginCardBox[],
  options: MarginLayoutOptions = {},
): Map<string, number> {
  const gap = options.gap ?? 8;
  const minTop = options.minTop ?? 0;
  // Subtracting the stack of everything above each card turns "no overlap" into "non-decreasing"
  // (offset[i] = Σ_{j<i} (height[j] + gap)), leaving an isotonic regression with a lower bound.
  const offsets: number[] = [];
  let stacked = 0;
  for (const card of cards) {
    offsets.push(stacked);
    stacked += card.height + gap;
  }
  // Negating and reversing maps the least optimum to the greatest one, i.e. the lowest layout.
  const mirrored = cards.map((_, i) => {
    const k = cards.length - 1 - i;
    return -((cards[k] as MarginCardBox).anchorTop - (offsets[k] as number));
  });
  const fitted = leastIsotonicL1(mirrored).reverse();

  const tops = new Map<string, number>();
  cards.forEach((card, i) => {
    // For a separable convex cost, clipping the unbounded optimum to the bound stays optimal.
    const shifted = Math.max(-(fitted[i] as number), minTop);
    tops.set(card.id, shifted + (offsets[i] as number));
  });
  return tops;
}
