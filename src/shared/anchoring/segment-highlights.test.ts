import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalText, placeBlocks, type Block } from '../article/article-model';
import { segmentHighlights, segmentsByBlock, type HighlightRange } from './segment-highlights';

const range = (id: string, start: number, end: number): HighlightRange => ({ id, start, end });

describe('segmentHighlights', () => {
  it('returns nothing for an empty window', () => {
    expect(segmentHighlights([range('a', 0, 5)], 3, 3)).toEqual([]);
  });

  it('returns one gap segment when there are no ranges', () => {
    expect(segmentHighlights([], 0, 10)).toEqual([{ start: 0, end: 10, ids: [] }]);
  });

  it('tiles disjoint ranges with the gaps between them', () => {
    expect(segmentHighlights([range('b', 6, 8), range('a', 2, 4)], 0, 10)).toEqual([
      { start: 0, end: 2, ids: [] },
      { start: 2, end: 4, ids: ['a'] },
      { start: 4, end: 6, ids: [] },
      { start: 6, end: 8, ids: ['b'] },
      { start: 8, end: 10, ids: [] },
    ]);
  });

  it('splits overlapping ranges, listing the longer one first', () => {
    expect(segmentHighlights([range('short', 4, 8), range('long', 0, 6)], 0, 8)).toEqual([
      { start: 0, end: 4, ids: ['long'] },
      { start: 4, end: 6, ids: ['long', 'short'] },
      { start: 6, end: 8, ids: ['short'] },
    ]);
  });

  it('orders equal-length ranges by start, then id', () => {
    const segments = segmentHighlights(
      [range('z', 2, 6), range('y', 0, 4), range('b', 2, 6)],
      0,
      6,
    );
    expect(segments.find((segment) => segment.start === 2)?.ids).toEqual(['y', 'b', 'z']);
  });

  it('nests an inner range inside an outer one', () => {
    expect(segmentHighlights([range('inner', 3, 5), range('outer', 1, 9)], 0, 10)).toEqual([
      { start: 0, end: 1, ids: [] },
      { start: 1, end: 3, ids: ['outer'] },
      { start: 3, end: 5, ids: ['outer', 'inner'] },
      { start: 5, end: 9, ids: ['outer'] },
      { start: 9, end: 10, ids: [] },
    ]);
  });

  it('keeps identical ranges together in one segment, ordered by id', () => {
    expect(segmentHighlights([range('b', 2, 5), range('a', 2, 5)], 2, 5)).toEqual([
      { start: 2, end: 5, ids: ['a', 'b'] },
    ]);
  });

  it('does not merge touching ranges', () => {
    expect(segmentHighlights([range('a', 0, 3), range('b', 3, 6)], 0, 6)).toEqual([
      { start: 0, end: 3, ids: ['a'] },
      { start: 3, end: 6, ids: ['b'] },
    ]);
  });

  it('clips ranges to the window and ignores empty ones', () => {
    expect(
      segmentHighlights([range('a', 0, 20), range('empty', 7, 7), range('outside', 30, 40)], 5, 10),
    ).toEqual([{ start: 5, end: 10, ids: ['a'] }]);
  });

  it('handles 2,000 ranges on a 100k-character span quickly', () => {
    const ranges = Array.from({ length: 2000 }, (_, i) =>
      range(`r${i}`, (i * 97) % 99_000, ((i * 97) % 99_000) + 1 + ((i * 31) % 400)),
    );
    const began = performance.now();
    const segments = segmentHighlights(ranges, 0, 100_000);
    const elapsed = performance.now() - began;
    expect(segments[0]?.start).toBe(0);
    expect(segments[segments.length - 1]?.end).toBe(100_000);
    expect(elapsed).toBeLessThan(200);
  });
});

describe('segmentsByBlock', () => {
  const blocks: Block[] = [
    { kind: 'headline', text: 'Title here' },
    { kind: 'paragraph', text: 'First paragraph.' },
    { kind: 'paragraph', text: 'Second one.' },
  ];
  const placed = placeBlocks(blocks);

  it('splits a range that crosses a block separator into one piece per block', () => {
    const [title, first, second] = placed;
    // From "here" in the headline to "Second" in the last paragraph.
    const crossing = range('x', title!.start + 6, second!.start + 6);
    const result = segmentsByBlock(blocks, [crossing]);
    expect(result).toEqual([
      [
        { start: 0, end: 6, ids: [] },
        { start: 6, end: title!.end, ids: ['x'] },
      ],
      [{ start: first!.start, end: first!.end, ids: ['x'] }],
      [
        { start: second!.start, end: second!.start + 6, ids: ['x'] },
        { start: second!.start + 6, end: second!.end, ids: [] },
      ],
    ]);
  });

  it('gives every block one gap segment when there are no ranges', () => {
    expect(segmentsByBlock(blocks, [])).toEqual(
      placed.map((block) => [{ start: block.start, end: block.end, ids: [] }]),
    );
  });
});

/** Blocks of short lowercase words plus ranges anywhere in their canonical text. */
const articleWithRanges = fc
  .array(fc.stringMatching(/^[a-z]{1,6}( [a-z]{1,6}){0,4}$/), { minLength: 1, maxLength: 5 })
  .chain((texts) => {
    const blocks: Block[] = texts.map((text) => ({ kind: 'paragraph', text }));
    const length = canonicalText(blocks).length;
    const rangeArb = fc
      .tuple(fc.nat({ max: length }), fc.nat({ max: length }))
      .map(([a, b]): [number, number] => (a <= b ? [a, b] : [b, a]));
    return fc.tuple(
      fc.constant(blocks),
      fc
        .array(rangeArb, { maxLength: 12 })
        .map((pairs) => pairs.map(([start, end], i) => range(`r${i}`, start, end))),
    );
  });

describe('segmentsByBlock properties', () => {
  it('reproduces each block, covers each position by exactly its ranges, never repeats ids', () => {
    fc.assert(
      fc.property(articleWithRanges, ([blocks, ranges]) => {
        const text = canonicalText(blocks);
        const result = segmentsByBlock(blocks, ranges);
        placeBlocks(blocks).forEach((block, index) => {
          const segments = result[index] ?? [];
          expect(segments.map((s) => text.slice(s.start, s.end)).join('')).toBe(block.text);
          expect(segments[0]?.start).toBe(block.start);
          segments.forEach((segment, i) => {
            expect(segment.end).toBeGreaterThan(segment.start);
            const previous = segments[i - 1];
            if (previous) {
              expect(segment.start).toBe(previous.end);
              expect(segment.ids).not.toEqual(previous.ids);
            }
            for (let at = segment.start; at < segment.end; at++) {
              const covering = ranges.filter((r) => r.start <= at && at < r.end).map((r) => r.id);
              expect([...segment.ids].sort()).toEqual(covering.sort());
            }
            // Outermost first: no listed range is longer than the one before it.
            const lengths = segment.ids.map((id) => {
              const r = ranges.find((candidate) => candidate.id === id)!;
              return r.end - r.start;
            });
            lengths
              .slice(1)
              .forEach((length, j) => expect(length).toBeLessThanOrEqual(lengths[j]!));
          });
        });
      }),
    );
  });
});
