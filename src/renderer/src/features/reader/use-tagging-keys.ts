import { useEffect, useLayoutEffect, useRef, type RefObject } from 'react';
import type { Verdict } from '../../../../shared/annotation/verdicts';
import { placeCaretAtStart } from './dom-offsets';
import type { PendingSpan } from './use-selection-span';

function isTextField(target: EventTarget | null): boolean {
  return (
    target instanceof HTMLElement &&
    (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName))
  );
}

/**
 * The reading pane's keyboard: caret browsing in the focused article (arrows move, Shift+arrows
 * select, Ctrl/Alt by word), and while a span is selected 1-9 tag it, N opens a note, Esc
 * dismisses. Keys typed into fields are left alone.
 */
export function useTaggingKeys(state: {
  span: PendingSpan | null;
  verdicts: readonly Verdict[];
  create: (verdictId: string | null, openNote: boolean) => Promise<void>;
  dismiss: () => void;
  /** Reads the live selection's span now, for keys pressed before the next frame updates `span`. */
  read: () => PendingSpan | null;
  articleRef: RefObject<HTMLElement | null>;
}): void {
  // Keys while a span is selected: 1-9 tag, N opens a note, Esc dismisses; Shift+arrows extend.
  // The listener reads the latest span through a ref: a key pressed right after the toolbar
  // appears must see that span, not the one from before the last render.
  const keyState = useRef(state);
  useLayoutEffect(() => {
    keyState.current = state;
  });
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      const { span, verdicts, create, dismiss, read, articleRef } = keyState.current;
      if (isTextField(event.target) || event.metaKey) return;
      const articleElement = articleRef.current;
      const selection = window.getSelection();
      if (
        event.key.startsWith('Arrow') &&
        articleElement &&
        document.activeElement === articleElement
      ) {
        // A focused article with no caret in it gets one, so arrows have somewhere to start.
        if (!selection?.anchorNode || !articleElement.contains(selection.anchorNode)) {
          placeCaretAtStart(articleElement);
        }
      }
      const inArticle =
        !!articleElement &&
        !!selection?.anchorNode &&
        articleElement.contains(selection.anchorNode);
      if (event.key.startsWith('Arrow') && inArticle && selection) {
        // Caret browsing: in the focused article arrows move a caret; anywhere in it, Shift+arrows select.
        const extend = event.shiftKey;
        if (!extend && document.activeElement !== articleElement) return;
        const forward = event.key === 'ArrowRight' || event.key === 'ArrowDown';
        const vertical = event.key === 'ArrowUp' || event.key === 'ArrowDown';
        const granularity = vertical
          ? 'line'
          : event.ctrlKey || event.altKey
            ? 'word'
            : 'character';
        selection.modify(extend ? 'extend' : 'move', forward ? 'forward' : 'backward', granularity);
        event.preventDefault();
        return;
      }
      if (event.ctrlKey || event.altKey) return;
      if (!span && !read()) return;
      if (event.key === 'Escape') {
        dismiss();
        event.preventDefault();
      } else if (/^[1-9]$/.test(event.key) && !event.shiftKey) {
        const verdict = verdicts[Number(event.key) - 1];
        if (verdict) {
          event.preventDefault();
          void create(verdict.id, false);
        }
      } else if (event.key === 'n' || event.key === 'N') {
        event.preventDefault();
        void create(null, true);
      }
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, []);
}
