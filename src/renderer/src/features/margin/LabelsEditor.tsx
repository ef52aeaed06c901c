import { useId, useState } from 'react';

/** Free labels on a claim, with autocomplete from labels already used. */
export function LabelsEditor(props: {
  labels: readonly string[];
  knownLabels: readonly string[];
  onChange: (labels: string[]) => void;
}) {
  const [draft, setDraft] = useState('');
  const listId = useId();

  const commit = () => {
    const label = draft.trim().replace(/,$/, '').trim();
    setDraft('');
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
      <input
        type="text"
        aria-label="Labels"
        placeholder="Add label"
        list={listId}
        value={draft}
        onChange={(event) => {
          if (event.target.value.endsWith(',')) {
            setDraft(event.target.value);
            return;
          }
          setDraft(event.target.value);
        }}
        onKeyDown={(event) => {
          if (event.key === 'Enter' || event.key === ',') {
            event.preventDefault();
            commit();
          }
        }}
        onBlur={commit}
      />
      <datalist id={listId}>
        {props.knownLabels
          .filter((label) => !props.labels.includes(label))
          .map((label) => (
            <option key={label} value={label} />
          ))}
      </datalist>
    </div>
  );
}
