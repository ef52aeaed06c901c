// Tests may read fixtures from disk; the shared code under test never does.
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalText, type Block } from './article-model';
import { normalizeArticleText } from './normalize-text';
import { parseTextArticle } from './parse-text-article';

const sample = normalizeArticleText(
  readFileSync(new URL('../../../resources/sample-article.txt', import.meta.url), 'utf8'),
);

const kinds = (blocks: readonly Block[]) => blocks.map((block) => block.kind);
const nonWhitespace = (text: string) => text.replace(/\s+/g, '');

/** A blank line inside a block would break canonical text (blocks are joined by one). */
const BLANK_LINE = /\n[^\S\n]*\n/;

describe('parseTextArticle on the sample article', () => {
  const { metadata, blocks } = parseTextArticle(sample);

  it('reads the header into metadata', () => {
    expect(metadata).toEqual({
      title: 'Iran’s Supreme Leader rejects talks with US',
      dek: 'Ayatollah Ali Khamenei referred to the words of US General Wesley Clark in 2003, who said the US had plans to take out seven countries in five years, the last being Iran',
      author: 'News Desk',
      published: '2022-11-27',
    });
  });

  it('gives every block its kind and exact text', () => {
    // The body paragraphs are the file's blank-line-separated paragraphs between caption and chrome.
    const body = sample.split('\n\n').slice(2, -1);
    expect(body).toHaveLength(10);
    expect(blocks).toEqual([
      { kind: 'headline', text: 'Iran’s Supreme Leader rejects talks with US' },
      { kind: 'dek', text: metadata.dek },
      { kind: 'byline', text: 'By News Desk - November 27 2022' },
      {
        kind: 'caption',
        text: 'FILE PHOTO: Iranian Supreme Leader Ayatollah Ali Khamenei delivers a televised speech in Tehran, Iran, January 8, 2021. Official Khamenei Website/Handout via REUTERS ATTENTION/File Photo',
      },
      ...body.map((text) => ({ kind: 'paragraph', text })),
      { kind: 'chrome', text: 'Most Popular' },
    ]);
    expect(blocks[6]!.text).toBe('“Can a zealous Iranian do what the US wants?” he asked.');
    // The sample has a no-break space after "On 22 November,": it must survive as is.
    expect(blocks.at(-2)!.text).toMatch(/^On 22 November,\u00a0armed .* to contain the chaos\.$/);
  });

  it('drops nothing but the whitespace between blocks', () => {
    expect(nonWhitespace(canonicalText(blocks))).toBe(nonWhitespace(sample));
    for (const block of blocks) {
      expect(sample).toContain(block.text);
      expect(block.text).toBe(block.text.trim());
      expect(block.text).not.toMatch(BLANK_LINE);
    }
  });

  it('splits "Most Popular" off when it is glued to the last sentence', () => {
    const glued = parseTextArticle(sample.replace('chaos.\n\nMost Popular', 'chaos.Most Popular'));
    expect(glued.blocks.slice(-2)).toEqual([
      { kind: 'paragraph', text: expect.stringMatching(/contain the chaos\.$/) },
      { kind: 'chrome', text: 'Most Popular' },
    ]);
    expect(glued.blocks).toHaveLength(blocks.length);
  });

  it('splits "Most Popular" off when it is on the last line of the last paragraph', () => {
    const onLine = parseTextArticle(
      sample.replace('chaos.\n\nMost Popular', 'chaos.\nMost Popular'),
    );
    expect(onLine.blocks.slice(-2).map((block) => [block.kind, block.text.slice(-6)])).toEqual([
      ['paragraph', 'chaos.'],
      ['chrome', 'opular'],
    ]);
  });
});

describe('parseTextArticle header', () => {
  it('takes line 2 as the dek only when it is neither a byline nor a caption', () => {
    expect(kinds(parseTextArticle('Title\nBy Jane Doe\n\nBody text here.').blocks)).toEqual([
      'headline',
      'byline',
      'paragraph',
    ]);
    const captioned = parseTextArticle('Title\nPhoto: A crowd in Tehran\n\nBody text here.');
    expect(kinds(captioned.blocks)).toEqual(['headline', 'caption', 'paragraph']);
    expect(captioned.metadata).toEqual({ title: 'Title' });
  });

  it('finds the byline within the first five lines, across blank lines', () => {
    const { blocks, metadata } = parseTextArticle(
      'Title\n\nThe dek.\n\nBy Jane Doe | Nov. 27, 2022\n\nBody text here.',
    );
    expect(kinds(blocks)).toEqual(['headline', 'dek', 'byline', 'paragraph']);
    expect(metadata).toEqual({
      title: 'Title',
      dek: 'The dek.',
      author: 'Jane Doe',
      published: '2022-11-27',
    });
    const late = parseTextArticle('T\n\nA.\n\nB.\n\nC.\n\nD.\n\nBy Jane Doe');
    expect(late.metadata.author).toBeUndefined();
  });

  it('keeps header-less lines of the first paragraph together as body text', () => {
    const { blocks } = parseTextArticle('Title\nBy Jane Doe\nFirst line\nsecond line.');
    expect(blocks).toEqual([
      { kind: 'headline', text: 'Title' },
      { kind: 'byline', text: 'By Jane Doe' },
      { kind: 'paragraph', text: 'First line\nsecond line.' },
    ]);
  });

  it('treats a line of only spaces or tabs as a blank line between paragraphs', () => {
    const { blocks } = parseTextArticle('Title\nBy Jane Doe\n\nFirst one.\n \t\nSecond one.');
    expect(blocks.slice(-2)).toEqual([
      { kind: 'paragraph', text: 'First one.' },
      { kind: 'paragraph', text: 'Second one.' },
    ]);
  });

  it('gives no blocks for text with nothing in it', () => {
    expect(parseTextArticle(' \n\n\t\n')).toEqual({ metadata: { title: '' }, blocks: [] });
  });
});

describe('parseTextArticle captions', () => {
  const article = (caption: string) =>
    `Title\nBy Jane Doe\n\nA body paragraph that says something.\n\n${caption}\n\nMore body text follows here.`;

  it.each([
    'FILE PHOTO: Smoke rises over the city.',
    'PHOTO: Smoke rises over the city.',
    'Photo: Smoke rises over the city.',
    'Image: Smoke rises over the city.',
    'IMAGE: Smoke rises over the city.',
    'Caption: Smoke rises over the city.',
    'Smoke rises over the city. Official Website/Handout via REUTERS',
    'Smoke rises over the city. Official Website/Handout via REUTERS.',
    'Smoke rises over the city. REUTERS/Stringer/File Photo',
    'Smoke rises over the city. (AP Photo/Vahid Salemi)',
    'Smoke rises over the city. AFP via Getty Images',
  ])('marks %j as a caption', (caption) => {
    const caught = parseTextArticle(article(caption)).blocks.find((b) => b.text === caption);
    expect(caught?.kind).toBe('caption');
  });

  it.each([
    'The agency said it had obtained the photo via Reuters.',
    'Photographs of the meeting were not released.',
  ])('leaves %j a paragraph', (text) => {
    const found = parseTextArticle(article(text)).blocks.find((b) => b.text === text);
    expect(found?.kind).toBe('paragraph');
  });
});

describe('parseTextArticle chrome', () => {
  const body = 'Title\nBy Jane Doe\n\nThe talks failed on Tuesday, officials said.';

  it.each([
    'Most Popular',
    'Share this',
    'Share',
    'Related',
    'Related articles',
    'Advertisement',
    'Read more',
    'Subscribe',
    'Sign up for our newsletter',
    'Comments',
    'Tags: Iran, United States, diplomacy',
    'Follow us',
    'Follow us on X',
    'Iran Nuclear Talks',
  ])('marks trailing %j as chrome', (chrome) => {
    const { blocks } = parseTextArticle(`${body}\n\n${chrome}\n\nMost Read`);
    expect(blocks.slice(-3)).toEqual([
      { kind: 'paragraph', text: 'The talks failed on Tuesday, officials said.' },
      { kind: 'chrome', text: chrome },
      { kind: 'chrome', text: 'Most Read' },
    ]);
  });

  it('splits glued furniture only after a sentence ends', () => {
    const glued = parseTextArticle(`${body.slice(0, -1)}.”Share this`).blocks;
    expect(glued.slice(-2)).toEqual([
      { kind: 'paragraph', text: 'The talks failed on Tuesday, officials said.”' },
      { kind: 'chrome', text: 'Share this' },
    ]);
    const word = parseTextArticle(`${body}\n\nIt was, in the end, a fair share`).blocks;
    expect(word.at(-1)).toEqual({ kind: 'paragraph', text: 'It was, in the end, a fair share' });
  });

  it('keeps short lines that come before the last real paragraph, and short articles', () => {
    const subhead = parseTextArticle(`${body}\n\nThe reaction\n\nMarkets fell sharply.`).blocks;
    expect(subhead.find((b) => b.text === 'The reaction')?.kind).toBe('paragraph');
    expect(kinds(parseTextArticle('Title\n\nShort words').blocks)).toEqual(['headline', 'dek']);
    expect(kinds(parseTextArticle('Title\nBy Jane Doe\n\nShort words').blocks)).toEqual([
      'headline',
      'byline',
      'paragraph',
    ]);
  });

  it('marks known furniture in the middle of the body as chrome', () => {
    const { blocks } = parseTextArticle(`${body}\n\nAdvertisement\n\nThe talks resumed later.`);
    expect(kinds(blocks).slice(-3)).toEqual(['paragraph', 'chrome', 'paragraph']);
  });
});

describe('parseTextArticle properties', () => {
  /** A non-blank line with no line break: what a paragraph of a generated article is. */
  const line = fc.string({ minLength: 1 }).filter((s) => !/[\n\r]/.test(s) && s.trim() !== '');
  const blankRun = fc.constantFrom('\n\n', '\n\n\n', '\n \n', '\n\t\n\n');

  it('keeps every paragraph, and no block is empty or holds a blank line', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(line, blankRun), { minLength: 1, maxLength: 12 }), (parts) => {
        const text = parts.map(([paragraph, blank]) => paragraph + blank).join('');
        const { blocks } = parseTextArticle(text);
        const canonical = canonicalText(blocks);
        for (const [paragraph] of parts.slice(0, -1)) expect(canonical).toContain(paragraph.trim());
        // The last paragraph may lose glued furniture to a chrome block; its characters stay.
        expect(nonWhitespace(canonical)).toBe(nonWhitespace(text));
        for (const block of blocks) {
          expect(block.text).not.toBe('');
          expect(block.text).not.toContain('\n\n');
          expect(block.text).not.toMatch(BLANK_LINE);
        }
      }),
    );
  });

  it('drops only whitespace from any normalised text, and never leaves a blank line in a block', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme-composite', maxLength: 300 }), (raw) => {
        const text = normalizeArticleText(raw.replace(/[a-e]/g, '\n'));
        const { blocks } = parseTextArticle(text);
        expect(nonWhitespace(canonicalText(blocks))).toBe(nonWhitespace(text));
        for (const block of blocks) {
          expect(block.text).toBe(block.text.trim());
          expect(block.text).not.toBe('');
          expect(block.text).not.toMatch(BLANK_LINE);
        }
      }),
    );
  });
});
