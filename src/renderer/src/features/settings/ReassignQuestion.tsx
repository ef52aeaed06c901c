import { useId } from 'react';
import type { Verdict } from '../../../../shared/annotation/verdicts';
import { countOf } from '../../components/count-of';

/** Select value standing for "no verdict" (ids are never empty). */
export const NO_VERDICT = '';

/** One "move the claims of X to …" choice. */
export interface ReassignChoice {
  /** The verdict going away (its claims move). */
  from: Verdict;
  fromLabel: string;
  claims: number;
  /** Chosen verdict id, or `NO_VERDICT`. */
  to: string;
}

/**
 * Asks, inside the dialog, where the claims of verdicts that are going away should move: one select
 * per verdict offering `targets` and "No verdict". Used for deleting a verdict and for switching
 * scale.
 */
export function ReassignQuestion(props: {
  /** The question, e.g. "Delete False?". */
  title: string;
  /** One line under the title. */
  intro: string;
  choices: readonly ReassignChoice[];
  targets: readonly Verdict[];
  confirmLabel: string;
  selectIdPrefix: string;
  onChoose: (fromId: string, to: string) => void;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const titleId = useId();
  return (
    <div className="verdict-settings__question" role="group" aria-labelledby={titleId}>
      <p id={titleId} className="verdict-settings__question-title">
        {props.title}
      </p>
      <p className="verdict-settings__question-intro">{props.intro}</p>
      {props.choices.map((choice) => (
        <div key={choice.from.id} className="verdict-settings__choice">
          <label htmlFor={`${props.selectIdPrefix}-${choice.from.id}`}>
            {choice.fromLabel} ({countOf(choice.claims)}) →
          </label>
          <select
            id={`${props.selectIdPrefix}-${choice.from.id}`}
            aria-label={`Move claims of ${choice.fromLabel} to`}
            value={choice.to}
            onChange={(event) => props.onChoose(choice.from.id, event.target.value)}
          >
            {props.targets.map((target, index) => (
              <option key={target.id} value={target.id}>
                {target.label.trim() || `verdict ${index + 1}`}
              </option>
            ))}
            <option value={NO_VERDICT}>No verdict</option>
          </select>
        </div>
      ))}
      <div className="verdict-settings__question-actions">
        <button type="button" className="verdict-settings__button" onClick={props.onCancel}>
          Cancel
        </button>
        <button
          type="button"
          className="verdict-settings__button verdict-settings__button--primary"
          onClick={props.onConfirm}
        >
          {props.confirmLabel}
        </button>
      </div>
    </div>
  );
}
