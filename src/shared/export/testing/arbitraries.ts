import fc from 'fast-check';
import type { Annotation, Evidence } from '../../annotation/annotation-model';
import { evidenceStances, claimStatuses } from '../../annotation/annotation-model';
import { buildTextQuote } from '../../anchoring/text-quote';
import { defaultTaxonomy } from '../../annotation/verdicts';
import { blockKinds, canonicalText, type Article, type Block } from '../../article/article-model';
import type { ArticleExportInput } from '../export-input';

/** Test support: fast-check arbitraries for export inputs full of Markdown's sharp edges. */

/** Pieces that have broken Markdown exports: syntax at line starts, delimiters, scripts, RTL. */
export const NASTY_PIECES: readonly string[] = [
  '*',
  '**',
  '_',
  '__',
  '[',
  ']',
  '[^1]',
  '[^1]:',
  '[x]: http://a.org',
  '#',
  '# ',
  '> ',
  '1. ',
  '1) ',
  '- ',
  '+ ',
  '`',
  '```',
  '~~~',
  '|',
  '| a |',
  '==',
  '=',
  '===',
  '{>>',
  '<<}',
  '{==',
  '==}',
  '{++',
  '--}',
  '~>',
  '<script>',
  '</script>',
  '<!--',
  '&amp;',
  '&#x3D;',
  '&',
  '😀',
  '👍🏽',
  'שלום',
  'مرحبا',
  '\u200f',
  '\n',
  ' ',
  '  ',
  '\t',
  '\\',
  '~',
  '~~',
  '!',
  '![',
  '(',
  ')',
  ':',
  ']:',
  'http://x.org/a_b',
  'www.a.org',
  'a@b.org',
  '\u00a0',
  '---',
  '***',
  '^',
  '<',
  '>',
  '"',
  "'",
  'e\u0301',
  '\u2028',
  '\f',
  '    code',
  'a',
  'word',
  '1',
  '.',
  '{',
  '}',
  '+',
  '-',
];

/** Text an article or a note can hold: no NUL (CommonMark cannot carry it), no lone surrogates. */
function clean(text: string): string {
  return text
    .replace(/\0/g, '')
    .replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '');
}

/** Arbitrary strings built from nasty pieces and arbitrary graphemes. */
export const nastyString = (maxPieces = 12): fc.Arbitrary<string> =>
  fc
    .array(
      fc.oneof(
        { weight: 3, arbitrary: fc.constantFrom(...NASTY_PIECES) },
        { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 4 }) },
        { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 4 }) },
      ),
      { maxLength: maxPieces },
    )
    .map((pieces) => clean(pieces.join('')));

/** A blank line by the article model's rule (a line of only whitespace). */
const BLANK_LINE = /\n[^\S\n]*\n/;

/** Block text as the model allows it: non-empty, no blank line inside, no CR (normalised). */
export const blockText: fc.Arbitrary<string> = nastyString()
  .map((text) => text.replace(/\r/g, ''))
  .filter((text) => text.length > 0 && !BLANK_LINE.test(text));

/** A list of blocks of any kinds. */
export const blocksArbitrary: fc.Arbitrary<Block[]> = fc.array(
  fc.record({ kind: fc.constantFrom(...blockKinds), text: blockText }),
  { minLength: 1, maxLength: 5 },
);

/** Lines of Markdown that open or close blocks: fences (closed or not), HTML, lists, quotes. */
const NOTE_LINES: readonly string[] = [
  '```',
  '```js',
  '~~~',
  '````',
  '   ```',
  '    ```',
  '> ```',
  '- ```',
  '``` a`b',
  'code',
  '',
  '# h',
  '- item',
  '  - nested',
  '1. one',
  '> quote',
  '| a | b |',
  '|---|---|',
  '<b>bold</b>',
  '<https://x.org>',
  '<a@b.org>',
  'a < b',
  '<!-- c -->',
  '<div',
  '[x]: http://a.org',
  '[^1]',
  '[^1]: n',
  '---',
  '===',
  'text ==mark==',
  '\\',
  '    indented',
  '\t tab',
  'a\r',
  '\r\n',
];

/** Notes: nasty strings (CR included), paragraphs of them, or lines of block Markdown. */
export const noteArbitrary: fc.Arbitrary<string> = fc.oneof(
  nastyString(),
  fc.array(nastyString(6), { maxLength: 4 }).map((lines) => lines.join('\n\n')),
  fc
    .array(fc.oneof(fc.constantFrom(...NOTE_LINES), nastyString(3)), { maxLength: 8 })
    .map((lines) => lines.join('\n')),
  fc.constantFrom('', '[^1]: x', '[^1]\n\n[^1]: x', 'a\n[^2]: b', '    indented', '\n\n# h\n'),
);

function isHigh(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

/** Widens `[start, end)` so it never splits a surrogate pair (as the app's selections never do). */
function snap(text: string, start: number, end: number): [number, number] {
  const s = start > 0 && isHigh(text.charCodeAt(start - 1)) ? start - 1 : start;
  const e = end < text.length && end > 0 && isHigh(text.charCodeAt(end - 1)) ? end + 1 : end;
  return [s, e];
}

const TIME = '2024-01-01T00:00:00.000Z';

const evidenceArbitrary: fc.Arbitrary<Evidence> = fc.record({
  id: fc.string({ minLength: 1, maxLength: 8 }),
  url: fc.webUrl({ withQueryParameters: true, withFragments: true }),
  title: nastyString(4),
  stance: fc.constantFrom(...evidenceStances),
});

/** An export input: arbitrary blocks and 0..6 annotations on arbitrary (overlapping) ranges. */
export const exportInputArbitrary: fc.Arbitrary<ArticleExportInput> = blocksArbitrary.chain(
  (blocks) => {
    const text = canonicalText(blocks);
    const taxonomy = defaultTaxonomy();
    const annotation = fc
      .record({
        from: fc.nat(),
        length: fc.nat(),
        verdictId: fc.constantFrom(null, 'unknown-verdict', ...taxonomy.verdicts.map((v) => v.id)),
        status: fc.constantFrom(...claimStatuses),
        summary: nastyString(4).filter((summary) => summary.length <= 75),
        note: noteArbitrary,
        labels: fc.array(fc.string({ minLength: 1, maxLength: 10 }), { maxLength: 2 }),
        evidence: fc.array(evidenceArbitrary, { maxLength: 2 }),
        orphaned: fc.boolean(),
      })
      .map((fields): Omit<Annotation, 'id'> => {
        const start0 = fields.from % text.length;
        const end0 = start0 + 1 + (fields.length % (text.length - start0));
        const [start, end] = snap(text, start0, end0);
        return {
          start,
          end,
          quote: buildTextQuote(text, start, end),
          verdictId: fields.verdictId,
          status: fields.status,
          summary: fields.summary,
          note: fields.note,
          labels: fields.labels,
          evidence: fields.evidence,
          anchor: fields.orphaned ? 'orphaned' : 'anchored',
          createdAt: TIME,
          updatedAt: TIME,
        };
      });
    return fc.array(annotation, { maxLength: 6 }).map((annotations): ArticleExportInput => {
      const article: Article = {
        id: 'article-1',
        metadata: { title: blocks[0]?.text ?? 'Untitled' },
        blocks,
        addedAt: TIME,
      };
      return {
        article,
        annotations: annotations.map((fields, index) => ({ id: `a${index + 1}`, ...fields })),
        taxonomy,
        exportedAt: TIME,
        generator: 'Factmark test',
      };
    });
  },
);
