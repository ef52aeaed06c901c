import fc from 'fast-check';
import type { ConstructName, SafeConfig, State } from 'mdast-util-to-markdown';
import { toMarkdown as serializeMdast } from 'mdast-util-to-markdown';
import { describe, expect, it } from 'vitest';
import { markdownBody } from './markdown-export';
import { nastyString } from './testing/arbitraries';
import { filterUnsafePatterns } from './unsafe-filter';

const RUNS = Number(process.env.FACTMARK_PROPERTY_RUNS ?? 300);

/** Characters the escaper's patterns look for or next to, and some they never do. */
const ALPHABET = [
  ...'!"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~',
  ...'wWps09aZ',
  ' ',
  '\t',
  '\r',
  '\n',
  '\v',
  '\f',
  '\u0000',
  '\u001f',
  '\u007f',
  '\u00a0',
  'é',
  '’',
  '\u2028',
  '😀',
];

/** Runs some pattern needs all of (a `before`, the character and an `after`). */
const FRAGMENTS = [
  's:/',
  'p:/',
  'https://',
  'www.',
  'WWW.',
  'w.a',
  'W.a',
  'a@b',
  '1.',
  '12)',
  '\n#',
  '\n-',
  '\n ',
  ' \n',
  '\t\n',
  '\r\r',
  '\n\n',
  '==',
  '{==',
  '++}',
  '<<}',
  '~>',
  '\\\n',
  '[^',
  '![',
  '](',
  '<a',
  '&#',
  '_a_',
  'a__b',
  '\n:-',
  '\n|-',
  '\n9. ',
  '\n 19) ',
  '\n> ',
  '\n+ ',
  '\n* ',
  '\n~',
  '\n=',
  '\n```',
];

const pieces = (maxLength: number) =>
  fc
    .array(fc.constantFrom(...ALPHABET, ...FRAGMENTS), { maxLength })
    .map((parts) => parts.join(''));

const markdownish = fc.oneof(
  nastyString(),
  pieces(4),
  pieces(16),
  fc.string({ unit: 'binary', maxLength: 12 }),
);

/** Contexts the handlers pass: none, one character, or a few (`==`, `[^`, `](`...). */
const context = fc.option(
  fc.oneof(
    fc.constantFrom('', '\n', '==', '[^', '](', '*', '[', '=', '>', '<', ' '),
    fc.array(fc.constantFrom(...ALPHABET), { maxLength: 4 }).map((chars) => chars.join('')),
  ),
  { nil: undefined },
);

const CONSTRUCTS: ConstructName[] = [
  'autolink',
  'blockquote',
  'codeFencedLangGraveAccent',
  'codeFencedLangTilde',
  'codeFencedMetaGraveAccent',
  'codeFencedMetaTilde',
  'destinationLiteral',
  'destinationRaw',
  'emphasis',
  'headingAtx',
  'label',
  'link',
  'listItem',
  'paragraph',
  'phrasing',
  'reference',
  'strong',
  'tableCell',
  'titleApostrophe',
  'titleQuote',
];

const stackArbitrary = fc.subarray(CONSTRUCTS);

const configArbitrary: fc.Arbitrary<SafeConfig> = fc.record(
  {
    before: context,
    after: context,
    encode: fc.option(fc.constantFrom(['&'], ['*', '_']), { nil: undefined }),
  },
  { requiredKeys: [] },
) as fc.Arbitrary<SafeConfig>;

/** Runs `check` with a live serializer state of the export's style, before any filtering. */
function withState(style: 'footnotes' | 'criticmarkup', check: (state: State) => void): void {
  const { serializer } = markdownBody(
    {
      article: { id: 'a', metadata: { title: 't' }, blocks: [], addedAt: '' },
      annotations: [],
      taxonomy: { presetId: 'none', verdicts: [] },
      exportedAt: '',
      generator: '',
    },
    { style },
  );
  serializeMdast(
    { type: 'root', children: [] },
    {
      ...serializer,
      handlers: {
        ...serializer.handlers,
        root: (_node, _parent, state) => {
          check(state);
          return '';
        },
      },
    },
  );
}

describe('the escaper with its patterns filtered', () => {
  for (const style of ['footnotes', 'criticmarkup'] as const) {
    it(`escapes exactly as mdast-util-to-markdown does (${style} patterns)`, () => {
      withState(style, (state) => {
        const escape = state.safe;
        filterUnsafePatterns(state);
        const filtered = state.safe;
        expect(filtered).not.toBe(escape);
        fc.assert(
          fc.property(markdownish, configArbitrary, stackArbitrary, (value, config, stack) => {
            state.stack = stack;
            expect(filtered(value, config)).toBe(escape.call(state, value, config));
          }),
          { numRuns: 20 * RUNS },
        );
      });
    });
  }
});
