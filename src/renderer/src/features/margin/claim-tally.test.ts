import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { newAnnotation, type Annotation } from '../../../../shared/annotation/annotation-model';
import { tallyOf, tallyWith, type ClaimTally } from './claim-tally';

function claim(id: string, fields: Partial<Annotation> = {}): Annotation {
  return {
    ...newAnnotation({
      id,
      start: 0,
      end: 4,
      quote: { exact: 'text', prefix: '', suffix: '' },
      verdictId: null,
      now: '2026-11-29T00:00:00.000Z',
    }),
    ...fields,
  };
}

/** A claim's fields that the tally counts, drawn small so that counts collide. */
const fields = fc.record({
  verdictId: fc.constantFrom(null, 'false', 'accurate'),
  status: fc.constantFrom('unreviewed' as const, 'in-progress' as const, 'done' as const),
  anchor: fc.constantFrom('anchored' as const, 'orphaned' as const),
  labels: fc.uniqueArray(fc.constantFrom('health', 'economy', 'quote'), { maxLength: 3 }),
  start: fc.nat(50),
  length: fc.integer({ min: 1, max: 30 }),
});

/** A change: put claim `id` in (new, or replacing its copy) with `fields`, or take it out. */
const change = fc.oneof(
  fc.record({ put: fc.constant(true as const), id: fc.nat(6), fields }),
  fc.record({ put: fc.constant(false as const), id: fc.nat(6) }),
);

function counted(tally: ClaimTally) {
  const { byVerdict, unreviewed, orphans, labels } = tally;
  return { byVerdict, unreviewed, orphans, labels };
}

describe('tallyWith', () => {
  it('keeps the same counts as counting the claims again, over any run of changes', () => {
    fc.assert(
      fc.property(fc.array(change, { maxLength: 40 }), (changes) => {
        const claims = new Map<string, Annotation>();
        let tally = tallyOf([]);
        for (const step of changes) {
          const id = `c${step.id}`;
          const before = claims.get(id);
          if (step.put) {
            const { start, length, ...rest } = step.fields;
            const after = claim(id, { ...rest, start, end: start + length });
            claims.set(id, after);
            tally = tallyWith(tally, before, after);
          } else if (before) {
            claims.delete(id);
            tally = tallyWith(tally, before, undefined);
          }
          const recounted = tallyOf([...claims.values()]);
          expect(counted(tally)).toEqual(counted(recounted));
          // Removals may leave it higher, never lower than the longest claim there is.
          expect(tally.longest).toBeGreaterThanOrEqual(recounted.longest);
        }
      }),
    );
  });

  it('counts claims by verdict, unreviewed, orphaned and label', () => {
    const tally = tallyOf([
      claim('a', { verdictId: 'false', labels: ['health'] }),
      claim('b', { verdictId: 'false', status: 'done', labels: ['health', 'quote'] }),
      claim('c', { anchor: 'orphaned', start: 10, end: 60 }),
    ]);
    expect(tally.byVerdict).toEqual(
      new Map([
        ['false', 2],
        ['none', 1],
      ]),
    );
    expect(tally.unreviewed).toBe(2);
    expect(tally.orphans).toBe(1);
    expect(tally.labels).toEqual(
      new Map([
        ['health', 2],
        ['quote', 1],
      ]),
    );
    expect(tally.longest).toBe(50);
  });

  it('keeps the parts a change leaves alone, so what shows them need not render again', () => {
    const tally = tallyOf([claim('a', { verdictId: 'false', labels: ['health'] })]);
    const added = tallyWith(tally, undefined, claim('b', { verdictId: 'false' }));
    expect(added.labels).toBe(tally.labels);
    const before = claim('b', { verdictId: 'false' });
    const edited = tallyWith(added, before, { ...before, note: 'checked' });
    expect(edited.byVerdict).toBe(added.byVerdict);
    expect(edited.labels).toBe(added.labels);
    const relabelled = tallyWith(edited, before, { ...before, labels: ['quote'] });
    expect(relabelled.labels).not.toBe(edited.labels);
    expect(relabelled.labels.get('quote')).toBe(1);
  });
});
