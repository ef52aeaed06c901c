import type { ReactNode } from 'react';
import type { BlockPaint } from './highlight-paint';

/**
 * One block's text with its highlights as `<mark>` runs. A run covered by several claims carries
 * all their ids (outermost first) and a darker tint, so nested and overlapping highlights both
 * stay visible and clickable.
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
    if (from > at) pieces.push(text.slice(at, from));
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
  if (at < text.length) pieces.push(text.slice(at));
  return pieces;
}
