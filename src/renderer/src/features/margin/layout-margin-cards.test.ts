import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { layoutMarginCards, type MarginCardBox } from './layout-margin-cards';

const card = (id: string, anchorTop: number, height: number): MarginCardBox => ({
  id,
  anchorTop,
  height,
});

function topsOf(cards: readonly MarginCardBox[], layout: Map<string, number>): number[] {
  return cards.map((c) => {
    const top = layout.get(c.id);
    if (top === undefined) throw new Error(`no top for ${c.id}`);
    return top;
  });
}

function displacement(cards: readonly MarginCardBox[], tops: readonly number[]): number {
  return cards.reduce((sum, c, i) => sum + Math.abs((tops[i] as number) - c.anchorTop), 0);
}

/** The naive layout: each card at its anchor unless that overlaps the one above, then just below. */
function greedyTops(cards: readonly MarginCardBox[], gap: number, minTop: number): number[] {
  let floor = minTop;
  return cards.map((c) => {
    const top = Math.max(c.anchorTop, floor);
    floor = top + c.height + gap;
    return top;
  });
}

function expectNoOverlap(
  cards: readonly MarginCardBox[],
  tops: readonly number[],
  gap: number,
  minTop: number,
): void {
  cards.forEach((c, i) => {
    if (i === 0) expect(tops[0]).toBeGreaterThanOrEqual(minTop - 1e-9);
    else {
      const above = cards[i - 1] as MarginCardBox;
      expect(tops[i]).toBeGreaterThanOrEqual((tops[i - 1] as number) + above.height + gap - 1e-9);
    }
  });
}

/**
 * Every feasible optimal layout, by exhaustion. With offsets removed the problem is an L1
 * isotonic regression bounded below, whose optima can all be taken from the targets and the
 * bound, so enumerating non-decreasing picks from that set finds the true minimum.
 */
function bruteForceOptima(
  cards: readonly MarginCardBox[],
  gap: number,
  minTop: number,
): { cost: number; layouts: number[][] } {
  const offsets: number[] = [];
  let stacked = 0;
  for (const c of cards) {
    offsets.push(stacked);
    stacked += c.height + gap;
  }
  const candidates = [...new Set([minTop, ...cards.map((c, i) => c.anchorTop - offsets[i]!)])]
    .filter((value) => value >= minTop)
    .sort((a, b) => a - b);
  let cost = Infinity;
  let layouts: number[][] = [];
  const pick = (i: number, lowest: number, chosen: number[]): void => {
    if (i === cards.length) {
      const tops = chosen.map((x, j) => x + offsets[j]!);
      const total = displacement(cards, tops);
      if (total < cost - 1e-9) {
        cost = total;
        layouts = [tops];
      } else if (Math.abs(total - cost) <= 1e-9) layouts.push(tops);
      return;
    }
    for (const x of candidates) if (x >= lowest) pick(i + 1, x, [...chosen, x]);
  };
  pick(0, -Infinity, []);
  return { cost, layouts };
}

/** Up to `max` cards with integer anchors in a crowded strip, heights 0..40, unique ids. */
const cardsArb = (max: number) =>
  fc
    .array(fc.tuple(fc.integer({ min: -50, max: 200 }), fc.integer({ min: 0, max: 40 })), {
      maxLength: max,
    })
    .map((rows) => rows.map(([anchorTop, height], i) => card(`c${i}`, anchorTop, height)));

describe('layoutMarginCards', () => {
  it('places nothing when there are no cards', () => {
    expect(layoutMarginCards([]).size).toBe(0);
  });

  it('puts cards that fit exactly at their anchors', () => {
    const cards = [card('a', 10, 50), card('b', 68, 20), card('c', 300, 40)];
    expect(topsOf(cards, layoutMarginCards(cards))).toEqual([10, 68, 300]);
  });

  it('leaves the first of two colliding cards in place and moves only the second', () => {
    // Any split of the 13 px overlap costs the same in L1; the first card need not move up.
    const cards = [card('a', 100, 10), card('b', 105, 10)];
    expect(topsOf(cards, layoutMarginCards(cards))).toEqual([100, 118]);
  });

  it('centres a pile of cards on their shared anchor rather than pushing them all down', () => {
    const cards = [card('a', 100, 10), card('b', 100, 10), card('c', 100, 10)];
    const tops = topsOf(cards, layoutMarginCards(cards, { gap: 0 }));
    expect(tops).toEqual([90, 100, 110]);
    expect(displacement(cards, tops)).toBe(20);
    expect(displacement(cards, greedyTops(cards, 0, 0))).toBe(30);
  });

  it('never lifts a card above minTop', () => {
    const cards = [card('a', 5, 10), card('b', 5, 10), card('c', 5, 10)];
    expect(topsOf(cards, layoutMarginCards(cards, { gap: 2, minTop: 4 }))).toEqual([4, 16, 28]);
  });

  it('keeps text order even when anchors are out of order', () => {
    const cards = [card('later', 200, 30), card('earlier', 50, 30)];
    const tops = topsOf(cards, layoutMarginCards(cards));
    expect(tops[1]).toBeGreaterThanOrEqual(tops[0]! + 30 + 8);
  });

  it('lays out 1,000 cards in well under a millisecond once warm', () => {
    const cards = Array.from({ length: 1000 }, (_, i) =>
      card(`c${i}`, i * 20 + ((i * 37) % 50), 40 + ((i * 13) % 60)),
    );
    // Let the JIT settle, then take the best of several runs so a busy machine cannot fail this.
    for (let i = 0; i < 30; i++) layoutMarginCards(cards);
    let fastest = Infinity;
    for (let i = 0; i < 20; i++) {
      const began = performance.now();
      const layout = layoutMarginCards(cards);
      fastest = Math.min(fastest, performance.now() - began);
      expect(layout.size).toBe(1000);
    }
    expect(fastest).toBeLessThan(2);
  });

  it('never overlaps, keeps order and moves cards no more than the greedy push-down', () => {
    fc.assert(
      fc.property(
        cardsArb(40),
        fc.integer({ min: 0, max: 16 }),
        fc.integer({ min: -20, max: 60 }),
        (cards, gap, minTop) => {
          const tops = topsOf(cards, layoutMarginCards(cards, { gap, minTop }));
          expectNoOverlap(cards, tops, gap, minTop);
          expect(displacement(cards, tops)).toBeLessThanOrEqual(
            displacement(cards, greedyTops(cards, gap, minTop)) + 1e-9,
          );
        },
      ),
    );
  });

  it('is optimal, and the lowest optimum, against exhaustive search for up to 4 cards', () => {
    fc.assert(
      fc.property(
        cardsArb(4),
        fc.integer({ min: 0, max: 16 }),
        fc.integer({ min: -20, max: 60 }),
        (cards, gap, minTop) => {
          const tops = topsOf(cards, layoutMarginCards(cards, { gap, minTop }));
          const best = bruteForceOptima(cards, gap, minTop);
          expect(displacement(cards, tops)).toBeCloseTo(best.cost, 9);
          // No card moves up unless that pays: ours is at least as low as every optimum.
          for (const other of best.layouts) {
            other.forEach((top, i) => expect(tops[i]).toBeGreaterThanOrEqual(top - 1e-9));
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('scales with the margin: scaling every input length scales every top', () => {
    fc.assert(
      fc.property(
        cardsArb(30),
        fc.integer({ min: 0, max: 16 }),
        fc.integer({ min: -20, max: 60 }),
        fc.double({ min: 0.25, max: 4, noNaN: true }),
        (cards, gap, minTop, factor) => {
          const scaled = cards.map((c) => card(c.id, c.anchorTop * factor, c.height * factor));
          const tops = topsOf(cards, layoutMarginCards(cards, { gap, minTop }));
          const scaledTops = topsOf(
            scaled,
            layoutMarginCards(scaled, { gap: gap * factor, minTop: minTop * factor }),
          );
          scaledTops.forEach((top, i) => expect(top).toBeCloseTo(tops[i]! * factor, 6));
        },
      ),
    );
  });
});
