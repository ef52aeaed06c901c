import { layoutMarginCards } from './layout-margin-cards';

/** The engine's spacing and how much of the margin beyond the view it keeps cards for. */
export interface MarginLayoutSettings {
  /** Space between consecutive cards (px). */
  gap: number;
  /** How far above and below the visible part of the margin cards are kept in the DOM (px). */
  overscan: number;
  /** A card's height before any card has been measured (px). */
  defaultHeight: number;
}

/** What the engine writes to: a card element's style (an `HTMLElement` in the app). */
export interface CardElement {
  style: { top: string; visibility: string };
}

/** The card column's style, whose height follows the cards. */
export interface ColumnElement {
  style: { minHeight: string };
}

/** The part of the card column in view, in the column's coordinates (px). */
export interface MarginViewport {
  top: number;
  bottom: number;
}

/**
 * Places the margin's cards beside their highlights, outside React. React decides which cards
 * exist and what they say (`rendered`); the engine decides where each sits and writes its `top`
 * straight to the card element. So a card growing (a note typed, a new card measured), the tools
 * above the cards resizing or the reader scrolling re-places the cards without rendering any of
 * them; React is asked to render again (`onRenderedChange`) only when the set of cards that should
 * exist changes.
 *
 * Inputs: the claims in text order (`ids`), where each one's highlight starts relative to the
 * article (`setAnchorTops`, `primeAnchor`), each card's measured height (from a ResizeObserver
 * on the cards, see `setHeights`), the shift between the article's top and the card column's top
 * (`setShift`), and the viewport (`setViewport`). Cards are stacked by `layoutMarginCards`;
 * unmeasured cards are taken at the average measured height.
 */
export class MarginLayoutEngine {
  private ids: readonly string[] = [];
  private keep: ReadonlySet<string> = new Set();
  private anchorTops = new Map<string, number>();
  private readonly heights = new Map<string, number>();
  private heightSum = 0;
  private shift = 0;
  private viewport: MarginViewport = { top: 0, bottom: 2000 };
  private readonly elements = new Map<string, CardElement>();
  private column: ColumnElement | null = null;
  /** The placement for `placedFor` ids at `placedVersion` of the other inputs. */
  private placed: { tops: Map<string, number>; height: number } | null = null;
  private placedFor: readonly string[] | null = null;
  private version = 0;
  private placedVersion = -1;
  /** The top last written to each card element, so unchanged cards are not written again. */
  private readonly written = new WeakMap<CardElement, number>();
  /** The ids React rendered in its last commit, joined: whether a re-render would change them. */
  private renderedKey = '';

  constructor(
    private readonly settings: MarginLayoutSettings,
    /** Called when the cards that should be in the DOM differ from those React rendered. */
    private readonly onRenderedChange: () => void,
  ) {}

  /** Each claim's top, and the height the column needs, for `ids` (text order). */
  place(ids: readonly string[]): { tops: ReadonlyMap<string, number>; height: number } {
    if (this.placed && this.placedFor === ids && this.placedVersion === this.version)
      return this.placed;
    const estimate = this.heights.size
      ? this.heightSum / this.heights.size
      : this.settings.defaultHeight;
    const boxes: { id: string; anchorTop: number; height: number }[] = [];
    let previousTop = 0;
    for (const id of ids) {
      // A claim whose highlight is not measured yet sits with the one before it.
      const measured = this.anchorTops.get(id);
      const anchorTop = measured !== undefined ? measured + this.shift : previousTop;
      previousTop = anchorTop;
      boxes.push({ id, anchorTop, height: this.heights.get(id) ?? estimate });
    }
    const tops = layoutMarginCards(boxes, { gap: this.settings.gap });
    const last = boxes.at(-1);
    this.placed = { tops, height: last ? (tops.get(last.id) ?? 0) + last.height : 0 };
    this.placedFor = ids;
    this.placedVersion = this.version;
    return this.placed;
  }

  /**
   * The cards to render for `ids`: those near the viewport, and those in `keep` (focused, active)
   * wherever they are. In text order.
   */
  rendered(ids: readonly string[], keep: ReadonlySet<string>): string[] {
    const { tops } = this.place(ids);
    const { overscan } = this.settings;
    const from = this.viewport.top - overscan;
    const to = this.viewport.bottom + overscan;
    const estimate = this.heights.size
      ? this.heightSum / this.heights.size
      : this.settings.defaultHeight;
    return ids.filter((id) => {
      if (keep.has(id)) return true;
      const top = tops.get(id) ?? 0;
      return top + (this.heights.get(id) ?? estimate) >= from && top <= to;
    });
  }

  /**
   * After React committed `rendered` (the result of `rendered(ids, keep)`) into `column`:
   * remembers what is on screen and places the cards.
   */
  commit(
    ids: readonly string[],
    keep: ReadonlySet<string>,
    rendered: readonly string[],
    column: ColumnElement | null,
  ): void {
    this.ids = ids;
    this.column = column;
    this.keep = keep;
    this.renderedKey = rendered.join(' ');
    this.apply();
  }

  /** Where claim `id`'s card is (column coordinates), once it is placed. */
  topOf(id: string): number | undefined {
    return this.placed?.tops.get(id);
  }

  /** Highlight tops (relative to the article) of the claims; re-places cards when any moved. */
  setAnchorTops(tops: Map<string, number>): void {
    if (sameNumbers(this.anchorTops, tops)) return;
    this.anchorTops = tops;
    this.changed();
  }

  /** The highlight top of a claim about to be made, for the render that shows it. */
  primeAnchor(id: string, top: number): void {
    this.anchorTops.set(id, top);
    this.version++;
  }

  /** How far the card column's top is below the article's top (negative: above). */
  setShift(shift: number): void {
    if (Math.abs(shift - this.shift) < 0.5) return;
    this.shift = shift;
    this.changed();
  }

  setViewport(viewport: MarginViewport): void {
    this.viewport = viewport;
    this.notifyIfRenderedChanged();
  }

  /** Card heights as measured (by `id`); re-places the cards if any changed. */
  setHeights(measured: Iterable<readonly [string, number]>): void {
    let any = false;
    for (const [id, height] of measured) {
      const before = this.heights.get(id);
      if (before !== undefined && Math.abs(before - height) <= 0.5) continue;
      this.heightSum += height - (before ?? 0);
      this.heights.set(id, height);
      any = true;
    }
    if (any) this.changed();
  }

  /** A card element appeared (`id` set) or went away (`id` null). */
  track(id: string, element: CardElement | null): void {
    if (element) {
      this.elements.set(id, element);
      this.write(id, element);
    } else this.elements.delete(id);
  }

  private changed(): void {
    this.version++;
    this.apply();
    this.notifyIfRenderedChanged();
  }

  private notifyIfRenderedChanged(): void {
    if (this.rendered(this.ids, this.keep).join(' ') !== this.renderedKey) this.onRenderedChange();
  }

  /** Writes each rendered card's top, and the column's height. */
  private apply(): void {
    const { height } = this.place(this.ids);
    for (const [id, element] of this.elements) this.write(id, element);
    const minHeight = `${height}px`;
    if (this.column && this.column.style.minHeight !== minHeight)
      this.column.style.minHeight = minHeight;
  }

  private write(id: string, element: CardElement): void {
    const top = this.placed?.tops.get(id);
    if (top !== undefined && top === this.written.get(element)) return;
    if (top === undefined) {
      // Hidden until placed, so it never flashes in the wrong place.
      element.style.visibility = 'hidden';
      this.written.delete(element);
      return;
    }
    element.style.top = `${top}px`;
    element.style.visibility = '';
    this.written.set(element, top);
  }
}

function sameNumbers(a: ReadonlyMap<string, number>, b: ReadonlyMap<string, number>): boolean {
  if (a.size !== b.size) return false;
  for (const [key, value] of b) if (Math.abs((a.get(key) ?? NaN) - value) >= 0.5) return false;
  return true;
}
