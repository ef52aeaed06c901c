/**
 * The save sequence of the crash test, shared by the child that makes the saves and the parent
 * that checks the disk after each SIGKILL. Save n (n >= 1) is one API call; which call, and the
 * whole library state after it, are pure functions of n, so the parent knows exactly what
 * "every acknowledged save is on disk" means without the child telling it anything but n.
 *
 * - n % 3 == 0: updateAnnotation sets the anchor claim's note to "save n"    (article file)
 * - n % 3 == 1: setTaxonomy sets the scale's presetId to "save-n"            (settings.json)
 * - n % 3 == 2: alternately restoreAnnotation adds claim "claim-n" and deleteAnnotation removes
 *               it again (article file and the claim count in library.json)
 * Save 0 is the setup: the anchor claim exists with note "save 0", presetId is untouched.
 */

/** The label that marks the claim whose note carries the save number. */
export const ANCHOR_LABEL = 'crash-anchor';

/** What the library holds after save n. */
export interface PlannedState {
  /** The anchor claim's note. */
  note: string;
  /** The taxonomy's presetId ("factmark" until the first settings save). */
  presetId: string;
  /** Ids of the extra claims ("claim-n"), at most one. */
  extraClaims: string[];
}

/** The kind of save n. */
export function saveKind(n: number): 'note' | 'settings' | 'claim' {
  return n % 3 === 0 ? 'note' : n % 3 === 1 ? 'settings' : 'claim';
}

/** The largest m <= n with m % 3 == r, or undefined. */
function lastOfKind(n: number, r: number): number | undefined {
  if (n < r) return undefined;
  return n - ((((n - r) % 3) + 3) % 3);
}

/** For a claim save n: true when it adds claim-n, false when it removes the claim added 3 saves before. */
export function claimSaveAdds(n: number): boolean {
  return ((n - 2) / 3) % 2 === 0;
}

/** The library state after save n (n >= 0). */
export function plannedState(n: number): PlannedState {
  const note = lastOfKind(n, 0) ?? 0;
  const preset = lastOfKind(n, 1);
  const claim = lastOfKind(n, 2);
  return {
    note: `save ${note}`,
    presetId: preset === undefined ? 'factmark' : `save-${preset}`,
    extraClaims: claim !== undefined && claimSaveAdds(claim) ? [`claim-${claim}`] : [],
  };
}

/** Whether two states are the same. */
export function sameState(a: PlannedState, b: PlannedState): boolean {
  return (
    a.note === b.note &&
    a.presetId === b.presetId &&
    a.extraClaims.length === b.extraClaims.length &&
    a.extraClaims.every((id, i) => b.extraClaims[i] === id)
  );
}
