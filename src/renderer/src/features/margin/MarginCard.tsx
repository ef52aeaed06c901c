import { forwardRef } from 'react';
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
export const MarginCard = forwardRef<
  HTMLElement,
  {
    annotation: Annotation;
    verdicts: readonly Verdict[];
    knownLabels: readonly string[];
    top: number | undefined;
    active: boolean;
    onActivate: (id: string | null) => void;
    onUpdate: (id: string, patch: AnnotationPatch) => Promise<boolean>;
    onDelete: (id: string) => void;
    noteRef?: (element: HTMLTextAreaElement | null) => void;
  }
>(function MarginCard(props, ref) {
  const { annotation } = props;
  const verdict = props.verdicts.find((v) => v.id === annotation.verdictId);
  const update = (patch: AnnotationPatch) => props.onUpdate(annotation.id, patch);
  const note = useAutosave(annotation.note, (value) => update({ note: value }));
  const summary = useAutosave(annotation.summary, (value) => update({ summary: value }));

  return (
    <article
      ref={ref}
      className={`card${props.active ? ' card--active' : ''}`}
      aria-label={`Claim: ${annotation.summary || shortenText(annotation.quote.exact, 60)}`}
      data-annotation-id={annotation.id}
      tabIndex={-1}
      style={{
        top: props.top ?? 0,
        visibility: props.top === undefined ? 'hidden' : undefined,
        borderLeftColor: verdict?.color ?? NEUTRAL,
      }}
      onMouseEnter={() => props.onActivate(annotation.id)}
      onMouseLeave={() => props.onActivate(null)}
      onFocus={() => props.onActivate(annotation.id)}
    >
      <blockquote className="card__quote" title={annotation.quote.exact}>
        {shortenText(annotation.quote.exact, 140)}
      </blockquote>
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
      <input
        type="text"
        className="card__summary"
        aria-label="Claim summary"
        maxLength={SUMMARY_MAX_LENGTH}
        value={summary.draft}
        onChange={(event) => summary.change(event.target.value)}
        onBlur={summary.flush}
      />
      <textarea
        ref={props.noteRef}
        className="card__note"
        aria-label="Note"
        placeholder="Note (Markdown)"
        rows={Math.min(12, Math.max(2, note.draft.split('\n').length))}
        value={note.draft}
        onChange={(event) => note.change(event.target.value)}
        onBlur={note.flush}
      />
      <LabelsEditor
        labels={annotation.labels}
        knownLabels={props.knownLabels}
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
});
