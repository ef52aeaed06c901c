import type { ReactNode } from 'react';
import type { Verdict } from '../../../../shared/annotation/verdicts';
import { highlightTint } from './color-contrast';
import { shortcutKey, type VerdictPatch } from './taxonomy-edits';

/** DOM ids of one row's parts, so the dialog can move focus to them. */
export function rowIds(baseId: string, verdictId: string) {
  return {
    name: `${baseId}-name-${verdictId}`,
    problem: `${baseId}-problem-${verdictId}`,
    remove: `${baseId}-delete-${verdictId}`,
  };
}

/** How controls of a verdict are named for screen readers (and tests): its label, or its place. */
export function accessibleLabel(verdict: Verdict, index: number): string {
  return verdict.label.trim() || `verdict ${index + 1}`;
}

/**
 * One verdict in the settings list: shortcut key, name, colour with a sample of its highlight,
 * ClaimReview rating, reorder and delete. `children` is shown under the row (the delete question).
 */
export function VerdictRow(props: {
  baseId: string;
  verdict: Verdict;
  index: number;
  count: number;
  problem: string | undefined;
  onChange: (patch: VerdictPatch) => void;
  onMove: (by: -1 | 1) => void;
  onDelete: () => void;
  children?: ReactNode;
}) {
  const { verdict, index, count, problem } = props;
  const ids = rowIds(props.baseId, verdict.id);
  const label = accessibleLabel(verdict, index);
  const key = shortcutKey(index);
  const isFirst = index === 0;
  const isLast = index === count - 1;

  return (
    <li className="verdict-settings__item">
      <div className="verdict-settings__row">
        <span className="verdict-settings__key">
          {key === null ? (
            <span className="verdict-settings__hidden">No shortcut key</span>
          ) : (
            <>
              <span className="verdict-settings__hidden">Shortcut key </span>
              <kbd>{key}</kbd>
            </>
          )}
        </span>
        <input
          id={ids.name}
          type="text"
          className="verdict-settings__name"
          aria-label={`Name of ${label}`}
          aria-invalid={problem ? true : undefined}
          aria-describedby={problem ? ids.problem : undefined}
          value={verdict.label}
          maxLength={60}
          onChange={(event) => props.onChange({ label: event.target.value })}
        />
        <input
          type="color"
          className="verdict-settings__color"
          aria-label={`Colour of ${label}`}
          value={verdict.color.toLowerCase()}
          onChange={(event) => props.onChange({ color: event.target.value.toLowerCase() })}
        />
        <span
          className="verdict-settings__sample"
          aria-hidden="true"
          style={{
            backgroundColor: highlightTint(verdict.color),
            borderBottomColor: verdict.color,
          }}
        >
          Sample
        </span>
        <select
          className="verdict-settings__rating"
          aria-label={`Rating of ${label}`}
          value={verdict.rating === null ? '' : String(verdict.rating)}
          onChange={(event) =>
            props.onChange({
              rating: event.target.value === '' ? null : Number(event.target.value),
            })
          }
        >
          <option value="">None</option>
          {[1, 2, 3, 4, 5].map((rating) => (
            <option key={rating} value={rating}>
              {rating}
            </option>
          ))}
        </select>
        {/* aria-disabled rather than disabled: the button keeps focus when its row reaches an end. */}
        <button
          type="button"
          className="verdict-settings__icon"
          aria-label={`Move ${label} up`}
          aria-disabled={isFirst || undefined}
          onClick={() => !isFirst && props.onMove(-1)}
        >
          ↑
        </button>
        <button
          type="button"
          className="verdict-settings__icon"
          aria-label={`Move ${label} down`}
          aria-disabled={isLast || undefined}
          onClick={() => !isLast && props.onMove(1)}
        >
          ↓
        </button>
        <button
          id={ids.remove}
          type="button"
          className="verdict-settings__delete"
          aria-label={`Delete ${label}`}
          onClick={props.onDelete}
        >
          Delete
        </button>
      </div>
      {problem && (
        <p id={ids.problem} className="verdict-settings__problem">
          {problem}
        </p>
      )}
      {props.children}
    </li>
  );
}
