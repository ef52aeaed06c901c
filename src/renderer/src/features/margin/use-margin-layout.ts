import {
  useCallback,
  useEffect,
  useLayoutEffect,
  useMemo,
  useReducer,
  useRef,
  useState,
  type RefObject,
} from 'react';
import { afterNextPaint } from '../../components/after-paint';
import { createValueStore, type ValueStore } from '../../components/value-store';
import { MarginLayoutEngine, type PlacedClaim } from './margin-layout-engine';
import { PreviousList } from './previous-list';

/** How far beyond the visible part of the margin cards are kept in the DOM (px). */
const OVERSCAN = 1200;
/** A card's height before any card has been measured; then the average of measured cards. */
const DEFAULT_CARD_HEIGHT = 240;
const CARD_GAP = 10;

/** The margin's layout as the desk uses it: where cards go, and the hooks to place them. */
export interface MarginLayout {
  /** The engine placing the cards; `MarginCardList` asks it which cards to render. */
  engine: MarginLayoutEngine;
  /**
   * Render requests: the engine's count of changes to which cards should exist (scrolling far
   * enough, cards resized), which the card list reads so that it renders again.
   */
  renderRequests: ValueStore<number>;
  /** Whether claim `id`'s card has been placed (so it can take focus). */
  isPlaced: (id: string) => boolean;
  /** The ref callback for every card (they carry `data-annotation-id`): places and measures it. */
  measureCard: (element: HTMLElement | null) => (() => void) | undefined;
  /**
   * Measures where the highlight of claim `id`, about to be made at `offset`, starts: now, while
   * the page is laid out, and into the same render as the claim, so placing its card needs
   * neither a fresh layout of the page nor a second render.
   */
  primeAnchor: (id: string, offset: number) => void;
}

/**
 * Lays the margin out beside the text: measures where each claim's highlight starts and hands the
 * cards to a `MarginLayoutEngine`, which stacks them and writes their positions, and keeps only
 * cards near the viewport in the DOM, so a thousand claims cost what a screenful does. Highlight
 * positions are cached per text offset until the text reflows (the article resizes or changes),
 * so a new claim measures one position, not all of them.
 */
export function useMarginLayout(options: {
  /** The claims shown in the margin, in text order, with where each starts. */
  anchors: readonly (PlacedClaim & { readonly start: number })[];
  /**
   * The viewport top of the line holding a canonical offset (null when not rendered); `exact`
   * false for an estimate, which is asked again once this function changes.
   */
  measureTop: (offset: number) => { top: number; exact: boolean } | null;
  /** Changes whenever the text may have moved under the highlights (another article). */
  textKey: unknown;
  articleRef: RefObject<HTMLElement | null>;
  /** The card column; its height follows the cards, so the margin scrolls to the last one. */
  cardsRef: RefObject<HTMLElement | null>;
  /** What sits above the cards in the margin (tools, orphans): when it resizes, cards move. */
  headRef: RefObject<HTMLElement | null>;
  scrollRef: RefObject<HTMLElement | null>;
}): MarginLayout {
  const { anchors, measureTop, textKey, articleRef, cardsRef, headRef, scrollRef } = options;
  // Which cards should exist changes outside React (a scroll, a card resized): the engine counts
  // such changes, and the card list, subscribed, renders again; the desk does not.
  const [requests] = useState(() => createValueStore(0));
  const [engine] = useState(
    () =>
      new MarginLayoutEngine(
        { gap: CARD_GAP, overscan: OVERSCAN, defaultHeight: DEFAULT_CARD_HEIGHT },
        () => requests.set(requests.get() + 1),
        afterNextPaint,
      ),
  );
  const [anchorVersion, remeasureAnchors] = useReducer((n: number) => n + 1, 0);

  // Tops of offsets relative to the article's top, for one text layout; estimates are dropped
  // whenever `measureTop` changes (more blocks painted).
  const cache = useRef({
    textKey: undefined as unknown,
    version: -1,
    measure: measureTop,
    tops: new Map<number, { top: number; exact: boolean }>(),
  });

  // Where the card column starts relative to the article: the tools above the cards (verdict
  // counts, the orphans list) grow and shrink with the claims. Read when the highlights are
  // measured (the page is laid out then anyway) and whenever those tools resize.
  const readShift = useCallback(() => {
    const cards = cardsRef.current;
    const article = articleRef.current;
    if (!cards || !article) return;
    engine.setShift(article.getBoundingClientRect().top - cards.getBoundingClientRect().top);
  }, [articleRef, cardsRef, engine]);

  // The claims whose highlight tops were last handed to the engine, while the cache holds.
  const handed = useRef<readonly PlacedClaim[]>([]);

  // Where each highlight starts, relative to the article: cached reads after one layout. Only a
  // highlight not in the cache makes this read the page (and so lay it out).
  useLayoutEffect(() => {
    const article = articleRef.current;
    if (!article) return;
    const known = cache.current;
    if (known.textKey !== textKey || known.version !== anchorVersion) {
      cache.current = { textKey, version: anchorVersion, measure: measureTop, tops: new Map() };
      handed.current = [];
    } else if (known.measure !== measureTop) {
      // Estimates may now be measurable (their blocks painted): ask again.
      for (const [offset, entry] of known.tops) if (!entry.exact) known.tops.delete(offset);
      known.measure = measureTop;
      handed.current = [];
    }
    const offsets = cache.current.tops;
    let articleTop: number | undefined;
    // The claims change a few at a time: those handed over last time, with the cache unchanged
    // since, already have their tops.
    const previous = new PreviousList(handed.current);
    let unmeasured = false;
    for (let i = 0; i < anchors.length; i++) {
      const claim = anchors[i]!;
      if (previous.indexOf(claim) >= 0) continue;
      const { id, start } = claim;
      let entry = offsets.get(start);
      if (entry === undefined) {
        const measured = measureTop(start);
        if (measured !== null) {
          articleTop ??= article.getBoundingClientRect().top;
          entry = { top: measured.top - articleTop, exact: measured.exact };
          offsets.set(start, entry);
        }
      }
      engine.setAnchorTop(id, entry?.top);
      if (!entry) unmeasured = true;
    }
    // A claim not measured yet is asked again next time.
    handed.current = unmeasured ? [] : anchors;
    if (articleTop !== undefined) readShift();
    engine.flush();
  }, [anchors, measureTop, textKey, anchorVersion, articleRef, readShift, engine]);

  const primeAnchor = useCallback(
    (id: string, offset: number) => {
      const article = articleRef.current;
      const known = cache.current;
      if (!article || known.textKey !== textKey || known.version !== anchorVersion) return;
      if (known.measure !== measureTop) return;
      let entry = known.tops.get(offset);
      if (!entry) {
        const measured = measureTop(offset);
        if (measured === null) return;
        entry = { top: measured.top - article.getBoundingClientRect().top, exact: measured.exact };
        known.tops.set(offset, entry);
      }
      engine.setAnchorTop(id, entry.top);
    },
    [articleRef, textKey, anchorVersion, measureTop, engine],
  );

  // The tools above the cards resizing moves every card: re-read the shift in the same frame
  // (a resize observer runs after layout, before paint).
  useEffect(() => {
    const head = headRef.current;
    if (!head) return;
    const observer = new ResizeObserver(readShift);
    observer.observe(head);
    return () => observer.disconnect();
  }, [headRef, readShift]);

  // Follow the scroll position (one update per frame) to know which cards are near the view;
  // the article resizing (reflowed text) moves every highlight.
  useEffect(() => {
    const scroller = scrollRef.current;
    const cards = cardsRef.current;
    if (!scroller || !cards) return;
    let frame = 0;
    const update = () => {
      const top = scroller.getBoundingClientRect().top - cards.getBoundingClientRect().top;
      engine.setViewport({ top, bottom: top + scroller.clientHeight });
    };
    const onScroll = () => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(update);
    };
    update();
    scroller.addEventListener('scroll', onScroll, { passive: true });
    const observer = new ResizeObserver(() => {
      onScroll();
      remeasureAnchors();
    });
    observer.observe(scroller);
    if (articleRef.current) observer.observe(articleRef.current);
    return () => {
      cancelAnimationFrame(frame);
      scroller.removeEventListener('scroll', onScroll);
      observer.disconnect();
    };
  }, [scrollRef, cardsRef, articleRef, engine]);

  // Card heights: one observer for every card, measuring each when it mounts and when it resizes
  // (a growing note), in the frame that laid it out (before its paint), so a card never shows
  // overlapping the next one.
  const observer = useRef<ResizeObserver | null>(null);
  useEffect(() => () => observer.current?.disconnect(), []);
  const measureCard = useCallback(
    (element: HTMLElement | null) => {
      const id = element?.dataset['annotationId'];
      if (!element || !id) return;
      observer.current ??= new ResizeObserver((entries) =>
        engine.setHeights(
          entries.flatMap((entry) => {
            const target = entry.target as HTMLElement;
            const card = target.dataset['annotationId'];
            // The observed size, not offsetHeight: reading layout here could force a fresh
            // layout after cards placed by an earlier callback.
            const height = entry.borderBoxSize[0]?.blockSize ?? target.offsetHeight;
            return card ? [[card, height] as const] : [];
          }),
        ),
      );
      const resizeObserver = observer.current;
      engine.track(id, element);
      resizeObserver.observe(element, { box: 'border-box' });
      return () => {
        resizeObserver.unobserve(element);
        engine.track(id, null);
      };
    },
    [engine],
  );

  const isPlaced = useCallback((id: string) => engine.isPlaced(id), [engine]);

  return useMemo(
    () => ({
      engine,
      renderRequests: requests,
      isPlaced,
      measureCard,
      primeAnchor,
    }),
    [engine, requests, isPlaced, measureCard, primeAnchor],
  );
}
