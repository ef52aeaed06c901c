/** A margin card to place: where its highlight starts and how tall the card is (px). */
export interface MarginCardBox {
  id: string;
  /** The top of the card's highlight, in the margin's coordinates. */
  anchorTop: number;
  height: number;
}

/** Spacing rules for the margin. */
export interface MarginLayoutOptions {
  /** Space kept between consecutive cards. Default 8. */
  gap?: number;
  /** No card goes above this. Default 0. */
  minTop?: number;
}

/**
 * Places margin cards beside their highlights: each card's top at its highlight's top, unless the
 * card before it (in text order, the input order) is in the way, in which case it sits just below
 * that card. Cards only ever move down, never above their highlight, so this is the layout with
 * the least displacement: every card is either level with its highlight or touching the card
 * above. Linear in the number of cards; returns id -> top.
 */
export function layoutMarginCards(
  cards: readonly MarginCardBox[],
  options: MarginLayoutOptions = {},
): Map<string, number> {
  const gap = options.gap ?? 8;
  let floor = options.minTop ?? 0;
  const tops = new Map<string, number>();
  for (const card of cards) {
    const top = Math.max(card.anchorTop, floor);
    tops.set(card.id, top);
    floor = top + card.height + gap;
  }
  return tops;
}
