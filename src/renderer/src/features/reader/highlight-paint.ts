import type { HighlightSegment } from '../../../../shared/anchoring/segment-highlights';
import { overlapTint } from '../settings/color-contrast';

/** What the reading pane needs to know about each claim to paint its highlight. */
export interface HighlightStyle {
  color: string;
  /** Filtered out of the margin: painted as a faint underline only. */
  dimmed: boolean;
}

/** One `<mark>`: a run of a block's text covered by the same claims, and how it looks. */
export interface MarkPaint {
  /** Canonical-text offsets `[start, end)`. */
  start: number;
  end: number;
  /** The covering claims, outermost first. */
  ids: readonly string[];
  className: string;
  background: string;
  underline: string;
}

/** How one block is painted; equal signatures paint identically, so the block can skip rendering. */
export interface BlockPaint {
  signature: string;
  marks: readonly MarkPaint[];
}

const NEUTRAL = '#8a8b90';

/** Tints are pure functions of their colours, and only a handful of colour sets ever occur. */
const tints = new Map<string, string>();
function tintOf(colors: readonly string[]): string {
  const key = colors.join(' ');
  let tint = tints.get(key);
  if (tint === undefined) {
    tint = overlapTint(colors);
    tints.set(key, tint);
  }
  return tint;
}

/**
 * The marks one block paints: each segment covered by claims gets the tint of the claims shown
 * (outermost first, so overlaps read darker than either alone, and the ink stays at WCAG AA; see
 * color-contrast.ts) and the innermost one's colour as its underline. A segment whose claims are
 * all filtered out is dimmed. (The active claim's emphasis is not painted here: see
 * use-active-claim-style.ts.)
 */
export function paintBlock(
  segments: readonly HighlightSegment[],
  styles: ReadonlyMap<string, HighlightStyle>,
): BlockPaint {
  const marks: MarkPaint[] = [];
  let signature = '';
  for (const segment of segments) {
    if (segment.ids.length === 0) continue;
    const shown: string[] = [];
    for (const id of segment.ids) {
      const style = styles.get(id);
      if (style && !style.dimmed) shown.push(style.color);
    }
    const colors =
      shown.length > 0 ? shown : segment.ids.map((id) => styles.get(id)?.color ?? NEUTRAL);
    const classes = ['mark'];
    if (segment.ids.length > 1) classes.push('mark--overlap');
    if (shown.length === 0) classes.push('mark--dimmed');
    const mark: MarkPaint = {
      start: segment.start,
      end: segment.end,
      ids: segment.ids,
      className: classes.join(' '),
      background: tintOf(colors),
      underline: colors.at(-1) ?? NEUTRAL,
    };
    marks.push(mark);
    signature += `${mark.start}-${mark.end}:${mark.ids.join(',')}:${mark.className}:${mark.background}:${mark.underline}|`;
  }
  return { signature, marks };
}
