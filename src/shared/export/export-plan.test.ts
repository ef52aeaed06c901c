import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalText, placeBlocks } from '../article/article-model';
import { canonicalTextOf } from './export-plan';
import { blocksArbitrary } from './testing/arbitraries';

describe('the canonical text read from placed blocks', () => {
  it('has the code units of the joined text at every offset', () => {
    const blocks = fc.oneof(
      blocksArbitrary,
      fc.array(fc.record({ kind: fc.constant('paragraph' as const), text: fc.string() })),
    );
    fc.assert(
      fc.property(blocks, (list) => {
        const joined = canonicalText(list);
        const read = canonicalTextOf(placeBlocks(list));
        expect(read.length).toBe(joined.length);
        for (let offset = -2; offset <= joined.length + 1; offset++) {
          expect(read.charCodeAt(offset)).toBe(joined.charCodeAt(offset));
        }
      }),
      { numRuns: 500 },
    );
  });
});
