import { useEffect, useRef, type KeyboardEvent, type RefObject } from 'react';

const FOCUSABLE = 'button, input, select, textarea, a[href], [tabindex]:not([tabindex="-1"])';

/** The elements Tab can reach inside `root`, in document order. */
function tabbableIn(root: HTMLElement): HTMLElement[] {
  return Array.from(root.querySelectorAll<HTMLElement>(FOCUSABLE)).filter(
    (el) => !el.matches(':disabled') && el.tabIndex >= 0,
  );
}

/**
 * Focus handling for a modal dialog: focus moves into `dialog` when it mounts and goes back to the
 * element that had it (the opener) when it unmounts; Tab and Shift+Tab cycle inside the dialog;
 * Esc calls `onEscape`. Spread the returned `onKeyDown` on the dialog element. Keys pressed in the
 * dialog stop there, so the reading pane's shortcuts (1..9, N, Ctrl+Z) do not fire behind it.
 */
export function useModalFocus(
  dialog: RefObject<HTMLElement | null>,
  onEscape: () => void,
): { onKeyDown: (event: KeyboardEvent<HTMLElement>) => void } {
  const onEscapeRef = useRef(onEscape);
  useEffect(() => {
    onEscapeRef.current = onEscape;
  });

  useEffect(() => {
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    dialog.current?.focus();
    return () => {
      if (opener?.isConnected) opener.focus();
    };
  }, [dialog]);

  return {
    onKeyDown(event) {
      event.stopPropagation();
      if (event.key === 'Escape') {
        event.preventDefault();
        onEscapeRef.current();
        return;
      }
      if (event.key !== 'Tab' || !dialog.current) return;
      const tabbable = tabbableIn(dialog.current);
      const first = tabbable[0];
      const last = tabbable.at(-1);
      if (!first || !last) return;
      const active = document.activeElement;
      if (event.shiftKey && (active === first || active === dialog.current)) {
        event.preventDefault();
        last.focus();
      } else if (!event.shiftKey && active === last) {
        event.preventDefault();
        first.focus();
      }
    },
  };
}
