/** Spacing rules for the margin. */
export interface MarginLayoutOptions {
  /** Space kept between consecutive cards. Default 8. */
  gap?: number;
  /** No card goes above this. Default 0. */
  minTop?: number;
}

/**
 * Places margin cards beside their highlights. Card `i` (in text order) has its highlight's top
 * at `anchorTops[i]` and is `heights[i]` tall (px, in the margin's coordinates). Each card's top
 * is its highlight's top, unless the card before it is in the way, in which case it sits just
 * below that card. Cards only ever move down, never above their highlight, so this is the layout
 * with the least displacement: every card is either level with its highlight or touching the
 * card above. Linear in the number of cards; tops are strictly increasing. Returns the tops.
 */
export function layoutMarginCards(
  anchorTops: ArrayLike<number>,
  heights: ArrayLike<number>,
  options: MarginLayoutOptions = {},
): Float64Array {
  const gap = options.gap ?? 8;
  let floor = options.minTop ?? 0;
  const tops = new Float64Array(anchorTops.length);
  for (let i = 0; i < anchorTops.length; i++) {
    const top = Math.max(anchorTops[i] ?? 0, floor);
    tops[i] = top;
    floor = top + (heights[i] ?? 0) + gap;
  }
  return tops;
}
