/** Spacing rules for the margin. */
export interface MarginLayoutOptions {
  /** Space kept between consecutive cards. Default 8. */
  gap?: number;
  /** No card goes above this. Default 0. */
  minTop?: number;
}

/**
 * The margin's layout rule, one card at a time (in text order): each card's top is its
 * highlight's top, unless the card before it is in the way, in which case it sits just below that
 * card. Cards only ever move down, never above their highlight, so this is the layout with the
 * least displacement: every card is either level with its highlight or touching the card above.
 */
export class CardStack {
  private floor: number;
  private readonly gap: number;

  constructor(options: MarginLayoutOptions = {}) {
    this.gap = options.gap ?? 8;
    this.floor = options.minTop ?? 0;
  }

  /** The top of the next card, whose highlight's top is `anchorTop` and which is `height` tall. */
  place(anchorTop: number, height: number): number {
    const top = Math.max(anchorTop, this.floor);
    this.floor = top + height + this.gap;
    return top;
  }
}
