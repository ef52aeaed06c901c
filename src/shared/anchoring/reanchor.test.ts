import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { buildTextQuote } from './text-quote';
import { reanchorAll, reanchorAnnotation, type StoredAnchor } from './reanchor';

const ARTICLE = [
  'The council met on Tuesday to discuss the budget.',
  'According to the report, the unemployment rate fell to 4 percent last year, the lowest since 2008.',
  'Critics said the figures left out people who had stopped looking for work.',
  'The ministry did not respond to a request for comment.',
  'Housing costs rose by 12 percent in the same period, the survey found.',
].join(' ');

function anchorOn(text: string, exact: string, occurrence = 0): StoredAnchor {
  let start = -1;
  for (let i = 0; i <= occurrence; i += 1) start = text.indexOf(exact, start + 1);
  if (start < 0) throw new Error(`"${exact}" not in text`);
  const end = start + exact.length;
  return { start, end, quote: buildTextQuote(text, start, end) };
}

function both(text: string, anchor: StoredAnchor) {
  const single = reanchorAnnotation(text, anchor);
  const [batch] = reanchorAll(text, [anchor]);
  return { single, batch };
}

describe('reanchorAnnotation / reanchorAll', () => {
  it('keeps an annotation where it was when the text is unchanged', () => {
    const anchor = anchorOn(ARTICLE, 'the unemployment rate fell to 4 percent');
    const expected = { state: 'anchored', start: anchor.start, end: anchor.end };
    expect(both(ARTICLE, anchor)).toEqual({ single: expected, batch: expected });
  });

  it('follows the quote when text is inserted before it', () => {
    const anchor = anchorOn(ARTICLE, 'Housing costs rose by 12 percent');
    const inserted = 'Editor’s note: this article was corrected on 3 May. ';
    const changed = inserted + ARTICLE;
    const expected = {
      state: 'anchored',
      start: anchor.start + inserted.length,
      end: anchor.end + inserted.length,
    };
    expect(both(changed, anchor)).toEqual({ single: expected, batch: expected });
  });

  it('flags a quote edited by one word as wording-changed, with the new wording', () => {
    const anchor = anchorOn(ARTICLE, 'the unemployment rate fell to 4 percent last year');
    const changed = ARTICLE.replace('rate fell to', 'rate rose to');
    const expected = {
      state: 'wording-changed',
      start: anchor.start,
      end: anchor.end,
      exact: 'the unemployment rate rose to 4 percent last year',
    };
    expect(both(changed, anchor)).toEqual({ single: expected, batch: expected });
  });

  it('re-finds a short quote whose one word changed inside intact context', () => {
    const anchor = anchorOn(ARTICLE, 'rose by 12 percent');
    const changed = ARTICLE.replace('rose by 12 percent', 'rose by 15 percent');
    const { single } = both(changed, anchor);
    expect(single).toEqual({
      state: 'wording-changed',
      start: anchor.start,
      end: anchor.end,
      exact: 'rose by 15 percent',
    });
  });

  it('orphans a deleted quote', () => {
    const anchor = anchorOn(ARTICLE, 'Critics said the figures left out people');
    const sentence = 'Critics said the figures left out people who had stopped looking for work. ';
    const changed = ARTICLE.replace(sentence, '');
    expect(changed).not.toContain('Critics');
    expect(both(changed, anchor)).toEqual({
      single: { state: 'orphaned' },
      batch: { state: 'orphaned' },
    });
  });

  it('orphans a deleted short quote instead of landing on a look-alike far away', () => {
    const padding = `${ARTICLE} `.repeat(6);
    const text = `On Monday the mayor said nothing. ${padding}Later the mayor said the budget was balanced. ${ARTICLE}`;
    const anchor = anchorOn(text, 'the mayor said', 1);
    const changed = text.replace('Later the mayor said the budget was balanced. ', '');
    expect(changed).toContain('the mayor said');
    expect(both(changed, anchor)).toEqual({
      single: { state: 'orphaned' },
      batch: { state: 'orphaned' },
    });
  });

  it('in a batch, orphans a deleted quote with a look-alike just beyond its neighbours', () => {
    const text = `On Monday the mayor said nothing. ${ARTICLE} Later the mayor said the budget was balanced. ${ARTICLE}`;
    const deleted = anchorOn(text, 'the mayor said', 1);
    // Annotations either side of it stay put and bound where it could be.
    const neighbours = [
      anchorOn(text, 'Housing costs rose', 0),
      anchorOn(text, 'The council met', 1),
    ];
    const changed = text.replace('Later the mayor said the budget was balanced. ', '');
    const [result] = reanchorAll(changed, [deleted, ...neighbours]);
    expect(result).toEqual({ state: 'orphaned' });
  });

  it('tells two copies of a quote apart by their context', () => {
    const sentence = 'The figures have not been independently verified.';
    const text = `Officials cited a 40 percent rise. ${sentence} Separately, the mayor quoted 3 million visitors. ${sentence} Both claims are disputed.`;
    const second = anchorOn(text, sentence, 1);
    const first = anchorOn(text, sentence, 0);
    // Insert text between the copies: only the second moves.
    const changed = text.replace('Separately,', 'Separately, and in a later statement,');
    const shift = 'and in a later statement, '.length;
    expect(reanchorAll(changed, [first, second])).toEqual([
      { state: 'anchored', start: first.start, end: first.end },
      { state: 'anchored', start: second.start + shift, end: second.end + shift },
    ]);
    expect(reanchorAnnotation(changed, second)).toEqual({
      state: 'anchored',
      start: second.start + shift,
      end: second.end + shift,
    });
  });

  it('prefers a copy with the right context over a copy that now sits at the stored offset', () => {
    const sentence = 'The ministry did not respond to a request for comment.';
    const anchor = anchorOn(ARTICLE, sentence);
    // Prepend text so that another copy of the sentence (other context) lands on the old offset.
    const lead = 'Breaking: the ministry was asked about the leak. ';
    const filler = 'x'.repeat(anchor.start - lead.length);
    const prepended = `${lead}${filler}${sentence} Unrelated. `;
    const changed = prepended + ARTICLE;
    expect(changed.slice(anchor.start, anchor.end)).toBe(sentence);
    expect(both(changed, anchor).single).toEqual({
      state: 'anchored',
      start: anchor.start + prepended.length,
      end: anchor.end + prepended.length,
    });
    expect(both(changed, anchor).batch).toEqual(both(changed, anchor).single);
  });

  it('handles emoji, combining marks and right-to-left text around the quote', () => {
    const text = [
      'Zoë 👩🏾‍💻 wrote: قال الوزير إن الأرقام صحيحة. The claim about 👨‍👩‍👧‍👦 families ẹ́ q̇ was false.',
      'שָׁלוֹם 🇺🇦 the end 🏳️‍🌈.',
    ]
      .join('\n\n')
      .normalize('NFC');
    const rtl = anchorOn(text, 'قال الوزير إن الأرقام صحيحة.');
    const mixed = anchorOn(text, 'about 👨‍👩‍👧‍👦 families ẹ́ q̇');
    const inserted = '🏳️‍🌈 Update 👍🏽: مُحَمَّد ';
    const shifted = inserted + text;
    expect(reanchorAll(shifted, [rtl, mixed])).toEqual([
      { state: 'anchored', start: rtl.start + inserted.length, end: rtl.end + inserted.length },
      {
        state: 'anchored',
        start: mixed.start + inserted.length,
        end: mixed.end + inserted.length,
      },
    ]);
    const edited = text.replace('families', 'households');
    const result = reanchorAnnotation(edited, mixed);
    expect(result).toEqual({
      state: 'wording-changed',
      start: mixed.start,
      end: mixed.end + 'households'.length - 'families'.length,
      exact: 'about 👨‍👩‍👧‍👦 households ẹ́ q̇',
    });
  });

  it('returns one result per anchor, in the order given', () => {
    const anchors = [
      anchorOn(ARTICLE, 'Housing costs rose'),
      anchorOn(ARTICLE, 'The council met'),
      anchorOn(ARTICLE, 'Critics said'),
    ];
    const changed = `Correction appended. ${ARTICLE}`;
    const shift = 'Correction appended. '.length;
    expect(reanchorAll(changed, anchors)).toEqual(
      anchors.map((a) => ({ state: 'anchored', start: a.start + shift, end: a.end + shift })),
    );
    expect(reanchorAll(changed, [])).toEqual([]);
  });
});

const VOCABULARY = [
  'the',
  'minister',
  'said',
  'figures',
  'were',
  'wrong',
  'council',
  'report',
  'percent',
  'rose',
  'fell',
  'budget',
  'data',
  'Zoë',
  'Müller',
  'ẹ́',
  'q̇',
  'مُحَمَّد',
  'שָׁלוֹם',
  '👍🏽',
  '👩🏾‍💻',
  '🇺🇦',
  'police',
  'hospital',
  'claims',
  'voters',
  'million',
  'since',
  'record',
  'wages',
  'housing',
  'energy',
  'prices',
  'election',
  'court',
  'agency',
  'official',
  'survey',
  'tax',
  'year',
].map((word) => word.normalize('NFC'));

/** A random insertion or deletion, placed later somewhere that leaves the quote alone. */
interface EditOutside {
  insert: boolean;
  at: number;
  size: number;
  words: string[];
}

const editArbitrary: fc.Arbitrary<EditOutside> = fc.record({
  insert: fc.boolean(),
  at: fc.nat(),
  size: fc.integer({ min: 1, max: 60 }),
  words: fc.array(fc.constantFrom(...VOCABULARY), { minLength: 1, maxLength: 8 }),
});

/**
 * Applies edits that never touch `[start, end)` (nor, with `guard`, that many characters either
 * side of it) and returns the new text and the quote's new offsets.
 */
function editAround(
  text: string,
  start: number,
  end: number,
  edits: readonly EditOutside[],
  guard: { before: number; after: number },
): { text: string; start: number; end: number } {
  let current = text;
  let quoteStart = start;
  let quoteEnd = end;
  for (const edit of edits) {
    const lo = Math.max(0, quoteStart - guard.before);
    const hi = Math.min(current.length, quoteEnd + guard.after);
    if (edit.insert) {
      // Any offset outside the protected span, its two ends included.
      const slots = lo + 1 + (current.length - hi + 1);
      const k = edit.at % slots;
      const at = k <= lo ? k : hi + (k - lo - 1);
      const inserted = ` ${edit.words.join(' ')} `;
      current = current.slice(0, at) + inserted + current.slice(at);
      if (at <= quoteStart) {
        quoteStart += inserted.length;
        quoteEnd += inserted.length;
      }
    } else if (edit.at % 2 === 0 && lo > 0) {
      const from = edit.at % lo;
      const to = Math.min(lo, from + edit.size);
      current = current.slice(0, from) + current.slice(to);
      quoteStart -= to - from;
      quoteEnd -= to - from;
    } else if (hi < current.length) {
      const from = hi + (edit.at % (current.length - hi));
      const to = Math.min(current.length, from + edit.size);
      current = current.slice(0, from) + current.slice(to);
    }
  }
  return { text: current, start: quoteStart, end: quoteEnd };
}

function countOf(text: string, needle: string): number {
  let count = 0;
  for (let at = text.indexOf(needle); at !== -1; at = text.indexOf(needle, at + 1)) count += 1;
  return count;
}

describe('re-anchoring under edits that leave the quote intact (property)', () => {
  const caseArbitrary = fc.record({
    words: fc.array(fc.constantFrom(...VOCABULARY), { minLength: 20, maxLength: 200 }),
    firstWord: fc.nat(),
    wordCount: fc.integer({ min: 2, max: 12 }),
    edits: fc.array(editArbitrary, { maxLength: 8 }),
  });

  function setUp(words: string[], firstWord: number, wordCount: number) {
    const text = words.join(' ');
    const first = firstWord % (words.length - 1);
    const last = Math.min(words.length, first + wordCount);
    const start = words.slice(0, first).join(' ').length + (first > 0 ? 1 : 0);
    const end = words.slice(0, last).join(' ').length;
    return { text, start, end, anchor: { start, end, quote: buildTextQuote(text, start, end) } };
  }

  it('never loses or moves a quote that is still unique, even with its context rewritten', () => {
    fc.assert(
      fc.property(caseArbitrary, ({ words, firstWord, wordCount, edits }) => {
        const { text, start, end, anchor } = setUp(words, firstWord, wordCount);
        const after = editAround(text, start, end, edits, { before: 0, after: 0 });
        expect(after.text.slice(after.start, after.end)).toBe(anchor.quote.exact);
        fc.pre(countOf(after.text, anchor.quote.exact) === 1);
        const expected = { state: 'anchored', start: after.start, end: after.end };
        expect(reanchorAnnotation(after.text, anchor)).toEqual(expected);
        expect(reanchorAll(after.text, [anchor])).toEqual([expected]);
      }),
      { numRuns: 300 },
    );
  });

  it('never loses or moves a quote with copies elsewhere while its context is intact', () => {
    fc.assert(
      fc.property(caseArbitrary, ({ words, firstWord, wordCount, edits }) => {
        const { text, start, end, anchor } = setUp(words, firstWord, wordCount);
        const guard = { before: anchor.quote.prefix.length, after: anchor.quote.suffix.length };
        const after = editAround(text, start, end, edits, guard);
        expect(after.text.slice(after.start, after.end)).toBe(anchor.quote.exact);
        const expected = { state: 'anchored', start: after.start, end: after.end };
        expect(reanchorAnnotation(after.text, anchor)).toEqual(expected);
        expect(reanchorAll(after.text, [anchor])).toEqual([expected]);
      }),
      { numRuns: 300 },
    );
  });
});
