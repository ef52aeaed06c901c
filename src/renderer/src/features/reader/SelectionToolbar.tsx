import { memo, useState } from 'react';
import type { Verdict } from '../../../../shared/annotation/verdicts';

/** Where the toolbar sits, in the scroll area's coordinates. */
export interface ToolbarPosition {
  top: number;
  left: number;
  /** When true, `top` is the toolbar's bottom edge (it sits above the selection). */
  above: boolean;
}

/**
 * The floating "Tag claim" toolbar beside a selection: one button per verdict, and Note. With no
 * selection (`position` null) it stays in the page, hidden, so selecting and tagging show and hide
 * it rather than build it and take it down each time; its buttons render again only when the
 * verdicts or handlers change, not as it moves, shows or hides.
 */
export function SelectionToolbar(props: {
  position: ToolbarPosition | null;
  verdicts: readonly Verdict[];
  onVerdict: (verdictId: string) => void;
  onNote: () => void;
  onAttach?: () => void;
}) {
  // Hidden, it keeps its last place: hiding it is one attribute, not its position taken away too.
  const [place, setPlace] = useState(props.position);
  if (props.position && props.position !== place) setPlace(props.position);
  return (
    <div
      role="toolbar"
      aria-label="Tag claim"
      className="selection-toolbar"
      hidden={!props.position}
      style={
        place
          ? {
              top: place.top,
              left: place.left,
              transform: place.above ? 'translateY(-100%)' : undefined,
            }
          : undefined
      }
      // Keep the text selection alive while the toolbar is clicked.
      onMouseDown={(event) => event.preventDefault()}
    >
      <TagButtons
        verdicts={props.verdicts}
        onVerdict={props.onVerdict}
        onNote={props.onNote}
        onAttach={props.onAttach}
      />
    </div>
  );
}

/** The toolbar's buttons: one per verdict (keys 1-9), Note, and Attach here for an armed orphan. */
const TagButtons = memo(function TagButtons(props: {
  verdicts: readonly Verdict[];
  onVerdict: (verdictId: string) => void;
  onNote: () => void;
  onAttach?: () => void;
}) {
  return (
    <>
      {props.verdicts.map((verdict, index) => (
        <button
          key={verdict.id}
          type="button"
          className="selection-toolbar__verdict"
          style={{ borderColor: verdict.color }}
          aria-keyshortcuts={index < 9 ? String(index + 1) : undefined}
          title={index < 9 ? `${verdict.label} (${index + 1})` : verdict.label}
          onClick={() => props.onVerdict(verdict.id)}
        >
          <span
            className="selection-toolbar__swatch"
            style={{ backgroundColor: verdict.color }}
            aria-hidden="true"
          />
          {verdict.label}
        </button>
      ))}
      <button
        type="button"
        className="selection-toolbar__note"
        aria-keyshortcuts="N"
        title="Note (N)"
        onClick={props.onNote}
      >
        Note
      </button>
      {props.onAttach && (
        <button type="button" className="selection-toolbar__note" onClick={props.onAttach}>
          Attach here
        </button>
      )}
    </>
  );
});
