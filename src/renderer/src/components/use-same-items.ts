import { useState } from 'react';

/**
 * `items`, or the array kept from an earlier render while every item is `same` as there: an
 * array stable by content, so memoised children and effects that depend on it skip work. One pass
 * of comparisons, no keys built. (A changed array is kept by setting state during render, which
 * React supports for values derived from earlier renders.)
 */
export function useSameItems<T>(items: readonly T[], same: (a: T, b: T) => boolean): readonly T[] {
  const [kept, setKept] = useState(items);
  if (
    kept !== items &&
    (kept.length !== items.length || items.some((item, i) => !same(kept[i]!, item)))
  ) {
    setKept(items);
    return items;
  }
  return kept;
}
