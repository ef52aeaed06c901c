import { useState } from 'react';
import { CardMoreButton } from './CardMoreButton';

/**
 * Free labels on a claim: chips, and a "+ Label" button that opens a field suggesting the labels
 * already used (the margin's shared list `listId`). Enter or a comma adds the label and keeps the
 * field open for another; leaving the field adds what was typed and closes it; Esc closes it.
 * Closed, a card carries a button instead of a field, which keeps a thousand cards light.
 */
export function LabelsEditor(props: {
  labels: readonly string[];
  /** The id of the margin's `<datalist>` of labels in use. */
  listId: string;
  onChange: (labels: string[]) => void;
}) {
  // The field's text while it is open; null when closed.
  const [draft, setDraft] = useState<string | null>(null);
  // Esc gives the focus back to the "+ Label" button rather than drop it on the page.
  const [refocus, setRefocus] = useState(false);

  const commit = (text: string) => {
    const label = text.trim().replace(/,$/, '').trim();
    if (!label || props.labels.includes(label)) return;
    props.onChange([...props.labels, label]);
  };

  return (
    <div className="labels">
      {props.labels.map((label) => (
        <span key={label} className="labels__chip">
          {label}
          <button
            type="button"
            className="icon-button"
            aria-label={`Remove label ${label}`}
            onClick={() => props.onChange(props.labels.filter((l) => l !== label))}
          >
            ×
          </button>
        </span>
      ))}
      {draft === null ? (
        <CardMoreButton takeFocus={refocus} onClick={() => setDraft('')}>
          + Label
        </CardMoreButton>
      ) : (
        <input
          type="text"
          aria-label="Labels"
          placeholder="Add label"
          list={props.listId}
          // Opened by the reader's click or key: the field takes the focus it asked for.
          autoFocus
          value={draft}
          onChange={(event) => setDraft(event.target.value)}
          onKeyDown={(event) => {
            if (event.key === 'Enter' || event.key === ',') {
              event.preventDefault();
              commit(draft);
              setDraft('');
            } else if (event.key === 'Escape') {
              event.preventDefault();
              setRefocus(true);
              setDraft(null);
            }
          }}
          onBlur={() => {
            commit(draft);
            setRefocus(false);
            setDraft(null);
          }}
        />
      )}
    </div>
  );
}
