import fc from 'fast-check';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { splitFrontMatter } from './front-matter';
import { matchesPlain, PLAIN, writeYaml } from './yaml-writer';
import { nastyString } from './testing/arbitraries';

const yamlNasty = fc.oneof(
  nastyString(),
  fc.string({ unit: 'binary' }),
  fc
    .array(
      fc.constantFrom(' ', '\n', '\r', '\t', 'a', '#', ':', '-', '"', "'", '|', '>', '\\', '---'),
    )
    .map((parts) => parts.join('')),
  fc.constantFrom('yes', 'No', 'on', '0o7', '1_000', '2022-11-27', '~', 'null', '.inf', '1:20'),
);

describe('front matter YAML', () => {
  it('reads back every value exactly, with YAML 1.1 and 1.2 parsers', () => {
    fc.assert(
      fc.property(fc.dictionary(yamlNasty, yamlNasty, { maxKeys: 6 }), (dictionary) => {
        const values = Object.values(dictionary);
        const value = {
          dictionary,
          values,
          objects: values.map((text, n) => ({ text, n, none: null, list: [text, [text]] })),
          nested: { deeper: { text: values[0] ?? '' } },
        };
        const text = writeYaml(value);
        for (const version of ['1.1', '1.2'] as const) {
          expect(parse(text, { version })).toEqual(value);
        }
        // Nothing inside can close the front matter early.
        expect(text.split('\n').some((line) => /^(?:---|\.\.\.)\s*$/.test(line))).toBe(false);
      }),
      { numRuns: 2000 },
    );
  });

  it('keeps multi-line text readable as a block unless a line ends in whitespace', () => {
    expect(writeYaml({ note: 'line one\nline two' })).toBe('note: |-\n  line one\n  line two\n');
    expect(writeYaml({ note: 'trailing \nspace' })).toBe('note: "trailing \\nspace"\n');
    expect(writeYaml({ a: 'yes', b: 'Plain words, here.', c: '2022-11-27', d: '' })).toBe(
      'a: "yes"\nb: Plain words, here.\nc: "2022-11-27"\nd: ""\n',
    );
    expect(writeYaml({ list: [{ id: 'x', count: 1 }, 'z', 'n'], empty: [], none: null })).toBe(
      'list:\n  - id: x\n    count: 1\n  - z\n  - "n"\nempty: []\nnone: null\n',
    );
  });

  it('nests sequences and mappings at any depth', () => {
    const value = {
      a: [[1, ['x', { k: 'v', l: [{}, []] }]], { m: { n: [{ o: 'p', q: ['r'] }] } }],
      s: { t: 'multi\nline', u: 'é é' },
    };
    expect(writeYaml(value)).toBe(
      'a:\n  -\n    - 1\n    -\n      - x\n      - k: v\n        l:\n          - {}\n' +
        '          - []\n  - m:\n      "n":\n        - o: p\n          q:\n            - r\n' +
        's:\n  t: |-\n    multi\n    line\n  u: é é\n',
    );
    // Longer than one written chunk.
    const long = { list: Array.from({ length: 600 }, (_, i) => ({ i, s: `v ${i}` })) };
    expect(writeYaml(long)).toBe(
      `list:\n${long.list.map(({ i, s }) => `  - i: ${i}\n    s: ${s}\n`).join('')}`,
    );
  });

  it('decides plain style exactly as the PLAIN pattern does', () => {
    const plainish = fc
      .array(
        fc.oneof(
          fc.constantFrom(..."aZé9 ,.'’“”()!?-–—/+%:#_\n\t…·"),
          fc.string({ unit: 'grapheme', maxLength: 2 }),
          fc.string({ unit: 'binary', maxLength: 2 }),
        ),
        { maxLength: 12 },
      )
      .map((parts) => parts.join(''));
    fc.assert(
      fc.property(fc.oneof(plainish, fc.string({ unit: 'binary' })), (text) => {
        expect(matchesPlain(text)).toBe(PLAIN.test(text));
      }),
      { numRuns: 5000 },
    );
  });

  it('splits front matter from the body, whatever the line ends', () => {
    expect(splitFrontMatter('---\r\na: 1\r\n---\r\n\r\n# Body\r\n')).toEqual({
      yaml: 'a: 1',
      body: '\n# Body\n',
    });
    expect(splitFrontMatter('\uFEFF---\na: 1\n...\nrest')).toEqual({ yaml: 'a: 1', body: 'rest' });
    expect(splitFrontMatter('# No front matter\n---\n')).toBeUndefined();
    expect(splitFrontMatter('---\nnever closed\n')).toBeUndefined();
  });
});
