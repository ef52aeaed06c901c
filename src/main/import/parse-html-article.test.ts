import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Block } from '../../shared/article/article-model';
import { declaredCharset, parseHtmlArticle } from './parse-html-article';

const hostile = readFileSync(
  new URL('./__fixtures__/hostile-article.html', import.meta.url),
  'utf8',
);
const texts = (blocks: readonly Block[]) => blocks.map((block) => block.text);
const page = (head: string, body: string) =>
  `<!doctype html><html><head>${head}</head><body>${body}</body></html>`;
const LONG = 'This paragraph is long enough to be read as body text of the article. '.repeat(3);

afterEach(() => {
  vi.unstubAllGlobals();
  delete (globalThis as { __pwned?: unknown }).__pwned;
});

describe('parseHtmlArticle on a hostile page', () => {
  it('reads title, byline, date, site name and the canonical link', () => {
    const { metadata } = parseHtmlArticle(hostile, 'hostile-article.html');
    expect(metadata).toEqual({
      title: 'Dam inspection found cracks, county says',
      author: 'Maria Okafor',
      published: '2024-03-05',
      siteName: 'Riverside Ledger',
      url: 'https://ledger.example/news/dam-inspection-cracks',
    });
  });

  it('turns the article body into text blocks', () => {
    const { blocks } = parseHtmlArticle(hostile, 'hostile-article.html');
    expect(blocks).toEqual([
      { kind: 'headline', text: 'Dam inspection found cracks, county says' },
      { kind: 'byline', text: 'By Maria Okafor' },
      {
        kind: 'paragraph',
        text: 'County engineers found three hairline cracks in the spillway of the Mill Creek dam during a routine inspection in February, according to a report released on Monday.',
      },
      {
        kind: 'caption',
        text: 'The Mill Creek dam spillway, photographed in 2022. (Photo: County of Riverside)',
      },
      {
        kind: 'paragraph',
        text: 'The report says the cracks pose “no immediate risk” to the 4,000 residents downstream, but recommends repairs before the spring thaw. The county has set aside $1.2 million for the work.',
      },
      {
        kind: 'paragraph',
        text: '“We inspect every structure twice a year, and this is exactly what inspections are for,” said county engineer Tom Reyes. Residents can read the full report on the county website.',
      },
      { kind: 'paragraph', text: 'The spillway remains fit for service pending repair.' },
      { kind: 'paragraph', text: 'Three cracks, each under 2 mm wide' },
      { kind: 'paragraph', text: 'Repairs expected to take six weeks' },
      {
        kind: 'paragraph',
        text: 'The dam was built in 1961 and last repaired in 2009, when its gates were replaced after a flood damaged the control house.',
      },
    ]);
  });

  it('runs no script, loads nothing, and keeps no code, handler or URL in the text', () => {
    const fetchSpy = vi.fn();
    vi.stubGlobal('fetch', fetchSpy);
    const { blocks } = parseHtmlArticle(hostile, 'hostile-article.html');
    expect((globalThis as { __pwned?: unknown }).__pwned).toBeUndefined();
    expect(fetchSpy).not.toHaveBeenCalled();
    for (const text of texts(blocks)) {
      for (const banned of [
        '__pwned',
        'onerror',
        'window.',
        'javascript:',
        'evil.example',
        'pwned',
      ]) {
        expect(text).not.toContain(banned);
      }
    }
  });
});

describe('parseHtmlArticle metadata', () => {
  it('falls back to og:url, and ignores relative or non-web canonical URLs', () => {
    const og = page('<meta property="og:url" content="https://a.example/story">', `<p>${LONG}</p>`);
    expect(parseHtmlArticle(og, 'a.html').metadata.url).toBe('https://a.example/story');
    const bad = page(
      '<link rel="canonical" href="/relative"><meta property="og:url" content="javascript:alert(1)">',
      `<p>${LONG}</p>`,
    );
    expect(parseHtmlArticle(bad, 'a.html').metadata.url).toBeUndefined();
  });

  it('takes the title from <title>, else the file name, and a dek from the description', () => {
    const titled = page(
      '<title>Page title</title><meta name="description" content="The dek.">',
      `<p>${LONG}</p>`,
    );
    expect(parseHtmlArticle(titled, 'a.html').metadata).toEqual({
      title: 'Page title',
      dek: 'The dek.',
    });
    expect(parseHtmlArticle(page('', `<p>${LONG}</p>`), 'saved/story.htm').metadata.title).toBe(
      'story',
    );
  });

  it.each([
    ['By Jane Doe | March 3, 2024', { author: 'Jane Doe', published: '2024-03-03' }],
    [
      'Updated 2024-01-09 · By Lee Park and Ana Cruz',
      { author: 'Lee Park and Ana Cruz', published: '2024-01-09' },
    ],
    [
      'Omar Haddad, Reuters — 12 Feb 2023',
      { author: 'Omar Haddad, Reuters', published: '2023-02-12' },
    ],
  ])('reads the byline %j from the article text', (line, byline) => {
    const html = page(
      '<title>Headline here</title>',
      `<article><h1>Headline here</h1><p>${line}</p><p>${LONG}</p></article>`,
    );
    const { metadata, blocks } = parseHtmlArticle(html, 'a.html');
    expect(blocks.slice(0, 2)).toEqual([
      { kind: 'headline', text: 'Headline here' },
      { kind: 'byline', text: line },
    ]);
    expect(metadata).toEqual({ title: 'Headline here', ...byline });
  });
});

describe('parseHtmlArticle blocks', () => {
  it('reads tables by row, keeps <br> and <pre> lines, and splits <pre> at blank lines', () => {
    const body = `<article><p>${LONG}</p><table><tr><th>City</th><th>Cases</th></tr><tr><td>Lyon</td><td>12</td></tr></table><p>One<br>Two</p><pre>a  b\n\n\nc</pre></article>`;
    expect(
      texts(parseHtmlArticle(page('<title>T</title>', body), 'a.html').blocks).slice(1),
    ).toEqual([LONG.trim(), 'City | Cases', 'Lyon | 12', 'One\nTwo', 'a b', 'c']);
  });

  it('reads a short page: navigation is chrome; scripts, styles and noscript are skipped', () => {
    const html = page(
      '<title>T</title><style>p { color: red }</style>',
      '<nav>Home</nav><p>Short text.</p><script>x()</script><noscript>Enable JS</noscript>',
    );
    expect(parseHtmlArticle(html, 'a.html').blocks).toEqual([
      { kind: 'headline', text: 'T' },
      { kind: 'chrome', text: 'Home' },
      { kind: 'paragraph', text: 'Short text.' },
    ]);
  });

  it('gives no blocks for a page with no body text, so the import can be refused', () => {
    expect(
      parseHtmlArticle(page('<title>Only a title</title>', '<script>x()</script>'), 'a.html')
        .blocks,
    ).toEqual([]);
  });
});

describe('declaredCharset', () => {
  const bytes = (text: string) => new TextEncoder().encode(text);

  it('reads <meta charset> and an http-equiv Content-Type, lower-cased', () => {
    expect(declaredCharset(bytes('<html><head><meta charset="Windows-1252">'))).toBe(
      'windows-1252',
    );
    expect(declaredCharset(bytes('<meta charset=shift_jis>'))).toBe('shift_jis');
    expect(
      declaredCharset(
        bytes('<meta http-equiv="Content-Type" content="text/html; charset=ISO-8859-1">'),
      ),
    ).toBe('iso-8859-1');
  });

  it('finds nothing without a declaration or past the first 1024 bytes', () => {
    expect(declaredCharset(bytes('<html><head><title>x</title>'))).toBeUndefined();
    expect(
      declaredCharset(bytes(`<!--${' '.repeat(1024)}--><meta charset="koi8-r">`)),
    ).toBeUndefined();
  });
});
