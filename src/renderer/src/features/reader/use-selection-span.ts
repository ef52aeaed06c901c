import { useCallback, useEffect, useRef, useState, type RefObject } from 'react';
import type { PlacedBlock } from '../../../../shared/article/article-model';
import { selectionOffsets } from './dom-offsets';
import { snapSelection, type TextSpan } from './snap-selection';
import type { ToolbarPosition } from './SelectionToolbar';

/** The snapped span the reader has selected, with where its toolbar goes. */
export interface PendingSpan extends TextSpan {
  position: ToolbarPosition;
}

/**
 * Follows the document selection inside the article and snaps it to a claim-sized span
 * (whole words, whole graphemes, no chrome). Null when nothing highlightable is selected.
 */
export function useSelectionSpan(
  blocks: readonly PlacedBlock[],
  text: string,
  articleRef: RefObject<HTMLElement | null>,
  scrollRef: RefObject<HTMLElement | null>,
) {
  const [span, setSpan] = useState<PendingSpan | null>(null);

  /** The snapped span of the selection, mapped from the DOM. */
  const readNow = useCallback(
    (element: HTMLElement, scroller: HTMLElement, selection: Selection): PendingSpan | null => {
      const raw = selectionOffsets(element);
      const snapped = raw && snapSelection(text, blocks, raw.start, raw.end);
      if (!snapped || selection.rangeCount === 0) return null;
      const rect = selection.getRangeAt(0).getBoundingClientRect();
      const box = scroller.getBoundingClientRect();
      // Above the selection, so it hides none of the selected text; below when there is no room.
      const above = rect.top - box.top > 90;
      const position = {
        top: (above ? rect.top : rect.bottom) - box.top + scroller.scrollTop + (above ? -8 : 8),
        above,
        left: Math.max(8, Math.min(rect.left - box.left, box.width - 360)),
      };
      return { ...snapped, position };
    },
    [blocks, text],
  );

  // The last span read and what it was read from: a key pressed on an unchanged selection (the
  // usual case) reuses it rather than mapping the selection again.
  const lastRead = useRef<{ from: readonly unknown[]; span: PendingSpan | null } | null>(null);

  /** The snapped span of the live selection, read now (not waiting for the next frame). */
  const read = useCallback((): PendingSpan | null => {
    const element = articleRef.current;
    const scroller = scrollRef.current;
    const selection = window.getSelection();
    if (!element || !scroller || !selection) return null;
    const from = [
      readNow,
      selection.anchorNode,
      selection.anchorOffset,
      selection.focusNode,
      selection.focusOffset,
      scroller.scrollTop,
    ];
    const last = lastRead.current;
    if (last?.from.every((part, i) => part === from[i])) return last.span;
    const span = readNow(element, scroller, selection);
    lastRead.current = { from, span };
    return span;
  }, [articleRef, scrollRef, readNow]);

  // The span last set, to leave the state alone when it would not change: React may render the
  // desk again even for a state set to its current value.
  const current = useRef<PendingSpan | null>(null);
  const update = useCallback(() => {
    const previous = current.current;
    const next = read();
    const same =
      previous === next ||
      (!!previous &&
        !!next &&
        previous.start === next.start &&
        previous.end === next.end &&
        previous.position.top === next.position.top &&
        previous.position.above === next.position.above &&
        previous.position.left === next.position.left);
    if (same) return;
    current.current = next;
    setSpan(next);
  }, [read]);

  useEffect(() => {
    let frame = 0;
    const onChange = () => {
      // Nothing selected and no span shown (a caret moved, a tag cleared the selection): no
      // span to read, none to take away.
      if (!current.current && (window.getSelection()?.isCollapsed ?? true)) return;
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(update);
    };
    document.addEventListener('selectionchange', onChange);
    return () => {
      cancelAnimationFrame(frame);
      document.removeEventListener('selectionchange', onChange);
    };
  }, [update]);

  const dismiss = useCallback(() => {
    window.getSelection()?.removeAllRanges();
    current.current = null;
    setSpan(null);
  }, []);

  return { span, dismiss, read };
}
