import { useState } from 'react';
import { CardMoreButton } from './CardMoreButton';
import {
  evidenceStances,
  isWebUrl,
  type Evidence,
  type EvidenceStance,
} from '../../../../shared/annotation/annotation-model';

const stanceLabels: Record<EvidenceStance, string> = {
  supports: 'Supports',
  refutes: 'Refutes',
  context: 'Context',
};

function newEvidenceId(): string {
  return crypto.randomUUID();
}

/**
 * A claim's evidence: links with a stance; only http: and https: links are accepted. New links
 * are added in a form the "+ Evidence" button opens (Esc or Cancel closes it), so a card without
 * one open carries a button rather than a form.
 */
export function EvidenceEditor(props: {
  evidence: readonly Evidence[];
  onChange: (evidence: Evidence[]) => void;
}) {
  const [open, setOpen] = useState(false);
  // Closing the form gives the focus back to the "+ Evidence" button.
  const [refocus, setRefocus] = useState(false);
  const [url, setUrl] = useState('');
  const [title, setTitle] = useState('');
  const [stance, setStance] = useState<EvidenceStance>('supports');
  const [error, setError] = useState<string | null>(null);

  const close = () => {
    setUrl('');
    setTitle('');
    setError(null);
    setRefocus(true);
    setOpen(false);
  };

  const add = () => {
    const trimmed = url.trim();
    if (!isWebUrl(trimmed)) {
      setError('Evidence must be an http: or https: link, e.g. https://example.org/report.');
      return;
    }
    props.onChange([
      ...props.evidence,
      { id: newEvidenceId(), url: trimmed, title: title.trim(), stance },
    ]);
    close();
  };

  return (
    <div className="evidence">
      {props.evidence.length > 0 && (
        <ul className="evidence__list" aria-label="Evidence">
          {props.evidence.map((item) => (
            <li key={item.id} className={`evidence__item evidence__item--${item.stance}`}>
              <span className="evidence__stance">{stanceLabels[item.stance]}</span>
              <a
                href={item.url}
                target="_blank"
                rel="noopener noreferrer"
                className="evidence__link"
              >
                {item.title || item.url}
              </a>
              <button
                type="button"
                className="icon-button"
                aria-label={`Remove evidence ${item.title || item.url}`}
                onClick={() => props.onChange(props.evidence.filter((e) => e.id !== item.id))}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
      {open ? (
        <div
          className="evidence__form"
          role="group"
          aria-label="New evidence"
          onKeyDown={(event) => {
            if (event.key === 'Enter' && (event.target as HTMLElement).tagName === 'INPUT') {
              event.preventDefault();
              add();
            } else if (event.key === 'Escape') {
              event.preventDefault();
              close();
            }
          }}
        >
          <input
            type="url"
            aria-label="Evidence URL"
            placeholder="https://…"
            // Opened by the reader's click or key: the field takes the focus it asked for.
            autoFocus
            value={url}
            aria-invalid={error ? true : undefined}
            onChange={(event) => {
              setUrl(event.target.value);
              setError(null);
            }}
          />
          {/* The rest of the form appears once a link is being typed, to keep cards short. */}
          {url.trim() !== '' && (
            <>
              <input
                type="text"
                aria-label="Evidence title"
                placeholder="Title"
                value={title}
                onChange={(event) => setTitle(event.target.value)}
              />
              <select
                aria-label="Stance"
                value={stance}
                onChange={(event) => setStance(event.target.value as EvidenceStance)}
              >
                {evidenceStances.map((s) => (
                  <option key={s} value={s}>
                    {stanceLabels[s]}
                  </option>
                ))}
              </select>
              <button type="button" onClick={add}>
                Add evidence
              </button>
            </>
          )}
          <button type="button" onClick={close}>
            Cancel
          </button>
        </div>
      ) : (
        <CardMoreButton takeFocus={refocus} onClick={() => setOpen(true)}>
          + Evidence
        </CardMoreButton>
      )}
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
