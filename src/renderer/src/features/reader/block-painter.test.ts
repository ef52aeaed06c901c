import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { newAnnotation, type Annotation } from '../../../../shared/annotation/annotation-model';
import type { Verdict } from '../../../../shared/annotation/verdicts';
import { segmentsOfSpans } from '../../../../shared/anchoring/segment-highlights';
import { placeBlocks } from '../../../../shared/article/article-model';
import { matchesFilter, noFilter, type ClaimFilter } from '../margin/claim-filter';
import { BlockPainter, claimsMeeting, type PaintRequest } from './block-painter';
import { paintBlock, type HighlightStyle } from './highlight-paint';

const verdicts: Verdict[] = [
  { id: 'false', label: 'False', color: '#c62828', rating: 0 },
  { id: 'accurate', label: 'Accurate', color: '#2e7d32', rating: 5 },
];
// Ten blocks of 20 characters: block i covers [22i, 22i + 20).
const blocks = placeBlocks(
  Array.from({ length: 10 }, () => ({ kind: 'paragraph' as const, text: 'x'.repeat(20) })),
);

function claim(id: string, start: number, length: number, verdictId: string | null): Annotation {
  return newAnnotation({
    id,
    start,
    end: start + length,
    quote: { exact: 'x'.repeat(length), prefix: '', suffix: '' },
    verdictId,
    now: '2026-11-29T00:00:00.000Z',
  });
}

/** The paints as computed from scratch: every claim in the window, segmented and painted. */
function paintedAfresh(request: PaintRequest) {
  const shown = request.blocks.slice(request.first, request.last + 1);
  const colors = new Map(request.verdicts.map((v) => [v.id, v.color]));
  const styles = new Map<string, HighlightStyle>(
    request.claims.map((c) => [
      c.id,
      {
        color: (c.verdictId && colors.get(c.verdictId)) || '#8a8b90',
        dimmed: !matchesFilter(c, request.filter),
      },
    ]),
  );
  const paints: (ReturnType<typeof paintBlock> | undefined)[] = [];
  segmentsOfSpans(request.claims, shown).forEach((segments, i) => {
    if (segments.some((s) => s.ids.length > 0))
      paints[request.first + i] = paintBlock(segments, styles);
  });
  return paints;
}

function inTextOrder(claims: Annotation[]): Annotation[] {
  return [...claims].sort((a, b) => a.start - b.start || a.end - b.end);
}

const claimArb = fc.record({
  start: fc.nat(215),
  length: fc.integer({ min: 1, max: 40 }),
  verdictId: fc.constantFrom(null, 'false', 'accurate'),
});
/** One step of a reading session: a claim added, one's verdict changed, a scroll, a filter. */
const step = fc.oneof(
  fc.record({ add: claimArb }),
  fc.record({ retag: fc.nat(), verdictId: fc.constantFrom(null, 'false', 'accurate') }),
  fc.record({ scroll: fc.tuple(fc.nat(9), fc.nat(9)) }),
  fc.record({ copy: fc.nat() }),
  fc.record({ review: fc.nat() }),
  fc.record({
    filter: fc.record({
      verdictId: fc.constantFrom('', 'false'),
      status: fc.constantFrom('' as const, 'done' as const),
    }),
  }),
);

describe('BlockPainter', () => {
  it('paints every window as painting it from scratch would, through any run of changes', () => {
    fc.assert(
      fc.property(fc.array(step, { maxLength: 25 }), (steps) => {
        const painter = new BlockPainter();
        let claims: Annotation[] = [];
        let [first, last] = [0, 9];
        let filter: ClaimFilter = noFilter;
        steps.forEach((s, n) => {
          if ('add' in s)
            claims = inTextOrder([
              ...claims,
              claim(`c${n}`, s.add.start, s.add.length, s.add.verdictId),
            ]);
          else if ('retag' in s && claims.length > 0) {
            const i = s.retag % claims.length;
            claims = claims.map((c, j) => (j === i ? { ...c, verdictId: s.verdictId } : c));
          } else if ('scroll' in s) [first, last] = [Math.min(...s.scroll), Math.max(...s.scroll)];
          else if ('copy' in s && claims.length > 0) {
            // A stored copy, or a note edited: the same claim as a new object.
            const i = s.copy % claims.length;
            claims = claims.map((c, j) => (j === i ? { ...c, note: `note ${n}` } : c));
          } else if ('review' in s && claims.length > 0) {
            const i = s.review % claims.length;
            claims = claims.map((c, j) => (j === i ? { ...c, status: 'done' as const } : c));
          } else if ('filter' in s) filter = { ...noFilter, ...s.filter };
          const request: PaintRequest = {
            blocks,
            first,
            last,
            claims,
            longest: 40,
            verdicts,
            filter,
          };
          expect(painter.paint(request)).toEqual(paintedAfresh(request));
        });
      }),
    );
  });

  it('keeps the paint of every block a new claim does not touch, and repaints the one it does', () => {
    const painter = new BlockPainter();
    const request = (claims: Annotation[]): PaintRequest => ({
      blocks,
      first: 0,
      last: 9,
      claims,
      longest: 40,
      verdicts,
      filter: noFilter,
    });
    const claims = [
      claim('a', 2, 5, 'false'),
      claim('a2', 24, 5, 'false'),
      claim('b', 46, 5, null),
      claim('b2', 68, 5, null),
      claim('c', 90, 5, null),
    ];
    const before = painter.paint(request(claims));
    const added = claim('new', 48, 10, 'accurate');
    const after = painter.paint(request(inTextOrder([...claims, added])));
    expect(after[0]).toBe(before[0]);
    expect(after[1]).toBe(before[1]);
    expect(after[3]).toBe(before[3]);
    expect(after[4]).toBe(before[4]);
    expect(after[2]).not.toBe(before[2]);
    expect(after[2]!.marks.some((mark) => mark.ids.includes('new'))).toBe(true);
    // The new claim's stored copy (same span and verdict) leaves every paint as it was.
    const stored = { ...added, updatedAt: '2026-11-29T00:00:01.000Z' };
    const settled = painter.paint(request(inTextOrder([...claims, stored])));
    expect(settled[2]).toBe(after[2]);
  });
});

describe('claimsMeeting', () => {
  it('finds exactly the claims that overlap a range, in text order', () => {
    fc.assert(
      fc.property(
        fc.array(claimArb, { maxLength: 30 }),
        fc.nat(250),
        fc.nat(40),
        (list, from, width) => {
          const claims = inTextOrder(list.map((c, i) => claim(`c${i}`, c.start, c.length, null)));
          const to = from + width;
          expect(claimsMeeting(claims, from, to, 40)).toEqual(
            claims.filter((c) => c.start < to && c.end > from),
          );
        },
      ),
    );
  });
});
