import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PreviousList } from './previous-list';

describe('PreviousList', () => {
  it('finds exactly the items kept from the previous list, at their old places, however it changed', () => {
    const change = fc.oneof(
      fc.record({ add: fc.nat() }),
      fc.record({ remove: fc.nat() }),
      fc.record({ copy: fc.nat() }),
      fc.record({ reverse: fc.constant(true) }),
    );
    fc.assert(
      fc.property(fc.nat(12), fc.array(change, { maxLength: 4 }), (size, changes) => {
        const previous = Array.from({ length: size }, (_, i) => ({ id: `c${i}` }));
        let list = [...previous];
        changes.forEach((step, n) => {
          if ('add' in step) list.splice(step.add % (list.length + 1), 0, { id: `new${n}` });
          else if ('remove' in step && list.length > 0) list.splice(step.remove % list.length, 1);
          else if ('copy' in step && list.length > 0) {
            const i = step.copy % list.length;
            list[i] = { id: list[i]!.id };
          } else if ('reverse' in step) list = [...list].reverse();
        });
        const walk = new PreviousList(previous);
        for (const item of list) {
          const at = walk.indexOf(item);
          // Never a wrong answer: a found index holds this very item.
          if (at >= 0) expect(previous[at]).toBe(item);
        }
      }),
    );
  });

  it('finds every unchanged item when one was added, one removed and one copied', () => {
    const previous = ['a', 'b', 'c', 'd', 'e', 'f'].map((id) => ({ id }));
    const [a, b, , d, , f] = previous;
    const list = [a!, { id: 'new' }, b!, d!, { id: 'e' }, f!];
    const walk = new PreviousList(previous);
    expect(list.map((item) => walk.indexOf(item))).toEqual([0, -1, 1, 3, -1, 5]);
  });
});
