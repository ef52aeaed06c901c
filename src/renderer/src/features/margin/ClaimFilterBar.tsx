import { memo } from 'react';
import {
  claimStatuses,
  claimStatusLabels,
  type ClaimStatus,
} from '../../../../shared/annotation/annotation-model';
import type { Verdict } from '../../../../shared/annotation/verdicts';
import type { ClaimTally } from './claim-tally';
import { isFiltering, NO_VERDICT, noFilter, type ClaimFilter } from './claim-filter';
import { countOf } from '../../components/count-of';
import { useStableCallback } from '../../components/use-stable-callback';

/** Counts per verdict as a small bar chart; clicking a bar filters by that verdict. */
export const ClaimSummaryStrip = memo(function ClaimSummaryStrip(props: {
  tally: ClaimTally;
  verdicts: readonly Verdict[];
  filter: ClaimFilter;
  onFilter: (filter: ClaimFilter) => void;
}) {
  const counts = props.tally.byVerdict;
  let total = 0;
  for (const count of counts.values()) total += count;
  const max = Math.max(1, ...counts.values());
  const bars = [
    ...props.verdicts.map((v) => ({ id: v.id, label: v.label, color: v.color })),
    { id: NO_VERDICT, label: 'No verdict', color: '#8a8b90' },
  ].filter((bar) => counts.get(bar.id));
  const { filter, onFilter } = props;
  const toggle = useStableCallback((verdictId: string) =>
    onFilter({ ...filter, verdictId: filter.verdictId === verdictId ? '' : verdictId }),
  );
  return (
    <div className="summary-strip" role="group" aria-label="Claims by verdict">
      <p className="summary-strip__totals">
        {countOf(total)} · {props.tally.unreviewed} unreviewed
      </p>
      <ul className="summary-strip__bars">
        {bars.map((bar) => (
          <SummaryBar
            key={bar.id}
            {...bar}
            count={counts.get(bar.id) ?? 0}
            max={max}
            pressed={filter.verdictId === bar.id}
            onToggle={toggle}
          />
        ))}
      </ul>
    </div>
  );
});

/** One verdict's bar; a new claim re-renders only the bars whose count (or scale) it changed. */
const SummaryBar = memo(function SummaryBar(props: {
  id: string;
  label: string;
  color: string;
  count: number;
  max: number;
  pressed: boolean;
  onToggle: (verdictId: string) => void;
}) {
  const { label, count, pressed } = props;
  return (
    <li>
      <button
        type="button"
        className="summary-strip__bar"
        aria-pressed={pressed}
        aria-label={`${label}: ${count}`}
        title={pressed ? 'Show all verdicts' : `Show only ${label}`}
        onClick={() => props.onToggle(props.id)}
      >
        <span className="summary-strip__name">{label}</span>
        <span className="summary-strip__track">
          <span
            className="summary-strip__fill"
            style={{ width: `${(count / props.max) * 100}%`, backgroundColor: props.color }}
          />
        </span>
        <span className="summary-strip__count">{count}</span>
      </button>
    </li>
  );
});

/** Narrows the margin's cards by verdict, status, label or text. */
export const ClaimFilterBar = memo(function ClaimFilterBar(props: {
  verdicts: readonly Verdict[];
  labels: readonly string[];
  filter: ClaimFilter;
  onFilter: (filter: ClaimFilter) => void;
}) {
  const { filter, onFilter } = props;
  return (
    <div className="filter-bar" role="search" aria-label="Filter claims">
      <select
        aria-label="Filter by verdict"
        value={filter.verdictId}
        onChange={(e) => onFilter({ ...filter, verdictId: e.target.value })}
      >
        <option value="">All verdicts</option>
        {props.verdicts.map((v) => (
          <option key={v.id} value={v.id}>
            {v.label}
          </option>
        ))}
        <option value="none">No verdict</option>
      </select>
      <select
        aria-label="Filter by status"
        value={filter.status}
        onChange={(e) => onFilter({ ...filter, status: e.target.value as ClaimStatus | '' })}
      >
        <option value="">All statuses</option>
        {claimStatuses.map((s) => (
          <option key={s} value={s}>
            {claimStatusLabels[s]}
          </option>
        ))}
      </select>
      {props.labels.length > 0 && (
        <select
          aria-label="Filter by label"
          value={filter.label}
          onChange={(e) => onFilter({ ...filter, label: e.target.value })}
        >
          <option value="">All labels</option>
          {props.labels.map((l) => (
            <option key={l} value={l}>
              {l}
            </option>
          ))}
        </select>
      )}
      <input
        type="search"
        aria-label="Search claims"
        placeholder="Search quotes and notes"
        value={filter.text}
        onChange={(e) => onFilter({ ...filter, text: e.target.value })}
      />
      {isFiltering(filter) && (
        <button type="button" onClick={() => onFilter(noFilter)}>
          Clear filter
        </button>
      )}
    </div>
  );
});
