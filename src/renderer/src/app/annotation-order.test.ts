import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { newAnnotation, type Annotation } from '../../../shared/annotation/annotation-model';
import { inTextOrder, withAnnotation } from './annotation-order';

function claim(id: string, start: number, length: number): Annotation {
  return newAnnotation({
    id,
    start,
    end: start + length,
    quote: { exact: 'x'.repeat(length), prefix: '', suffix: '' },
    verdictId: null,
    now: '2026-11-28T00:00:00.000Z',
  });
}

const spans = fc.array(fc.tuple(fc.nat(40), fc.integer({ min: 1, max: 8 })), { maxLength: 30 });

describe('withAnnotation', () => {
  it('puts a new claim where sorting the list with it appended would', () => {
    fc.assert(
      fc.property(spans, fc.tuple(fc.nat(40), fc.integer({ min: 1, max: 8 })), (list, [s, l]) => {
        const shown = inTextOrder(list.map(([start, length], i) => claim(`c${i}`, start, length)));
        const added = claim('new', s, l);
        const { annotations, replaced } = withAnnotation(shown, added);
        expect(annotations).toEqual(inTextOrder([...shown, added]));
        expect(replaced).toBeUndefined();
        // Told it is new, it puts it in the same place without looking for an older copy.
        expect(withAnnotation(shown, added, true).annotations).toEqual(annotations);
      }),
    );
  });

  it('replaces a changed claim in place of its older copy, and moves it when its span moved', () => {
    fc.assert(
      fc.property(
        spans.filter((list) => list.length > 0),
        fc.nat(),
        fc.tuple(fc.nat(40), fc.integer({ min: 1, max: 8 })),
        (list, pick, [s, l]) => {
          const shown = inTextOrder(
            list.map(([start, length], i) => claim(`c${i}`, start, length)),
          );
          const old = shown[pick % shown.length]!;
          const changed = { ...claim(old.id, s, l), note: 'edited' };
          const { annotations: next, replaced } = withAnnotation(shown, changed);
          expect(replaced).toBe(old);
          expect(next).toHaveLength(shown.length);
          expect(next.filter((a) => a.id === old.id)).toEqual([changed]);
          expect(next).toEqual(inTextOrder([...shown.filter((a) => a.id !== old.id), changed]));
        },
      ),
    );
  });

  it('leaves the list it was given unchanged', () => {
    const shown = [claim('a', 0, 3), claim('b', 5, 2)];
    const copy = [...shown];
    withAnnotation(shown, claim('c', 1, 1));
    expect(shown).toEqual(copy);
  });
});
