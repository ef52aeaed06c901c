import type { ReactNode } from 'react';

/**
 * A card's quiet "+ …" button that opens a field or a form in its place. `takeFocus` when the
 * field it opened was just closed from the keyboard: the button then takes the focus back as it
 * reappears, so the focus is not dropped on the page.
 */
export function CardMoreButton(props: {
  children: ReactNode;
  onClick: () => void;
  takeFocus: boolean;
}) {
  return (
    <button
      type="button"
      className="card__more"
      autoFocus={props.takeFocus}
      onClick={props.onClick}
    >
      {props.children}
    </button>
  );
}
