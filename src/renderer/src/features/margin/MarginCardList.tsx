import { memo, useLayoutEffect, useMemo, type RefObject } from 'react';
import type { AnnotationPatch } from '../../../../shared/api/contract';
import type { Annotation } from '../../../../shared/annotation/annotation-model';
import type { Verdict } from '../../../../shared/annotation/verdicts';
import { useStoreValue } from '../../components/value-store';
import { MarginCard } from './MarginCard';
import type { MarginLayout } from './use-margin-layout';

/**
 * The cards placed beside their highlights: only those near the viewport (and those kept) exist
 * in the DOM. It renders again by itself when the margin layout says other cards should exist
 * (the reader scrolled, cards resized), without the desk around it.
 */
export const MarginCardList = memo(function MarginCardList(props: {
  layout: MarginLayout;
  /** The margin's claims in text order. */
  claims: readonly Annotation[];
  /** Claims whose cards exist wherever they are (the one holding the focus, one about to). */
  keep: readonly (string | null)[];
  /** The card column these cards are rendered into. */
  columnRef: RefObject<HTMLElement | null>;
  verdicts: readonly Verdict[];
  labelsListId: string;
  activeId: string | null;
  onActivate: (id: string, entering: boolean) => void;
  onUpdate: (id: string, patch: AnnotationPatch) => Promise<boolean>;
  onDelete: (id: string) => void;
  onAcceptWording: (id: string) => void;
  noteRef: (element: HTMLTextAreaElement | null) => (() => void) | undefined;
}) {
  const { layout, claims, columnRef } = props;
  useStoreValue(layout.renderRequests);
  const keepKey = props.keep.join(' ');
  const keep = useMemo(() => new Set(keepKey.split(' ').filter(Boolean)), [keepKey]);
  // Read during render, as a list virtualizer is: which cards exist is a pure function of the
  // claims and what the engine has measured, and the engine asks for a render when that changes.
  const rendered = layout.engine.rendered(claims, keep);
  // The cards just rendered are placed before the paint.
  useLayoutEffect(() => layout.engine.commit(claims, keep, rendered, columnRef.current));
  return rendered.map((annotation) => (
    <MarginCard
      key={annotation.id}
      ref={layout.measureCard}
      noteRef={props.noteRef}
      annotation={annotation}
      verdicts={props.verdicts}
      labelsListId={props.labelsListId}
      active={props.activeId === annotation.id}
      onActivate={props.onActivate}
      onUpdate={props.onUpdate}
      onDelete={props.onDelete}
      onAcceptWording={props.onAcceptWording}
    />
  ));
});
