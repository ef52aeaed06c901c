// Tests may read fixtures from disk; the shared code under test never does.
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Block } from './article-model';
import { normalizeArticleText } from './normalize-text';
import {
  classifyBodyBlocks,
  cleanBlockText,
  parseMarkdownArticle,
  readFrontMatter,
} from './parse-markdown-article';

const fixture = normalizeArticleText(
  readFileSync(
    new URL('../../main/import/__fixtures__/front-matter-article.md', import.meta.url),
    'utf8',
  ),
);

const texts = (blocks: readonly Block[]) => blocks.map((block) => block.text);
const paragraph = (text: string): Block => ({ kind: 'paragraph', text });

describe('parseMarkdownArticle on the front matter fixture', () => {
  const { metadata, blocks } = parseMarkdownArticle(fixture, 'front-matter-article.md');

  it('reads metadata from the front matter', () => {
    expect(metadata).toEqual({
      title: 'Flood maps understate risk, study finds',
      dek: 'Researchers say a third of at-risk homes sit outside official zones',
      author: 'Lena Park',
      published: '2024-02-14',
      siteName: 'Example News',
      url: 'https://news.example/flood-maps',
    });
  });

  it('turns headings, paragraphs, list items and quoted paragraphs into plain-text blocks', () => {
    expect(blocks).toEqual([
      { kind: 'headline', text: 'Flood maps understate risk, study finds' },
      { kind: 'byline', text: 'By Lena Park | Feb. 14, 2024' },
      paragraph(
        'A new study of federal flood maps found that about one in three homes at risk of flooding sits outside the official hazard zones.',
      ),
      { kind: 'caption', text: 'A flooded street in Houston' },
      paragraph('The authors list three causes:'),
      paragraph('Outdated rainfall data'),
      paragraph('Maps that ignore small streams'),
      paragraph('Slow updates after new construction'),
      paragraph('The maps were never meant to be a forecast.'),
      paragraph('They are a floor, not a ceiling.'),
      paragraph('What comes next'),
      paragraph('The agency said it would respond to the study "in due course".'),
      { kind: 'chrome', text: 'Share this' },
    ]);
  });
});

describe('parseMarkdownArticle headlines and bylines', () => {
  it('takes the first h1 as headline and title when there is no front matter', () => {
    const { metadata, blocks } = parseMarkdownArticle(
      'Kicker\n\n# The title\n\nBody text.',
      'a.md',
    );
    expect(metadata).toEqual({ title: 'The title' });
    expect(blocks).toEqual([
      paragraph('Kicker'),
      { kind: 'headline', text: 'The title' },
      paragraph('Body text.'),
    ]);
  });

  it('makes the front matter title the headline block when there is no h1', () => {
    const { blocks } = parseMarkdownArticle('---\ntitle: From YAML\n---\nBody.', 'a.md');
    expect(blocks).toEqual([{ kind: 'headline', text: 'From YAML' }, paragraph('Body.')]);
  });

  it('falls back to a leading heading, then to the file name for the title', () => {
    expect(parseMarkdownArticle('## Small title\n\nBody.', 'a.md').blocks[0]).toEqual({
      kind: 'headline',
      text: 'Small title',
    });
    const plain = parseMarkdownArticle('Just a paragraph.', 'notes/field-notes.md');
    expect(plain.metadata.title).toBe('field-notes');
    expect(plain.blocks).toEqual([paragraph('Just a paragraph.')]);
  });

  it.each([
    ['By Jane Doe - Nov. 27, 2022', { author: 'Jane Doe', published: '2022-11-27' }],
    ['*By Ana de la Cruz and Tom Lee*', { author: 'Ana de la Cruz and Tom Lee' }],
    [
      'Published 4 March 2024 by Sam Whitfield',
      { author: 'Sam Whitfield', published: '2024-03-04' },
    ],
    [
      '**Priya Natarajan**, Reuters · 2023-07-01',
      { author: 'Priya Natarajan, Reuters', published: '2023-07-01' },
    ],
  ])('reads the byline %j right after the headline', (line, byline) => {
    const { metadata, blocks } = parseMarkdownArticle(`# Title\n\n${line}\n\nBody text.`, 'a.md');
    expect(blocks[1]?.kind).toBe('byline');
    expect(metadata).toEqual({ title: 'Title', ...byline });
  });

  it('reads a dek between the headline and the byline; front matter wins for metadata', () => {
    const md =
      '---\nauthor: [Ann Lee, {name: Bo Chen}]\n---\n# T\n\n_A dek._\n\nBy Someone Else, May 3, 2024\n\nBody.';
    const { metadata, blocks } = parseMarkdownArticle(md, 'a.md');
    expect(blocks.map((block) => block.kind)).toEqual(['headline', 'dek', 'byline', 'paragraph']);
    expect(metadata).toEqual({
      title: 'T',
      dek: 'A dek.',
      author: 'Ann Lee, Bo Chen',
      published: '2024-05-03',
    });
  });

  it('does not take a list item or a later paragraph for a byline', () => {
    const { blocks } = parseMarkdownArticle('# T\n\n- By Jane Doe\n\nBy John Roe', 'a.md');
    expect(blocks.map((block) => block.kind)).toEqual(['headline', 'paragraph', 'paragraph']);
  });
});

describe('parseMarkdownArticle plain text', () => {
  it('drops inline formatting, link targets, code ticks, footnote marks and inline images', () => {
    const md =
      'Some **bold**, _italic_, ~~struck~~ and `code` with a [link](https://x.example "t") ' +
      'and ![icon](i.png) an image, a ref[^1] and <https://auto.example>.\n\n[^1]: The note.';
    expect(texts(parseMarkdownArticle(md, 'a.md').blocks)).toEqual([
      'Some bold, italic, struck and code with a link and an image, a ref and https://auto.example.',
      'The note.',
    ]);
  });

  it('joins soft-wrapped lines with a space and keeps hard breaks as line breaks', () => {
    const md = 'A line\nwrapped here.\n\nPoem line one  \nline two\\\nline three';
    expect(texts(parseMarkdownArticle(md, 'a.md').blocks)).toEqual([
      'A line wrapped here.',
      'Poem line one\nline two\nline three',
    ]);
  });

  it('gives nested list items, loose items and quoted paragraphs a block each', () => {
    const md =
      '1. First\n   - Nested\n2. Second para one\n\n   Second para two\n\n> Quote one\n>\n> > Deeper';
    expect(texts(parseMarkdownArticle(md, 'a.md').blocks)).toEqual([
      'First',
      'Nested',
      'Second para one',
      'Second para two',
      'Quote one',
      'Deeper',
    ]);
  });

  it('reads table rows and code, splitting code at blank lines', () => {
    const md = '| City | Cases |\n| --- | --- |\n| Lyon | 12 |\n\n```\nline 1\n\n\nline 2\n```';
    expect(texts(parseMarkdownArticle(md, 'a.md').blocks)).toEqual([
      'City | Cases',
      'Lyon | 12',
      'line 1',
      'line 2',
    ]);
  });

  it('keeps the text of raw HTML but never its tags, scripts or comments', () => {
    const md =
      'Intro.\n\n<div onclick="steal()">Hello <b>there</b></div>\n\n<script>alert(1)</script>\n\n<!-- hidden -->\n\nEnd.';
    expect(texts(parseMarkdownArticle(md, 'a.md').blocks)).toEqual([
      'Intro.',
      'Hello there',
      'End.',
    ]);
  });

  it('marks trailing furniture as chrome, as the text parser does', () => {
    const md =
      '# T\n\nA real sentence of body text here.\n\nMost Popular\n\n- Storm hits coast\n- Votes counted';
    expect(parseMarkdownArticle(md, 'a.md').blocks.slice(2)).toEqual([
      { kind: 'chrome', text: 'Most Popular' },
      { kind: 'chrome', text: 'Storm hits coast' },
      { kind: 'chrome', text: 'Votes counted' },
    ]);
  });

  it('never yields an empty block or one holding a blank line', () => {
    const fragment = fc.constantFrom(
      '# H',
      'para',
      '- item',
      '> quote',
      '```\ncode\n\n\nmore\n```',
      '',
      '   ',
      '***',
      '![](x.png)',
      '<div>\n\n</div>',
      '**',
      '[a](b)',
      '| a |\n| - |\n|  |',
      '---',
      'By Jo Ho, May 1, 2024',
      '1.',
      '>',
      '\\',
      '  \n',
      'text  ',
      '[^1]: note',
    );
    fc.assert(
      fc.property(
        fc.array(fragment, { maxLength: 12 }),
        fc.constantFrom('\n', '\n\n'),
        (parts, sep) => {
          for (const block of parseMarkdownArticle(parts.join(sep), 'p.md').blocks) {
            expect(block.text).not.toBe('');
            expect(block.text).toBe(block.text.trim());
            expect(block.text).not.toMatch(/\n\s*\n/);
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('readFrontMatter', () => {
  it('reads an empty block as no metadata; invalid YAML or a scalar stays Markdown', () => {
    expect(readFrontMatter('---\n---\nBody')).toEqual({ data: {}, body: 'Body' });
    const broken = '---\ntitle: [unclosed\n---\nBody';
    expect(readFrontMatter(broken)).toEqual({ data: undefined, body: broken });
    expect(texts(parseMarkdownArticle(broken, 'a.md').blocks)).toEqual([
      'title: [unclosed',
      'Body',
    ]);
    const prose = '---\nJust a line\n---\n\nText';
    expect(readFrontMatter(prose)).toEqual({ data: undefined, body: prose });
    expect(texts(parseMarkdownArticle(prose, 'a.md').blocks)).toEqual(['Just a line', 'Text']);
  });

  it('ignores a front matter URL that is not http(s) and reads dates in other forms', () => {
    const md = '---\nurl: "javascript:alert(1)"\npublished: November 3, 2023\n---\n# T';
    expect(parseMarkdownArticle(md, 'a.md').metadata).toEqual({
      title: 'T',
      published: '2023-11-03',
    });
  });
});

describe('classifyBodyBlocks and cleanBlockText', () => {
  it('applies the text rules to paragraphs and keeps other kinds', () => {
    expect(
      classifyBodyBlocks([
        paragraph('FILE PHOTO: A crowd gathers in the square.'),
        { kind: 'caption', text: 'Alt text of an image' },
        paragraph('A body paragraph that ends the story.Most Popular'),
      ]),
    ).toEqual([
      { kind: 'caption', text: 'FILE PHOTO: A crowd gathers in the square.' },
      { kind: 'caption', text: 'Alt text of an image' },
      paragraph('A body paragraph that ends the story.'),
      { kind: 'chrome', text: 'Most Popular' },
    ]);
    expect(classifyBodyBlocks([])).toEqual([]);
  });

  it('trims lines, collapses spaces, splits at blank lines and drops empty pieces', () => {
    expect(cleanBlockText('  a   b \n\t\n  c\u00a0d \n e ')).toEqual(['a b', 'c\u00a0d\ne']);
    expect(cleanBlockText(' \n \n')).toEqual([]);
  });
});
