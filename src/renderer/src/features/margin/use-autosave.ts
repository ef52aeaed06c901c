import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';

/** How long typing must pause before a draft is saved. */
export const AUTOSAVE_DELAY_MS = 400;

/**
 * A text field's draft that saves itself: after a pause in typing, and at once on flush (blur).
 * The draft follows the stored value when it changes elsewhere (undo), unless the user is mid-edit.
 */
export function useAutosave(stored: string, save: (value: string) => Promise<boolean>) {
  const [draft, setDraft] = useState(stored);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const pending = useRef<string | null>(null);
  const saveRef = useRef(save);
  useLayoutEffect(() => {
    saveRef.current = save;
  });

  useEffect(() => {
    if (pending.current === null) setDraft(stored);
  }, [stored]);

  const flush = useCallback(() => {
    clearTimeout(timer.current);
    const value = pending.current;
    if (value === null) return;
    void saveRef.current(value).then((ok) => {
      // A failed save keeps the draft pending, so the next pause or blur tries again.
      if (ok && pending.current === value) pending.current = null;
    });
  }, []);

  const change = useCallback(
    (value: string) => {
      setDraft(value);
      pending.current = value;
      clearTimeout(timer.current);
      timer.current = setTimeout(flush, AUTOSAVE_DELAY_MS);
    },
    [flush],
  );

  useEffect(() => () => flush(), [flush]);

  return { draft, change, flush };
}
