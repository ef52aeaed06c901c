import { describe, expect, it } from 'vitest';
import { segmentHighlights } from '../../../../shared/anchoring/segment-highlights';
import { contrastRatio, relativeLuminance } from '../settings/color-contrast';
import { paintBlock, type HighlightStyle } from './highlight-paint';

const INK = '#1d1d1f';
const styles = new Map<string, HighlightStyle>([
  ['outer', { color: '#c62828', dimmed: false }],
  ['inner', { color: '#1565c0', dimmed: false }],
  ['hidden', { color: '#2e7d32', dimmed: true }],
]);

describe('paintBlock', () => {
  const segments = segmentHighlights(
    [
      { id: 'outer', start: 0, end: 20 },
      { id: 'inner', start: 5, end: 10 },
      { id: 'hidden', start: 30, end: 40 },
    ],
    0,
    50,
  );

  it('paints one mark per covered segment, overlaps darker, every tint readable', () => {
    const { marks } = paintBlock(segments, styles);
    expect(marks.map((m) => [m.start, m.end, m.ids.join(',')])).toEqual([
      [0, 5, 'outer'],
      [5, 10, 'outer,inner'],
      [10, 20, 'outer'],
      [30, 40, 'hidden'],
    ]);
    const [alone, both] = marks;
    expect(relativeLuminance(both!.background)).toBeLessThan(relativeLuminance(alone!.background));
    expect(both!.className).toContain('mark--overlap');
    // The innermost claim's colour underlines the overlap.
    expect(both!.underline).toBe('#1565c0');
    for (const mark of marks)
      expect(contrastRatio(INK, mark.background)).toBeGreaterThanOrEqual(4.5);
  });

  it('dims claims filtered out', () => {
    const { marks } = paintBlock(segments, styles);
    expect(marks.map((m) => m.className.includes('mark--dimmed'))).toEqual([
      false,
      false,
      false,
      true,
    ]);
  });

  it('gives equal paints equal signatures and different paints different ones', () => {
    const plain = paintBlock(segments, styles);
    expect(paintBlock(segments, styles).signature).toBe(plain.signature);
    const dimmed = new Map(styles).set('outer', { color: '#c62828', dimmed: true });
    expect(paintBlock(segments, dimmed).signature).not.toBe(plain.signature);
    const recoloured = new Map(styles).set('outer', { color: '#6a1b9a', dimmed: false });
    expect(paintBlock(segments, recoloured).signature).not.toBe(plain.signature);
  });
});
