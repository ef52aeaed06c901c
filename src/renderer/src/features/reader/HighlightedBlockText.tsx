import { memo } from 'react';
import type { HighlightSegment } from '../../../../shared/anchoring/segment-highlights';
import { overlapTint } from '../settings/color-contrast';

/** What the reading pane needs to know about each highlight to paint it. */
export interface HighlightStyle {
  color: string;
  dimmed: boolean;
}

/**
 * One block's text with its highlights as `<mark>` segments. A segment covered by several
 * claims carries all their ids (outermost first) and a darker tint, so nested and overlapping
 * highlights both stay visible; `data-first-of` marks where each claim begins, for the margin.
 */
export const HighlightedBlockText = memo(
  HighlightedBlockTextView,
  // Re-render a block only when what it paints changed: its text, its segments or their styles.
  (before, after) => before.signature === after.signature && before.text === after.text,
);

/** A signature of what a block paints, so unchanged blocks skip rendering. */
export function blockPaintSignature(
  segments: readonly HighlightSegment[],
  styles: ReadonlyMap<string, HighlightStyle>,
  firstSegmentOf: ReadonlyMap<string, number>,
  activeId: string | null,
): string {
  let signature = '';
  for (const segment of segments) {
    signature += `${segment.start}-${segment.end}`;
    for (const id of segment.ids) {
      const style = styles.get(id);
      signature += `:${id}/${style?.color}/${style?.dimmed ? 1 : 0}/${id === activeId ? 1 : 0}/${firstSegmentOf.get(id) === segment.start ? 1 : 0}`;
    }
    signature += '|';
  }
  return signature;
}

function HighlightedBlockTextView(props: {
  signature: string;
  text: string;
  blockStart: number;
  segments: readonly HighlightSegment[];
  styles: ReadonlyMap<string, HighlightStyle>;
  firstSegmentOf: ReadonlyMap<string, number>;
  activeId: string | null;
}) {
  return (
    <>
      {props.segments.map((segment) => {
        const text = props.text.slice(
          segment.start - props.blockStart,
          segment.end - props.blockStart,
        );
        if (segment.ids.length === 0) return text;
        const styles = segment.ids.map((id) => props.styles.get(id)).filter((s) => s !== undefined);
        const visible = segment.ids.filter((id) => !props.styles.get(id)?.dimmed);
        const colors = (visible.length ? visible : segment.ids).map(
          (id) => props.styles.get(id)?.color ?? '#8a8b90',
        );
        const innermost = colors.at(-1) ?? '#8a8b90';
        const firstOf = segment.ids.filter((id) => props.firstSegmentOf.get(id) === segment.start);
        const classes = ['mark'];
        if (segment.ids.length > 1) classes.push('mark--overlap');
        if (styles.length > 0 && visible.length === 0) classes.push('mark--dimmed');
        if (props.activeId && segment.ids.includes(props.activeId)) classes.push('mark--active');
        return (
          <mark
            key={segment.start}
            className={classes.join(' ')}
            data-annotation-ids={segment.ids.join(' ')}
            data-first-of={firstOf.length ? firstOf.join(' ') : undefined}
            style={{ backgroundColor: overlapTint(colors), borderBottomColor: innermost }}
          >
            {text}
          </mark>
        );
      })}
    </>
  );
}
