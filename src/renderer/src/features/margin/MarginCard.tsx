import { forwardRef, memo } from 'react';
import type { AnnotationPatch } from '../../../../shared/api/contract';
import {
  claimStatuses,
  claimStatusLabels,
  shortenText,
  SUMMARY_MAX_LENGTH,
  type Annotation,
  type ClaimStatus,
} from '../../../../shared/annotation/annotation-model';
import type { Verdict } from '../../../../shared/annotation/verdicts';
import { EvidenceEditor } from './EvidenceEditor';
import { LabelsEditor } from './LabelsEditor';
import { useAutosave } from './use-autosave';

const NEUTRAL = '#8a8b90';

/** A claim's card in the margin: quote, verdict, status, summary, note, labels, evidence. */
export const MarginCard = memo(
  forwardRef<
    HTMLElement,
    {
      annotation: Annotation;
      verdicts: readonly Verdict[];
      /** The id of the margin's `<datalist>` of the labels in use, which label fields suggest. */
      labelsListId: string;
      /**
       * `'static'` for cards listed in flow (orphans); other cards are placed beside their
       * highlights by the margin layout, which writes their `top` itself (use-margin-layout).
       */
      top?: 'static';
      active: boolean;
      /** Hover or focus entering (true) or leaving (false) the card. */
      onActivate: (id: string, entering: boolean) => void;
      onUpdate: (id: string, patch: AnnotationPatch) => Promise<boolean>;
      onDelete: (id: string) => void;
      noteRef?: (element: HTMLTextAreaElement | null) => (() => void) | undefined;
      onAcceptWording?: (id: string) => void;
      /** For an orphan: arms it so the next selection's "Attach here" re-attaches it. */
      onChooseAttach?: (id: string) => void;
      attachArmed?: boolean;
    }
  >(function MarginCard(props, ref) {
    const { annotation } = props;
    const verdict = props.verdicts.find((v) => v.id === annotation.verdictId);
    const update = (patch: AnnotationPatch) => props.onUpdate(annotation.id, patch);

    return (
      <article
        ref={ref}
        className={`card${props.active ? ' card--active' : ''}${props.top === 'static' ? ' card--static' : ''}`}
        aria-label={`Claim: ${annotation.summary || shortenText(annotation.quote.exact, 60)}`}
        data-annotation-id={annotation.id}
        tabIndex={-1}
        style={{ borderLeftColor: verdict?.color ?? NEUTRAL }}
        onMouseEnter={() => props.onActivate(annotation.id, true)}
        onMouseLeave={() => props.onActivate(annotation.id, false)}
        onFocus={() => props.onActivate(annotation.id, true)}
      >
        <blockquote className="card__quote" title={annotation.quote.exact}>
          {shortenText(annotation.quote.exact, 140)}
        </blockquote>
        {annotation.anchor === 'wording-changed' && (
          <div
            className="card__anchor card__anchor--changed"
            role="group"
            aria-label="Wording changed"
          >
            <strong>Wording changed</strong>
            <p>
              <span className="card__anchor-label">Was:</span> <del>{annotation.previousExact}</del>
            </p>
            <p>
              <span className="card__anchor-label">Now:</span> <ins>{annotation.quote.exact}</ins>
            </p>
            <button type="button" onClick={() => props.onAcceptWording?.(annotation.id)}>
              Accept change
            </button>
          </div>
        )}
        {annotation.anchor === 'orphaned' && (
          <div className="card__anchor card__anchor--orphaned">
            <p>This quote is no longer in the article. Its note, verdict and evidence are kept.</p>
            <button
              type="button"
              aria-pressed={!!props.attachArmed}
              onClick={() => props.onChooseAttach?.(annotation.id)}
            >
              {props.attachArmed ? 'Select new text, then choose Attach here' : 'Re-attach…'}
            </button>
          </div>
        )}
        <div className="card__row">
          <select
            aria-label="Verdict"
            className="card__verdict"
            value={annotation.verdictId ?? ''}
            style={{ borderColor: verdict?.color ?? NEUTRAL }}
            onChange={(event) => void update({ verdictId: event.target.value || null })}
          >
            <option value="">No verdict</option>
            {props.verdicts.map((v) => (
              <option key={v.id} value={v.id}>
                {v.label}
              </option>
            ))}
          </select>
          <select
            aria-label="Status"
            value={annotation.status}
            onChange={(event) => void update({ status: event.target.value as ClaimStatus })}
          >
            {claimStatuses.map((status) => (
              <option key={status} value={status}>
                {claimStatusLabels[status]}
              </option>
            ))}
          </select>
        </div>
        <SummaryField stored={annotation.summary} onSave={(value) => update({ summary: value })} />
        <NoteField
          stored={annotation.note}
          onElement={props.noteRef}
          onSave={(value) => update({ note: value })}
        />
        <LabelsEditor
          labels={annotation.labels}
          listId={props.labelsListId}
          onChange={(labels) => void update({ labels })}
        />
        <EvidenceEditor
          evidence={annotation.evidence}
          onChange={(evidence) => void update({ evidence })}
        />
        <div className="card__footer">
          <button
            type="button"
            className="card__delete"
            onClick={() => props.onDelete(annotation.id)}
          >
            Delete claim
          </button>
        </div>
      </article>
    );
  }),
);

/** The claim summary; it saves itself, and typing in it re-renders only this field. */
function SummaryField(props: { stored: string; onSave: (value: string) => Promise<boolean> }) {
  const summary = useAutosave(props.stored, props.onSave);
  return (
    <input
      type="text"
      className="card__summary"
      aria-label="Claim summary"
      maxLength={SUMMARY_MAX_LENGTH}
      value={summary.draft}
      onChange={(event) => summary.change(event.target.value)}
      onBlur={summary.flush}
    />
  );
}

/** The note (Markdown source); it saves itself, and typing in it re-renders only this field. */
function NoteField({
  stored,
  onElement,
  onSave,
}: {
  stored: string;
  /** Called with the textarea (a ref callback), so the desk can focus a new claim's note. */
  onElement?: (element: HTMLTextAreaElement | null) => (() => void) | undefined;
  onSave: (value: string) => Promise<boolean>;
}) {
  const note = useAutosave(stored, onSave);
  return (
    <textarea
      ref={onElement}
      className="card__note"
      aria-label="Note"
      placeholder="Note (Markdown)"
      rows={Math.min(12, Math.max(2, note.draft.split('\n').length))}
      value={note.draft}
      onChange={(event) => note.change(event.target.value)}
      onBlur={note.flush}
    />
  );
}
