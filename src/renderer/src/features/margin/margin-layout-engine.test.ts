import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MarginLayoutEngine } from './margin-layout-engine';

const SETTINGS = { gap: 10, overscan: 100, defaultHeight: 50 };

/** What the engine writes to: the style of a card or of the column. */
type Box = { style: { top: string; visibility: string; minHeight: string } };
const box = (): Box => ({ style: { top: '', visibility: '', minHeight: '' } });
const idsOf = (claims: readonly { id: string }[]) => claims.map((claim) => claim.id);
const topOf = (b: Box) => (b.style.top === '' ? undefined : Number.parseFloat(b.style.top));

/** Callbacks waiting for the next paint, run by `paint()`. */
let waiting: (() => void)[] = [];
function paint() {
  const due = waiting;
  waiting = [];
  for (const callback of due) callback();
}
const afterPaint = (callback: () => void) => void waiting.push(callback);

/**
 * An engine with `ids` committed as React would (rendered, every rendered card tracked), then a
 * paint and the render the engine asks for after it (the overscan's cards), so it has settled.
 * `renders` counts the renders asked for from then on.
 */
function mounted(
  ids: readonly string[],
  anchorTops: Record<string, number>,
  keep: ReadonlySet<string> = new Set(),
) {
  const claims = ids.map((id) => ({ id }));
  let renders = 0;
  waiting = [];
  const engine = new MarginLayoutEngine(SETTINGS, () => renders++, afterPaint);
  for (const [id, top] of Object.entries(anchorTops)) engine.setAnchorTop(id, top);
  const cards = new Map<string, Box>();
  const column = box();
  const render = () => {
    const rendered = engine.rendered(claims, keep);
    for (const { id } of rendered) {
      if (cards.has(id)) continue;
      cards.set(id, box());
      engine.track(id, cards.get(id)!);
    }
    engine.commit(claims, keep, rendered, column);
    return idsOf(rendered);
  };
  const first = render();
  paint();
  const rendered = renders > 0 ? render() : first;
  renders = 0;
  return { engine, claims, cards, column, first, rendered, render, renders: () => renders };
}

describe('MarginLayoutEngine', () => {
  it('writes each card level with its highlight, or just below the card above', () => {
    const { engine, cards, column } = mounted(['a', 'b', 'c'], { a: 0, b: 20, c: 500 });
    engine.setHeights([
      ['a', 100],
      ['b', 40],
      ['c', 30],
    ]);
    expect(topOf(cards.get('a')!)).toBe(0);
    expect(topOf(cards.get('b')!)).toBe(110);
    expect(topOf(cards.get('c')!)).toBe(500);
    expect(column.style.minHeight).toBe('530px');
  });

  it('takes unmeasured cards at the average measured height, and unmeasured highlights with the claim before', () => {
    const { engine, cards } = mounted(['a', 'b', 'c'], { a: 0, c: 200 });
    // Nothing measured: the default height. b's highlight is unknown: it sits with a.
    expect(topOf(cards.get('b')!)).toBe(60);
    engine.setHeights([['a', 80]]);
    // b now counts as 80 tall (the average), so c, anchored at 200, is pushed below it.
    expect(topOf(cards.get('b')!)).toBe(90);
    expect(topOf(cards.get('c')!)).toBe(200);
    engine.setHeights([['b', 120]]);
    expect(topOf(cards.get('c')!)).toBe(220);
  });

  it('re-places cards when the tools above the column resize, without asking React to render', () => {
    const { engine, cards, renders } = mounted(['a', 'b'], { a: 0, b: 300 });
    engine.setShift(40);
    expect(topOf(cards.get('a')!)).toBe(40);
    expect(topOf(cards.get('b')!)).toBe(340);
    expect(renders()).toBe(0);
  });

  it('renders only cards near the viewport, plus those kept', () => {
    const ids = Array.from({ length: 50 }, (_, i) => `c${i}`);
    const anchors = Object.fromEntries(ids.map((id, i) => [id, i * 100]));
    const { engine, claims, rendered } = mounted(ids, anchors, new Set(['c40']));
    // Viewport 0..2000, overscan 100: cards whose box meets -100..2100, and the kept c40.
    expect(rendered).toEqual([...ids.slice(0, 22), 'c40']);
    expect(idsOf(engine.rendered(claims, new Set()))).toEqual(ids.slice(0, 22));
  });

  it('renders the cards in view at once, and those only in the overscan after the paint', () => {
    const ids = Array.from({ length: 50 }, (_, i) => `c${i}`);
    const anchors = Object.fromEntries(ids.map((id, i) => [id, i * 100]));
    const { engine, claims, first, rendered, render, renders } = mounted(
      ids,
      anchors,
      new Set(['c40']),
    );
    // The first render: the cards meeting the viewport 0..2000 (c20 starts at 2000), the kept
    // c40; c21 (2100..2150) meets only the overscan and came with the render after the paint.
    expect(first).toEqual([...ids.slice(0, 21), 'c40']);
    expect(rendered).toEqual([...ids.slice(0, 22), 'c40']);
    // Scrolling: c22..c25 come into view and render at once (c0..c2 are past twice the
    // overscan); c26 (2600..2650), only near, waits for the paint.
    engine.setViewport({ top: 500, bottom: 2500 });
    expect(renders()).toBe(1);
    expect(render()).toEqual([...ids.slice(3, 26), 'c40']);
    expect(renders()).toBe(1);
    paint();
    expect(renders()).toBe(2);
    expect(render()).toEqual([...ids.slice(3, 27), 'c40']);
    // Settled: nothing more is asked for.
    paint();
    expect(renders()).toBe(2);
    expect(idsOf(engine.rendered(claims, new Set(['c40'])))).toEqual([...ids.slice(3, 27), 'c40']);
  });

  it('asks for no render after the paint when the cards it waited for are no longer near', () => {
    const ids = Array.from({ length: 50 }, (_, i) => `c${i}`);
    const anchors = Object.fromEntries(ids.map((id, i) => [id, i * 100]));
    const { engine, render, renders } = mounted(ids, anchors);
    engine.setViewport({ top: 500, bottom: 2500 });
    render();
    // Before the paint, the reader scrolls back: c26 is not near any more.
    engine.setViewport({ top: 0, bottom: 2000 });
    render();
    expect(renders()).toBe(2);
    paint();
    expect(renders()).toBe(2);
  });

  it('asks React to render again only when the cards that should exist change', () => {
    const ids = Array.from({ length: 50 }, (_, i) => `c${i}`);
    const anchors = Object.fromEntries(ids.map((id, i) => [id, i * 100]));
    const { engine, renders } = mounted(ids, anchors);
    engine.setViewport({ top: 10, bottom: 2010 });
    expect(renders()).toBe(0);
    engine.setViewport({ top: 3000, bottom: 5000 });
    expect(renders()).toBe(1);
  });

  it('keeps a rendered card nudged just past the overscan, without asking React to render', () => {
    // Cards 50 tall, 60 apart: with the viewport 0..2000 and overscan 100, c0..c35 are near.
    const ids = Array.from({ length: 60 }, (_, i) => `c${i}`);
    const anchors = Object.fromEntries(ids.map((id, i) => [id, i * 60]));
    const { engine, claims, rendered, renders } = mounted(ids, anchors);
    expect(rendered).toEqual(ids.slice(0, 36));
    engine.setHeights(ids.map((id) => [id, 50] as const));
    expect(renders()).toBe(0);
    // The first card grows by 100: every card below moves down, c34 and c35 past 2100.
    engine.setHeights([['c0', 150]]);
    expect(renders()).toBe(0);
    expect(idsOf(engine.rendered(claims, new Set()))).toEqual(ids.slice(0, 36));
  });

  it('drops a rendered card once past twice the overscan, and adds the cards now near', () => {
    const ids = Array.from({ length: 50 }, (_, i) => `c${i}`);
    const anchors = Object.fromEntries(ids.map((id, i) => [id, i * 100]));
    const { engine, claims, render, renders } = mounted(ids, anchors);
    // Near now: 200..2400 (c2..c24); within twice the overscan: 100..2500. c0 (0..50) is past it;
    // c1 (100..150), rendered, is within it and stays. c22 and c23 come into view at once, c24
    // (in the overscan only) after the paint.
    engine.setViewport({ top: 300, bottom: 2300 });
    expect(renders()).toBe(1);
    expect(idsOf(engine.rendered(claims, new Set()))).toEqual(ids.slice(1, 24));
    render();
    paint();
    expect(idsOf(engine.rendered(claims, new Set()))).toEqual(ids.slice(1, 25));
  });

  it('keeps a card hidden until it has a place', () => {
    const engine = new MarginLayoutEngine(SETTINGS, () => {}, afterPaint);
    const card = box();
    engine.track('x', card);
    expect(card.style.visibility).toBe('hidden');
    engine.setAnchorTop('x', 30);
    const claims = [{ id: 'x' }];
    engine.commit(claims, new Set(), engine.rendered(claims, new Set()), null);
    expect(card.style.visibility).toBe('');
    expect(topOf(card)).toBe(30);
  });

  it('places a primed claim in the render that shows it', () => {
    const { engine } = mounted(['a'], { a: 0 });
    engine.setAnchorTop('new', 700);
    const claims = [{ id: 'a' }, { id: 'new' }];
    expect(engine.isPlaced('new')).toBe(false);
    expect(idsOf(engine.rendered(claims, new Set()))).toEqual(['a', 'new']);
    expect(engine.isPlaced('new')).toBe(true);
    const card = box();
    engine.track('new', card);
    expect(topOf(card)).toBe(700);
  });

  it('never overlaps cards, never puts one above its highlight or the column, whatever is measured', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 5000 }), fc.integer({ min: 10, max: 400 })), {
          minLength: 1,
          maxLength: 40,
        }),
        fc.integer({ min: -50, max: 200 }),
        (claims, shift) => {
          const sorted = [...claims].sort((a, b) => a[0] - b[0]);
          const ids = sorted.map((_, i) => `c${i}`);
          const keep = new Set(ids);
          const { engine, cards } = mounted(
            ids,
            Object.fromEntries(sorted.map(([anchor], i) => [`c${i}`, anchor])),
            keep,
          );
          engine.setShift(shift);
          engine.setHeights(sorted.map(([, height], i) => [`c${i}`, height] as const));
          // The column's top is the first floor: no card goes above it.
          let floor = 0;
          sorted.forEach(([anchor, height], i) => {
            const top = topOf(cards.get(`c${i}`)!)!;
            expect(top).toBeGreaterThanOrEqual(anchor + shift);
            expect(top).toBeGreaterThanOrEqual(floor);
            // Level with its highlight, or touching what is above: no needless displacement.
            expect(top === anchor + shift || top === floor).toBe(true);
            floor = top + height + SETTINGS.gap;
          });
        },
      ),
    );
  });

  it('places the claims as a fresh engine would, however the list changes between placements', () => {
    // A claim list edited the ways the app edits it: a claim added anywhere, one taken out, one
    // replaced by a new copy of itself (a saved note), or everything replaced (another article).
    const change = fc.oneof(
      fc.record({ add: fc.nat(), anchor: fc.integer({ min: 0, max: 3000 }) }),
      fc.record({ remove: fc.nat() }),
      fc.record({ replace: fc.nat() }),
      fc.record({ shuffle: fc.constant(true) }),
    );
    fc.assert(
      fc.property(fc.array(change, { maxLength: 30 }), (changes) => {
        const keep = new Set<string>();
        const engine = new MarginLayoutEngine(SETTINGS, () => {}, afterPaint);
        let claims: { id: string }[] = [];
        const anchors = new Map<string, number>();
        changes.forEach((step, n) => {
          if ('add' in step) {
            const id = `c${n}`;
            anchors.set(id, step.anchor);
            engine.setAnchorTop(id, step.anchor);
            engine.setHeights([[id, 20 + (step.anchor % 90)]]);
            claims = [...claims];
            claims.splice(step.add % (claims.length + 1), 0, { id });
          } else if ('remove' in step && claims.length > 0) {
            claims = claims.filter((_, i) => i !== step.remove % claims.length);
          } else if ('replace' in step && claims.length > 0) {
            claims = claims.map((c, i) => (i === step.replace % claims.length ? { id: c.id } : c));
          } else if ('shuffle' in step) {
            claims = [...claims].reverse().map((c) => ({ id: c.id }));
          }
          const card = new Map(claims.map(({ id }) => [id, box()]));
          for (const [id, element] of card) engine.track(id, element);
          engine.commit(claims, keep, engine.rendered(claims, keep), null);
          // A fresh engine given the same claims, anchors and heights.
          const fresh = new MarginLayoutEngine(SETTINGS, () => {}, afterPaint);
          for (const { id } of claims) {
            fresh.setAnchorTop(id, anchors.get(id));
            fresh.setHeights([[id, 20 + (anchors.get(id)! % 90)]]);
          }
          const freshCard = new Map(claims.map(({ id }) => [id, box()]));
          for (const [id, element] of freshCard) fresh.track(id, element);
          fresh.commit(claims, keep, fresh.rendered(claims, keep), null);
          expect(claims.map(({ id }) => card.get(id)!.style.top)).toEqual(
            claims.map(({ id }) => freshCard.get(id)!.style.top),
          );
          for (const { id } of claims) engine.track(id, null);
        });
      }),
    );
  });
});
