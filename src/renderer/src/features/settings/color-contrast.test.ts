import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { taxonomyPresets } from '../../../../shared/annotation/verdicts';
import {
  contrastRatio,
  highlightTint,
  INK,
  overlapTint,
  PAPER,
  relativeLuminance,
} from './color-contrast';

const hexColor = fc
  .tuple(fc.nat(255), fc.nat(255), fc.nat(255))
  .map(([r, g, b]) => `#${[r, g, b].map((c) => c.toString(16).padStart(2, '0')).join('')}`);

const HEX = /^#[0-9a-f]{6}$/;

function channels(hex: string): number[] {
  return [1, 3, 5].map((i) => Number.parseInt(hex.slice(i, i + 2), 16));
}

/** Largest per-channel difference, 0..255. */
function distance(a: string, b: string): number {
  const [x, y] = [channels(a), channels(b)];
  return Math.max(...x.map((c, i) => Math.abs(c - y[i]!)));
}

describe('contrastRatio', () => {
  it('matches the WCAG reference values', () => {
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrastRatio('#ffffff', '#ffffff')).toBe(1);
    // WebAIM's checker: #777777 on white is 4.48:1.
    expect(contrastRatio('#777777', '#ffffff')).toBeCloseTo(4.48, 2);
    expect(relativeLuminance('#ffffff')).toBe(1);
    expect(relativeLuminance('#000000')).toBe(0);
  });

  it('is symmetric and accepts upper-case hex', () => {
    expect(contrastRatio('#1D1D1F', '#FBFAF7')).toBeCloseTo(contrastRatio(PAPER, INK), 10);
  });

  it('rejects what is not #rrggbb', () => {
    expect(() => contrastRatio('red', '#ffffff')).toThrow(/not a #rrggbb colour/);
  });
});

describe('highlightTint', () => {
  it('keeps the ink readable on the tint of any colour', () => {
    fc.assert(
      fc.property(hexColor, (color) => {
        const tint = highlightTint(color);
        expect(tint).toMatch(HEX);
        expect(contrastRatio(INK, tint)).toBeGreaterThanOrEqual(4.5);
      }),
      { numRuns: 2000 },
    );
  });

  it('stays visibly different from the paper for any colour', () => {
    fc.assert(
      fc.property(hexColor, (color) => {
        const tint = highlightTint(color);
        expect(tint).not.toBe(PAPER);
        expect(distance(tint, PAPER)).toBeGreaterThanOrEqual(8);
      }),
      { numRuns: 2000 },
    );
  });

  it('handles the extremes: black, dark navy, white and the paper itself', () => {
    for (const color of ['#000000', '#000080', '#0a0a23', '#ffffff', PAPER, '#ffff00']) {
      const tint = highlightTint(color);
      expect(contrastRatio(INK, tint), color).toBeGreaterThanOrEqual(4.5);
      expect(distance(tint, PAPER), color).toBeGreaterThanOrEqual(8);
    }
  });

  it('keeps the preset colours apart', () => {
    for (const preset of taxonomyPresets) {
      const tints = preset.verdicts.map((v) => highlightTint(v.color));
      expect(new Set(tints).size, preset.id).toBe(
        new Set(preset.verdicts.map((v) => v.color)).size,
      );
    }
  });

  it('is a tint: lighter than a dark colour, never darker than needed', () => {
    expect(relativeLuminance(highlightTint('#c62828'))).toBeGreaterThan(
      relativeLuminance('#c62828'),
    );
  });
});

describe('overlapTint', () => {
  it('keeps the ink readable where 2 or 3 highlights of any colours overlap', () => {
    fc.assert(
      fc.property(fc.array(hexColor, { minLength: 2, maxLength: 3 }), (colors) => {
        const tint = overlapTint(colors);
        expect(tint).toMatch(HEX);
        expect(tint).not.toBe(PAPER);
        expect(contrastRatio(INK, tint)).toBeGreaterThanOrEqual(4.5);
      }),
      { numRuns: 2000 },
    );
  });

  it('reads darker than either highlight alone for light colours', () => {
    const a = '#f9a825';
    const b = '#7cb342';
    const both = relativeLuminance(overlapTint([a, b]));
    expect(both).toBeLessThan(relativeLuminance(highlightTint(a)));
    expect(both).toBeLessThan(relativeLuminance(highlightTint(b)));
  });

  it('is the single tint for one colour and the paper for none', () => {
    expect(overlapTint(['#2e7d32'])).toBe(highlightTint('#2e7d32'));
    expect(overlapTint([])).toBe(PAPER);
  });

  it('holds for three blacks', () => {
    expect(
      contrastRatio(INK, overlapTint(['#000000', '#000000', '#000000'])),
    ).toBeGreaterThanOrEqual(4.5);
  });
});
