import type { Annotation } from '../../../shared/annotation/annotation-model';

/** Claims in text order: by start, then by end; claims at the same span keep their order. */
export function inTextOrder(annotations: Annotation[]): Annotation[] {
  return [...annotations].sort((a, b) => a.start - b.start || a.end - b.end);
}

/**
 * `annotations` (in text order) with `annotation` put in, in place of its older copy: the same
 * as `inTextOrder` of the list with it appended, at the cost of a search rather than a sort.
 */
export function withAnnotation(
  annotations: readonly Annotation[],
  annotation: Annotation,
): Annotation[] {
  const next = annotations.filter((a) => a.id !== annotation.id);
  // Binary search for the first claim after it in text order (as a stable sort would place it):
  // a changed claim costs a search, not a sort of them all.
  const isAfter = (other: Annotation) =>
    other.start > annotation.start ||
    (other.start === annotation.start && other.end > annotation.end);
  let low = 0;
  let high = next.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (isAfter(next[middle]!)) high = middle;
    else low = middle + 1;
  }
  next.splice(low, 0, annotation);
  return next;
}
