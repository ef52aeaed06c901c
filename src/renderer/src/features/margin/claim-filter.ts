import type { Annotation, ClaimStatus } from '../../../../shared/annotation/annotation-model';

/** The verdict id that stands for "no verdict" in counts and filters. */
export const NO_VERDICT = 'none';

/** What the margin is narrowed to; empty fields match everything. `verdictId` NO_VERDICT = none. */
export interface ClaimFilter {
  verdictId: string;
  status: ClaimStatus | '';
  label: string;
  text: string;
}

/** The filter that shows every claim. */
export const noFilter: ClaimFilter = { verdictId: '', status: '', label: '', text: '' };

/** Whether any field of the filter is set. */
export function isFiltering(filter: ClaimFilter): boolean {
  return !!(filter.verdictId || filter.status || filter.label || filter.text.trim());
}

/** Whether a claim passes the filter; text matches quote, note or summary, ignoring case. */
export function matchesFilter(annotation: Annotation, filter: ClaimFilter): boolean {
  if (
    filter.verdictId === NO_VERDICT
      ? annotation.verdictId !== null
      : filter.verdictId && annotation.verdictId !== filter.verdictId
  ) {
    return false;
  }
  if (filter.status && annotation.status !== filter.status) return false;
  if (filter.label && !annotation.labels.includes(filter.label)) return false;
  const needle = filter.text.trim().toLocaleLowerCase();
  if (needle) {
    const haystack =
      `${annotation.quote.exact}\n${annotation.note}\n${annotation.summary}`.toLocaleLowerCase();
    if (!haystack.includes(needle)) return false;
  }
  return true;
}
