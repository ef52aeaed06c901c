import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { codePointOffsets } from './code-points';

describe('codePointOffsets', () => {
  it('counts an emoji before a quote as one code point', () => {
    const text = '😀 said “this”';
    const toCodePoints = codePointOffsets(text);
    expect(toCodePoints(text.indexOf('“'))).toBe(Array.from(text).indexOf('“'));
    expect(toCodePoints(text.indexOf('“'))).toBe(text.indexOf('“') - 1);
    expect(toCodePoints(0)).toBe(0);
    expect(toCodePoints(text.length)).toBe(Array.from(text).length);
  });

  it('agrees with counting the code points of the prefix, for any text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), fc.nat(), (text, at) => {
        const codeUnits: number[] = [0];
        for (const point of text) codeUnits.push(codeUnits[codeUnits.length - 1]! + point.length);
        const offset = codeUnits[at % codeUnits.length]!;
        expect(codePointOffsets(text)(offset)).toBe(Array.from(text.slice(0, offset)).length);
      }),
    );
  });
});
