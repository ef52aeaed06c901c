import { useCallback, useEffect, useLayoutEffect, useRef, useState, type RefObject } from 'react';

/** How far beyond the visible part of the article blocks are painted (px). */
const OVERSCAN = 1500;

/** The blocks to paint: indices `first..last`, inclusive (empty when `last < first`). */
export interface BlockWindow {
  first: number;
  last: number;
}

const EMPTY: BlockWindow = { first: 0, last: -1 };

/**
 * Which of the article's blocks are or have been near the viewport, so only those are painted
 * with highlight marks: a 20,000-word article with a thousand claims opens at the cost of a
 * screenful, and painting more as the reader scrolls touches only the blocks coming into view. Block extents are measured
 * once per layout (after the article changes or resizes); scrolling is a binary search.
 */
export function useBlockWindow(
  articleRef: RefObject<HTMLElement | null>,
  scrollRef: RefObject<HTMLElement | null>,
  /** Changes whenever the article's blocks do. */
  blocksKey: unknown,
): BlockWindow {
  const [visible, setVisible] = useState<BlockWindow>(EMPTY);
  // Block tops and bottoms relative to the article's top; null when the layout may have changed.
  const extents = useRef<{ tops: number[]; bottoms: number[] } | null>(null);

  const update = useCallback(
    (fresh = false) => {
      const article = articleRef.current;
      const scroller = scrollRef.current;
      if (!article || !scroller) return;
      const articleTop = article.getBoundingClientRect().top;
      if (!extents.current) {
        const tops: number[] = [];
        const bottoms: number[] = [];
        for (const block of article.children) {
          const box = block.getBoundingClientRect();
          tops.push(box.top - articleTop);
          bottoms.push(box.bottom - articleTop);
        }
        extents.current = { tops, bottoms };
      }
      const { tops, bottoms } = extents.current;
      const viewTop = scroller.getBoundingClientRect().top - articleTop - OVERSCAN;
      const viewBottom = viewTop + scroller.clientHeight + 2 * OVERSCAN;
      const first = firstAtOrAfter(bottoms, viewTop);
      const last = firstAtOrAfter(tops, viewBottom) - 1;
      // Painted blocks stay painted while the reader scrolls on (unpainting would replace text
      // nodes a selection may be in); a jump past them (a restored scroll position) starts afresh.
      setVisible((current) => {
        const apart = first > current.last + 1 || last < current.first - 1;
        const next =
          fresh || apart
            ? { first, last }
            : { first: Math.min(first, current.first), last: Math.max(last, current.last) };
        return current.first === next.first && current.last === next.last ? current : next;
      });
    },
    [articleRef, scrollRef],
  );

  // A new article: measure before the first paint, so its first frame already has highlights.
  useLayoutEffect(() => {
    extents.current = null;
    update(true);
  }, [blocksKey, update]);

  useEffect(() => {
    const scroller = scrollRef.current;
    const article = articleRef.current;
    if (!scroller || !article) return;
    let frame = 0;
    const onScroll = () => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(() => update());
    };
    const observer = new ResizeObserver(() => {
      extents.current = null;
      onScroll();
    });
    observer.observe(scroller);
    observer.observe(article);
    scroller.addEventListener('scroll', onScroll, { passive: true });
    return () => {
      cancelAnimationFrame(frame);
      scroller.removeEventListener('scroll', onScroll);
      observer.disconnect();
    };
  }, [articleRef, scrollRef, update]);

  return visible;
}

/** The first index whose value is ≥ `at` in an ascending array (its length when none is). */
function firstAtOrAfter(values: readonly number[], at: number): number {
  let low = 0;
  let high = values.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if ((values[middle] ?? 0) < at) low = middle + 1;
    else high = middle;
  }
  return low;
}
