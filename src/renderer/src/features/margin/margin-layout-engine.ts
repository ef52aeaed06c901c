import { CardStack } from './layout-margin-cards';
import { PreviousList } from './previous-list';

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

/** A claim as the engine sees it: its id (the claims come in text order). */
export interface PlacedClaim {
  readonly id: string;
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
 * Inputs: the claims in text order (`claims`), where each one's highlight starts relative to the
 * article (`setAnchorTop`), each card's measured height (from a ResizeObserver
 * on the cards, see `setHeights`), the shift between the article's top and the card column's top
 * (`setShift`), and the viewport (`setViewport`). Cards are stacked by `CardStack`;
 * unmeasured cards are taken at the average measured height. A highlight's top set just before
 * the render that shows its claim is used by that render: the new card is placed with it.
 *
 * Cards in view are rendered at once. A card that enters only the overscan (near the view, not in
 * it) is rendered after the next paint (`afterPaint`), so the frame showing a new claim or a
 * scroll mounts only what the reader can see; the overscan still fills in before it is needed.
 */
export class MarginLayoutEngine {
  private claims: readonly PlacedClaim[] = [];
  private keep: ReadonlySet<string> = new Set();
  /** What is known of each claim's card: its highlight's top, its height, where it was placed. */
  private readonly cards = new Map<string, CardState>();
  private measuredCount = 0;
  private heightSum = 0;
  private shift = 0;
  private viewport: MarginViewport = { top: 0, bottom: 2000 };
  private readonly elements = new Map<string, CardElement>();
  private column: ColumnElement | null = null;
  /** The placement of the `placedFor` claims at `placedVersion` of the other inputs. */
  private placed: Placement = {
    tops: new Float64Array(),
    bottoms: new Float64Array(),
    count: 0,
    height: 0,
  };
  private placedFor: readonly PlacedClaim[] | null = null;
  /** The state of each of the `placedFor` claims, index for index. */
  private placedStates: CardState[] = [];
  private version = 0;
  private placedVersion = -1;
  /** How many placements were made; each card's state says in which it was last placed. */
  private placings = 0;
  /** The top last written to each card element, so unchanged cards are not written again. */
  private readonly written = new WeakMap<CardElement, number>();
  /** The ids React rendered in its last commit, joined: whether a re-render would change them. */
  private renderedKey = '';
  /** The same ids, as a set: cards rendered now stay while within twice the overscan. */
  private renderedIds: ReadonlySet<string> = new Set();
  /** Whether cards entering the overscan are rendered now (after a paint), not only those in view. */
  private overscanDue = false;
  private releaseAsked = false;

  constructor(
    private readonly settings: MarginLayoutSettings,
    /** Called when the cards that should be in the DOM differ from those React rendered. */
    private readonly onRenderedChange: () => void,
    /** Runs a callback after the next paint (the app's `afterNextPaint`). */
    private readonly afterPaint: (callback: () => void) => void,
  ) {}

  /** Where each of `claims` (text order) goes, and the height the column needs. */
  private place(claims: readonly PlacedClaim[]): Placement {
    if (this.placedFor === claims && this.placedVersion === this.version) return this.placed;
    const estimate = this.measuredCount
      ? this.heightSum / this.measuredCount
      : this.settings.defaultHeight;
    const count = claims.length;
    const { tops, bottoms } = this.arraysFor(count);
    const states = new Array<CardState>(count);
    // The claims change a few at a time: an unchanged claim's state is found in the last placement.
    const previous = new PreviousList(this.placedFor ?? []);
    const previousStates = this.placedStates;
    const stack = new CardStack({ gap: this.settings.gap });
    this.placings++;
    let anchorTop = 0;
    for (let i = 0; i < count; i++) {
      const claim = claims[i]!;
      const at = previous.indexOf(claim);
      const state = at >= 0 ? previousStates[at]! : this.stateOf(claim.id);
      states[i] = state;
      // A claim whose highlight is not measured yet sits with the one before it.
      if (state.anchorTop !== undefined) anchorTop = state.anchorTop + this.shift;
      const height = state.height ?? estimate;
      const top = stack.place(anchorTop, height);
      tops[i] = top;
      bottoms[i] = top + height;
      state.top = top;
      state.placing = this.placings;
    }
    this.placed = { tops, bottoms, count, height: count > 0 ? bottoms[count - 1]! : 0 };
    this.placedFor = claims;
    this.placedStates = states;
    this.placedVersion = this.version;
    return this.placed;
  }

  /** Arrays for the tops and bottoms of `count` cards: the engine's own, grown when too short. */
  private arraysFor(count: number): { tops: Float64Array; bottoms: Float64Array } {
    const { tops, bottoms } = this.placed;
    if (tops.length >= count) return { tops, bottoms };
    const size = Math.max(count, Math.ceil(tops.length * 1.5), 64);
    return { tops: new Float64Array(size), bottoms: new Float64Array(size) };
  }

  /**
   * The claims whose cards to render, in text order: those in view, those within the overscan of
   * it once a paint has passed since they came near (see the class comment), those in `keep`
   * (focused, about to be) wherever they are, and those rendered now that are still within twice
   * the overscan. That slack means a card nudged just past the overscan (a card above it grew, a
   * claim was added above) stays, and scrolling back and forth a little mounts and unmounts
   * nothing.
   */
  rendered<Claim extends PlacedClaim>(
    claims: readonly Claim[],
    keep: ReadonlySet<string>,
  ): Claim[] {
    return this.select(claims, keep, this.overscanDue);
  }

  private select<Claim extends PlacedClaim>(
    claims: readonly Claim[],
    keep: ReadonlySet<string>,
    withOverscan: boolean,
  ): Claim[] {
    const placement = this.place(claims);
    const near = this.range(placement, withOverscan ? 1 : 0);
    const slack = this.range(placement, 2);
    const result: Claim[] = [];
    if (keep.size > 0)
      for (let i = 0; i < slack.first; i++) if (keep.has(claims[i]!.id)) result.push(claims[i]!);
    for (let i = slack.first; i < slack.end; i++) {
      const claim = claims[i]!;
      if ((i >= near.first && i < near.end) || this.renderedIds.has(claim.id) || keep.has(claim.id))
        result.push(claim);
    }
    if (keep.size > 0)
      for (let i = slack.end; i < claims.length; i++)
        if (keep.has(claims[i]!.id)) result.push(claims[i]!);
    return result;
  }

  /** The indexes `[first, end)` of the cards whose box meets the viewport widened by `overscans`. */
  private range({ tops, bottoms, count }: Placement, overscans: number) {
    const margin = this.settings.overscan * overscans;
    // Tops and bottoms both increase down the margin: the cards in a band are one run.
    const from = this.viewport.top - margin;
    const to = this.viewport.bottom + margin;
    return {
      first: firstIndexWhere(bottoms, count, (bottom) => bottom >= from),
      end: firstIndexWhere(tops, count, (top) => top > to),
    };
  }

  /**
   * After React committed `rendered` (the result of `rendered(claims, keep)`) into `column`:
   * remembers what is on screen and places the cards.
   */
  commit(
    claims: readonly PlacedClaim[],
    keep: ReadonlySet<string>,
    rendered: readonly PlacedClaim[],
    column: ColumnElement | null,
  ): void {
    this.claims = claims;
    this.column = column;
    this.keep = keep;
    this.renderedKey = idsOf(rendered);
    this.renderedIds = new Set(rendered.map((claim) => claim.id));
    this.overscanDue = false;
    this.apply();
    // Cards that came into the overscan wait for the paint of this commit.
    if (idsOf(this.select(claims, keep, true)) !== this.renderedKey) this.releaseAfterPaint();
  }

  /** Whether claim `id`'s card has a place beside its highlight (it is one of the claims). */
  isPlaced(id: string): boolean {
    return this.cards.get(id)?.placing === this.placings;
  }

  /**
   * Where claim `id`'s highlight starts, relative to the article (undefined: not known). Takes
   * effect at the next render or `flush`.
   */
  setAnchorTop(id: string, top: number | undefined): void {
    const state = this.stateOf(id);
    if (top === state.anchorTop) return;
    if (top !== undefined && state.anchorTop !== undefined && Math.abs(top - state.anchorTop) < 0.5)
      return;
    state.anchorTop = top;
    this.version++;
  }

  /** How far the card column's top is below the article's top (negative: above). */
  setShift(shift: number): void {
    if (Math.abs(shift - this.shift) < 0.5) return;
    this.shift = shift;
    this.version++;
    this.flush();
  }

  setViewport(viewport: MarginViewport): void {
    this.viewport = viewport;
    this.notifyIfRenderedChanged();
  }

  /** Card heights as measured (by `id`); re-places the cards if any changed. */
  setHeights(measured: Iterable<readonly [string, number]>): void {
    for (const [id, height] of measured) {
      const state = this.stateOf(id);
      const before = state.height;
      if (before !== undefined && Math.abs(before - height) <= 0.5) continue;
      if (before === undefined) this.measuredCount++;
      this.heightSum += height - (before ?? 0);
      state.height = height;
      this.version++;
    }
    this.flush();
  }

  /**
   * Re-places the cards on screen after inputs changed outside a render, and asks React to
   * render again if other cards should now exist.
   */
  flush(): void {
    if (this.placedVersion === this.version && this.placedFor === this.claims) return;
    this.apply();
    this.notifyIfRenderedChanged();
  }

  /** A card element appeared (`id` set) or went away (`id` null). */
  track(id: string, element: CardElement | null): void {
    if (element) {
      this.elements.set(id, element);
      this.write(id, element);
    } else this.elements.delete(id);
  }

  private stateOf(id: string): CardState {
    let state = this.cards.get(id);
    if (!state) {
      state = { anchorTop: undefined, height: undefined, top: 0, placing: -1 };
      this.cards.set(id, state);
    }
    return state;
  }

  /**
   * Asks React to render now if the cards in view (or those to drop) changed, or after the next
   * paint if only cards in the overscan are missing.
   */
  private notifyIfRenderedChanged(): void {
    if (idsOf(this.rendered(this.claims, this.keep)) !== this.renderedKey) this.onRenderedChange();
    else if (idsOf(this.select(this.claims, this.keep, true)) !== this.renderedKey)
      this.releaseAfterPaint();
  }

  private releaseAfterPaint(): void {
    if (this.releaseAsked) return;
    this.releaseAsked = true;
    this.afterPaint(() => {
      this.releaseAsked = false;
      this.overscanDue = true;
      if (idsOf(this.rendered(this.claims, this.keep)) !== this.renderedKey)
        this.onRenderedChange();
      else this.overscanDue = false;
    });
  }

  /** Writes each rendered card's top, and the column's height. */
  private apply(): void {
    const { height } = this.place(this.claims);
    for (const [id, element] of this.elements) this.write(id, element);
    const minHeight = `${height}px`;
    if (this.column && this.column.style.minHeight !== minHeight)
      this.column.style.minHeight = minHeight;
  }

  private write(id: string, element: CardElement): void {
    const state = this.cards.get(id);
    if (!state || state.placing !== this.placings) {
      // Hidden until placed, so it never flashes in the wrong place.
      element.style.visibility = 'hidden';
      this.written.delete(element);
      return;
    }
    if (state.top === this.written.get(element)) return;
    element.style.top = `${state.top}px`;
    element.style.visibility = '';
    this.written.set(element, state.top);
  }
}

/** What the engine knows of one claim's card. */
interface CardState {
  /** Its highlight's top relative to the article, once measured. */
  anchorTop: number | undefined;
  /** The card's height, once measured. */
  height: number | undefined;
  /** Where it was last placed (column coordinates), and in which placement. */
  top: number;
  placing: number;
}

/** One placement of the claims: tops and bottoms by index (the first `count`), the column's height. */
interface Placement {
  tops: Float64Array;
  bottoms: Float64Array;
  count: number;
  height: number;
}

/**
 * The first index among the first `count` values of an ascending array whose value passes `test`,
 * a test that, once passed, is passed by every later value (`count` when none does).
 */
function firstIndexWhere(
  values: Float64Array,
  count: number,
  test: (value: number) => boolean,
): number {
  let low = 0;
  let high = count;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (test(values[middle] ?? 0)) high = middle;
    else low = middle + 1;
  }
  return low;
}

function idsOf(claims: readonly PlacedClaim[]): string {
  return claims.map((claim) => claim.id).join(' ');
}
