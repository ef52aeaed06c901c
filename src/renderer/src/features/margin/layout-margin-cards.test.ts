import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CardStack, type MarginLayoutOptions } from './layout-margin-cards';

/** A card to place: where its highlight starts and how tall it is (px). */
interface MarginCardBox {
  id: string;
  anchorTop: number;
  height: number;
}

const card = (id: string, anchorTop: number, height: number): MarginCardBox => ({
  id,
  anchorTop,
  height,
});

/** The tops a `CardStack` gives `cards`, stacked in their order. */
function topsOf(cards: readonly MarginCardBox[], options?: MarginLayoutOptions): number[] {
  const stack = new CardStack(options);
  return cards.map((c) => stack.place(c.anchorTop, c.height));
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

/** Up to `max` cards with integer anchors in a crowded strip, heights 0..40, unique ids. */
const cardsArb = (max: number) =>
  fc
    .array(fc.tuple(fc.integer({ min: -50, max: 200 }), fc.integer({ min: 0, max: 40 })), {
      maxLength: max,
    })
    .map((rows) => rows.map(([anchorTop, height], i) => card(`c${i}`, anchorTop, height)));

describe('CardStack', () => {
  it('places nothing when there are no cards', () => {
    expect(topsOf([])).toEqual([]);
  });

  it('puts cards that fit exactly at their anchors', () => {
    const cards = [card('a', 10, 50), card('b', 68, 20), card('c', 300, 40)];
    expect(topsOf(cards)).toEqual([10, 68, 300]);
  });

  it('pushes the second of two colliding cards down, never the first up', () => {
    const cards = [card('a', 100, 10), card('b', 105, 10)];
    expect(topsOf(cards)).toEqual([100, 118]);
  });

  it('stacks a pile of cards downward from their shared anchor', () => {
    const cards = [card('a', 100, 10), card('b', 100, 10), card('c', 100, 10)];
    expect(topsOf(cards, { gap: 0 })).toEqual([100, 110, 120]);
  });

  it('never lifts a card above minTop', () => {
    const cards = [card('a', -30, 10), card('b', 5, 10), card('c', 5, 10)];
    expect(topsOf(cards, { gap: 2, minTop: 4 })).toEqual([4, 16, 28]);
  });

  it('keeps text order even when anchors are out of order', () => {
    const cards = [card('later', 200, 30), card('earlier', 50, 30)];
    const tops = topsOf(cards);
    expect(tops[1]).toBeGreaterThanOrEqual(tops[0]! + 30 + 8);
  });

  it('never overlaps, keeps order and matches the push-down layout', () => {
    fc.assert(
      fc.property(
        cardsArb(40),
        fc.integer({ min: 0, max: 16 }),
        fc.integer({ min: -20, max: 60 }),
        (cards, gap, minTop) => {
          const tops = topsOf(cards, { gap, minTop });
          expectNoOverlap(cards, tops, gap, minTop);
          expect(displacement(cards, tops)).toBeCloseTo(
            displacement(cards, greedyTops(cards, gap, minTop)),
            9,
          );
        },
      ),
    );
  });

  it('moves cards only down, and each as little as it can: level with its anchor or touching the card above', () => {
    fc.assert(
      fc.property(
        cardsArb(40),
        fc.integer({ min: 0, max: 16 }),
        fc.integer({ min: -20, max: 60 }),
        (cards, gap, minTop) => {
          const tops = topsOf(cards, { gap, minTop });
          cards.forEach((c, i) => {
            const top = tops[i]!;
            expect(top).toBeGreaterThanOrEqual(Math.max(c.anchorTop, minTop));
            const floor = i === 0 ? minTop : tops[i - 1]! + cards[i - 1]!.height + gap;
            // Anything lower than needed would be displacement no rule asks for.
            expect(top === Math.max(c.anchorTop, minTop) || Math.abs(top - floor) < 1e-9).toBe(
              true,
            );
          });
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
          const tops = topsOf(cards, { gap, minTop });
          const scaledTops = topsOf(scaled, { gap: gap * factor, minTop: minTop * factor });
          scaledTops.forEach((top, i) => expect(top).toBeCloseTo(tops[i]! * factor, 6));
        },
      ),
    );
  });
});
