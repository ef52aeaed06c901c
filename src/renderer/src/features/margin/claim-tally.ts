import type { Annotation } from '../../../../shared/annotation/annotation-model';
import { NO_VERDICT } from './claim-filter';

/**
 * Running totals over an article's claims, for the screens that summarise them (the margin's
 * counts, the labels in use, whether there are orphans, where the claims near a place in the text
 * can start). Kept up to date per change (`tallyWith`) rather than recounted, so a new claim costs
 * the same with a thousand claims as with ten. A tally never changes: each change makes a new one,
 * and a part the change left alone (the labels, when a claim without labels is added) keeps its
 * identity, so what depends on it alone does not render again.
 */
export interface ClaimTally {
  /** Claims per verdict id; NO_VERDICT for claims without one. Only counts above zero. */
  readonly byVerdict: ReadonlyMap<string, number>;
  readonly unreviewed: number;
  readonly orphans: number;
  /** Claims per label. Only counts above zero. */
  readonly labels: ReadonlyMap<string, number>;
  /**
   * At least the length of the longest claim (`end - start`): claims that cover an offset start
   * no more than this before it. Exact after `tallyOf`; after removals it may stay higher.
   */
  readonly longest: number;
}

function verdictKey(annotation: Annotation): string {
  return annotation.verdictId ?? NO_VERDICT;
}

/** `counts` with `key` moved by `delta`; entries at zero are dropped. */
function moved(counts: Map<string, number>, key: string, delta: number): void {
  const count = (counts.get(key) ?? 0) + delta;
  if (count > 0) counts.set(key, count);
  else counts.delete(key);
}

function sameLabels(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((label, i) => label === b[i]);
}

/** The tally of `annotations`, counted. */
export function tallyOf(annotations: readonly Annotation[]): ClaimTally {
  return annotations.reduce<ClaimTally>(
    (tally, annotation) => tallyWith(tally, undefined, annotation),
    {
      byVerdict: new Map(),
      unreviewed: 0,
      orphans: 0,
      labels: new Map(),
      longest: 0,
    },
  );
}

/** `tally` after claim `removed` (if any) was taken out and `added` (if any) put in. */
export function tallyWith(
  tally: ClaimTally,
  removed: Annotation | undefined,
  added: Annotation | undefined,
): ClaimTally {
  let { byVerdict, labels } = tally;
  if (!removed || !added || verdictKey(removed) !== verdictKey(added)) {
    const next = new Map(byVerdict);
    if (removed) moved(next, verdictKey(removed), -1);
    if (added) moved(next, verdictKey(added), 1);
    byVerdict = next;
  }
  const removedLabels = removed?.labels ?? [];
  const addedLabels = added?.labels ?? [];
  if (!sameLabels(removedLabels, addedLabels)) {
    const next = new Map(labels);
    for (const label of removedLabels) moved(next, label, -1);
    for (const label of addedLabels) moved(next, label, 1);
    labels = next;
  }
  const counts = (annotation: Annotation | undefined, test: (a: Annotation) => boolean) =>
    annotation && test(annotation) ? 1 : 0;
  const isUnreviewed = (a: Annotation) => a.status === 'unreviewed';
  const isOrphan = (a: Annotation) => a.anchor === 'orphaned';
  return {
    byVerdict,
    labels,
    unreviewed: tally.unreviewed - counts(removed, isUnreviewed) + counts(added, isUnreviewed),
    orphans: tally.orphans - counts(removed, isOrphan) + counts(added, isOrphan),
    longest: Math.max(tally.longest, added ? added.end - added.start : 0),
  };
}
