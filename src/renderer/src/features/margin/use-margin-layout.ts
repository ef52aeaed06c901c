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
import { flushSync } from 'react-dom';
import { layoutMarginCards } from './layout-margin-cards';

/** How far beyond the visible part of the margin cards are kept in the DOM (px). */
const OVERSCAN = 1200;
/** A card's height before it has been measured; replaced by the average of measured cards. */
const DEFAULT_CARD_HEIGHT = 240;
const CARD_GAP = 10;

/** Where the margin's cards go and which of them exist in the DOM right now. */
export interface MarginLayout {
  tops: ReadonlyMap<string, number>;
  /** Ids of the cards to render: those near the viewport, plus any that must stay (focused). */
  rendered: ReadonlySet<string>;
  /** The height the card column needs, so the margin scrolls as far as its last card. */
  height: number;
  /** The ref callback for every card: measures it whenever it resizes. */
  measureCard: (element: HTMLElement | null) => (() => void) | undefined;
  /** Asks for the highlights to be measured again (text reflowed). */
  remeasureAnchors: () => void;
  /**
   * Measures where the highlight of claim `id`, about to be made at `offset`, starts: now, while
   * the page is laid out, and into the same render as the claim, so placing its card needs
   * neither a fresh layout of the page nor a second render.
   */
  primeAnchor: (id: string, offset: number) => void;
}

/**
 * Lays the margin out beside the text: measures where each claim's highlight starts, stacks the
 * cards with `layoutMarginCards`, and keeps only cards near the viewport in the DOM, so a thousand
 * claims cost what a screenful does. Heights of cards not yet rendered are estimated from those
 * measured. Highlight positions are cached per text offset until the text reflows (the article
 * resizes or changes), so a new claim measures one position, not all of them.
 */
export function useMarginLayout(options: {
  /** The claims shown in the margin, in text order, with where each starts. */
  anchors: readonly { id: string; start: number }[];
  /**
   * The viewport top of the line holding a canonical offset (null when not rendered); `exact`
   * false for an estimate, which is asked again once this function changes.
   */
  measureTop: (offset: number) => { top: number; exact: boolean } | null;
  /** Changes whenever the text may have moved under the highlights (another article). */
  textKey: unknown;
  articleRef: RefObject<HTMLElement | null>;
  cardsRef: RefObject<HTMLElement | null>;
  /** What sits above the cards in the margin (tools, orphans): when it resizes, cards move. */
  headRef: RefObject<HTMLElement | null>;
  scrollRef: RefObject<HTMLElement | null>;
  keep: readonly (string | null)[];
}): MarginLayout {
  const { anchors, measureTop, textKey, articleRef, cardsRef, headRef, scrollRef } = options;
  const ids = useMemo(() => anchors.map((anchor) => anchor.id), [anchors]);
  const [anchorTops, setAnchorTops] = useState<ReadonlyMap<string, number>>(new Map());
  const [anchorVersion, remeasureAnchors] = useReducer((n: number) => n + 1, 0);
  const [heights, setHeights] = useState<ReadonlyMap<string, number>>(new Map());
  const [viewport, setViewport] = useState({ top: 0, bottom: 2000 });
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
  const [shift, setShift] = useState(0);
  const readShift = useCallback(() => {
    const cards = cardsRef.current;
    const article = articleRef.current;
    if (!cards || !article) return;
    const next = article.getBoundingClientRect().top - cards.getBoundingClientRect().top;
    setShift((previous) => (Math.abs(previous - next) < 0.5 ? previous : next));
  }, [articleRef, cardsRef]);

  // Where each highlight starts, relative to the article: cached reads after one layout. Only a
  // highlight not in the cache makes this read the page (and so lay it out).
  useLayoutEffect(() => {
    const article = articleRef.current;
    if (!article) return;
    const known = cache.current;
    if (known.textKey !== textKey || known.version !== anchorVersion) {
      cache.current = { textKey, version: anchorVersion, measure: measureTop, tops: new Map() };
    } else if (known.measure !== measureTop) {
      // Estimates may now be measurable (their blocks painted): ask again.
      for (const [offset, entry] of known.tops) if (!entry.exact) known.tops.delete(offset);
      known.measure = measureTop;
    }
    const offsets = cache.current.tops;
    let articleTop: number | undefined;
    const next = new Map<string, number>();
    for (const { id, start } of anchors) {
      let entry = offsets.get(start);
      if (entry === undefined) {
        const measured = measureTop(start);
        if (measured === null) continue;
        articleTop ??= article.getBoundingClientRect().top;
        entry = { top: measured.top - articleTop, exact: measured.exact };
        offsets.set(start, entry);
      }
      next.set(id, entry.top);
    }
    if (articleTop !== undefined) readShift();
    setAnchorTops((previous) => (sameNumbers(previous, next) ? previous : next));
  }, [anchors, measureTop, textKey, anchorVersion, articleRef, readShift]);

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
      const top = entry.top;
      setAnchorTops((previous) => new Map(previous).set(id, top));
    },
    [articleRef, textKey, anchorVersion, measureTop],
  );

  // The tools above the cards resizing moves every card: re-read the shift in the same frame
  // (a resize observer runs after layout, before paint; flushSync renders before that paint).
  useEffect(() => {
    const head = headRef.current;
    if (!head) return;
    const observer = new ResizeObserver(() => flushSync(readShift));
    observer.observe(head);
    return () => observer.disconnect();
  }, [headRef, readShift]);

  const { tops, height } = useMemo(() => {
    const measured = [...heights.values()];
    const estimate = measured.length
      ? measured.reduce((a, b) => a + b, 0) / measured.length
      : DEFAULT_CARD_HEIGHT;
    const boxes: { id: string; anchorTop: number; height: number }[] = [];
    for (const id of ids) {
      // A claim whose mark is not measured yet sits with the one before it.
      const measured = anchorTops.get(id);
      const anchorTop = measured !== undefined ? measured + shift : (boxes.at(-1)?.anchorTop ?? 0);
      boxes.push({ id, anchorTop, height: heights.get(id) ?? estimate });
    }
    const placed = layoutMarginCards(boxes, { gap: CARD_GAP });
    const last = boxes.at(-1);
    return { tops: placed, height: last ? (placed.get(last.id) ?? 0) + last.height : 0 };
  }, [ids, anchorTops, shift, heights]);

  // Follow the scroll position (one update per frame) to know which cards are near the view.
  useEffect(() => {
    const scroller = scrollRef.current;
    const cards = cardsRef.current;
    if (!scroller || !cards) return;
    let frame = 0;
    const update = () => {
      const offset = cards.getBoundingClientRect().top - scroller.getBoundingClientRect().top;
      const top = -offset;
      setViewport((v) =>
        Math.abs(v.top - top) < 100 && Math.abs(v.bottom - (top + scroller.clientHeight)) < 100
          ? v
          : { top, bottom: top + scroller.clientHeight },
      );
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
  }, [scrollRef, cardsRef, articleRef]);

  const keepKey = options.keep.join(' ');
  const rendered = useMemo(() => {
    const keep = new Set(keepKey.split(' ').filter(Boolean));
    const near = new Set<string>();
    for (const id of ids) {
      const top = tops.get(id) ?? 0;
      const bottom = top + (heights.get(id) ?? DEFAULT_CARD_HEIGHT);
      if (keep.has(id) || (bottom >= viewport.top - OVERSCAN && top <= viewport.bottom + OVERSCAN))
        near.add(id);
    }
    return near;
  }, [ids, tops, heights, viewport, keepKey]);

  // Card heights: one observer for every card, measuring each when it mounts and when it resizes
  // (a growing note). Cards carry `data-annotation-id`.
  const observer = useRef<ResizeObserver | null>(null);
  useEffect(() => () => observer.current?.disconnect(), []);
  const measureCard = useCallback((element: HTMLElement | null) => {
    if (!element) return;
    // Heights are taken in the frame that laid the cards out (flushSync, before its paint), so
    // a card never shows overlapping the next one for a frame.
    observer.current ??= new ResizeObserver((entries) => {
      const update = () =>
        setHeights((all) => {
          let next: Map<string, number> | undefined;
          for (const entry of entries) {
            const target = entry.target as HTMLElement;
            const id = target.dataset['annotationId'];
            const height = target.offsetHeight;
            if (!id || Math.abs((all.get(id) ?? -1) - height) <= 0.5) continue;
            next ??= new Map(all);
            next.set(id, height);
          }
          return next ?? all;
        });
      flushSync(update);
    });
    const resizeObserver = observer.current;
    resizeObserver.observe(element);
    return () => resizeObserver.unobserve(element);
  }, []);

  return { tops, rendered, height, measureCard, remeasureAnchors, primeAnchor };
}

function sameNumbers(a: ReadonlyMap<string, number>, b: ReadonlyMap<string, number>): boolean {
  if (a.size !== b.size) return false;
  for (const [key, value] of b) if (Math.abs((a.get(key) ?? NaN) - value) >= 0.5) return false;
  return true;
}
