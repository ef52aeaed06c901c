import { Fragment, type ReactNode } from 'react';
import type { BlockPaint } from './highlight-paint';

/**
 * One block's text with its highlights as `<mark>` runs. A run covered by several claims carries
 * all their ids (outermost first) and a darker tint, so nested and overlapping highlights both
 * stay visible and clickable. Every piece, marked or not, is keyed by where it starts: a new
 * claim splits the pieces it falls in and adds its own, and the DOM nodes of the others stay as
 * they are (unkeyed text would be matched by position, and the nodes after a new mark removed
 * and made again).
 */
export function HighlightedBlockText(props: {
  text: string;
  blockStart: number;
  paint: BlockPaint;
}): ReactNode {
  const { text, blockStart } = props;
  const pieces: ReactNode[] = [];
  let at = 0;
  for (const mark of props.paint.marks) {
    const from = mark.start - blockStart;
    const to = mark.end - blockStart;
    if (from > at) pieces.push(<Fragment key={`t${at}`}>{text.slice(at, from)}</Fragment>);
    pieces.push(
      <mark
        key={mark.start}
        className={mark.className}
        data-annotation-ids={mark.ids.join(' ')}
        style={{ backgroundColor: mark.background, borderBottomColor: mark.underline }}
      >
        {text.slice(from, to)}
      </mark>,
    );
    at = to;
  }
  if (at < text.length) pieces.push(<Fragment key={`t${at}`}>{text.slice(at)}</Fragment>);
  return pieces;
}
