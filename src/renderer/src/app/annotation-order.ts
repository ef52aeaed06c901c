import type { Annotation } from '../../../shared/annotation/annotation-model';

/** Claims in text order: by start, then by end; claims at the same span keep their order. */
export function inTextOrder(annotations: Annotation[]): Annotation[] {
  return [...annotations].sort((a, b) => a.start - b.start || a.end - b.end);
}

/**
 * The first index of `annotations` (in text order) whose claim comes after a claim at
 * `[start, end)`, as a stable sort would place one there: a binary search.
 */
function indexAfter(annotations: readonly Annotation[], start: number, end: number): number {
  let low = 0;
  let high = annotations.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    const other = annotations[middle]!;
    if (other.start > start || (other.start === start && other.end > end)) high = middle;
    else low = middle + 1;
  }
  return low;
}

/**
 * Where claim `id` is in `annotations` (-1: not there). Looked for first among the claims at
 * `[start, end)` (a changed note or verdict keeps the claim's span), then everywhere.
 */
function indexOfClaim(
  annotations: readonly Annotation[],
  id: string,
  start: number,
  end: number,
): number {
  for (let i = indexAfter(annotations, start, end) - 1; i >= 0; i--) {
    const other = annotations[i]!;
    if (other.start !== start || other.end !== end) break;
    if (other.id === id) return i;
  }
  for (let i = 0; i < annotations.length; i++) if (annotations[i]!.id === id) return i;
  return -1;
}

/**
 * `annotations` (in text order) with `annotation` put in, in place of its older copy (returned as
 * `replaced`): the same as `inTextOrder` of the list with it appended, at the cost of a search
 * rather than a sort. `isNew`: the caller knows there is no older copy (a claim just made), so
 * none is looked for.
 */
export function withAnnotation(
  annotations: readonly Annotation[],
  annotation: Annotation,
  isNew = false,
): { annotations: Annotation[]; replaced: Annotation | undefined } {
  const next = annotations.slice();
  const old = isNew ? -1 : indexOfClaim(next, annotation.id, annotation.start, annotation.end);
  const replaced = old >= 0 ? next.splice(old, 1)[0] : undefined;
  next.splice(indexAfter(next, annotation.start, annotation.end), 0, annotation);
  return { annotations: next, replaced };
}
