import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ApiFailure } from '../../shared/api/result';
import { canonicalText } from '../../shared/article/article-model';
import { parseArticleFile, parseArticleText } from './parse-article-file';

const fixture = (name: string) =>
  new Uint8Array(readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url)));
const utf8 = (text: string) => new TextEncoder().encode(text);

/** The refusal `parse` throws: an invalid-input ApiFailure; its message is returned. */
function refusal(parse: () => unknown): string {
  try {
    parse();
  } catch (error) {
    expect(error).toBeInstanceOf(ApiFailure);
    expect((error as ApiFailure).code).toBe('invalid-input');
    return (error as ApiFailure).message;
  }
  throw new Error('expected a refusal');
}

describe('parseArticleFile by format', () => {
  it('reads a .txt file with a "Published … by …" byline', () => {
    const { metadata, blocks } = parseArticleFile(
      'byline-dateline.txt',
      fixture('byline-dateline.txt'),
    );
    expect(metadata).toEqual({
      title: 'Council approves new bike lanes on Harbor Street',
      author: 'Sam Whitfield and Priya Natarajan',
      published: '2024-03-04',
      source: 'byline-dateline.txt',
    });
    expect(blocks.map((block) => block.kind)).toEqual([
      'headline',
      'byline',
      'paragraph',
      'paragraph',
      'paragraph',
      'chrome',
      'chrome',
    ]);
    expect(blocks[1]?.text).toBe('Published 4 March 2024 by Sam Whitfield and Priya Natarajan');
  });

  it('reads a .md file; its URL means no file source', () => {
    const { metadata, blocks, factmark } = parseArticleFile(
      'Front-Matter-Article.MD',
      fixture('front-matter-article.md'),
    );
    expect(metadata.url).toBe('https://news.example/flood-maps');
    expect(metadata.source).toBeUndefined();
    expect(blocks).toHaveLength(13);
    expect(factmark).toBeUndefined();
  });

  it('reads an .html file with its declared windows-1252 charset', () => {
    const { metadata, blocks } = parseArticleFile(
      'windows-1252-article.html',
      fixture('windows-1252-article.html'),
    );
    expect(metadata).toEqual({
      title: 'Café owners sue over “temporary” closure',
      source: 'windows-1252-article.html',
    });
    expect(blocks.slice(1)).toEqual([
      {
        kind: 'paragraph',
        text: 'The owners of the Café Mistral say the city’s “temporary” order has kept them shut for nine months, and they want €20,000 in damages.',
      },
      {
        kind: 'paragraph',
        text: 'A city spokesperson declined to comment on pending litigation, citing policy – but said the order was “under review”.',
      },
    ]);
  });

  it('reads the hostile .htm page as text only', () => {
    const { metadata, blocks } = parseArticleFile('page.htm', fixture('hostile-article.html'));
    expect(metadata.url).toBe('https://ledger.example/news/dam-inspection-cracks');
    expect(canonicalText(blocks)).toContain('Repairs expected to take six weeks');
    expect(canonicalText(blocks)).not.toMatch(/pwned|onerror|javascript:/);
  });

  it('names the file without its folders', () => {
    const { metadata } = parseArticleFile(
      'C:\\Users\\ana\\Desktop\\note.txt',
      utf8('Title\n\nBody.'),
    );
    expect(metadata.source).toBe('note.txt');
    expect(refusal(() => parseArticleFile('/home/ana/empty.txt', new Uint8Array()))).toBe(
      'empty.txt is empty',
    );
  });
});

describe('parseArticleFile with Factmark Markdown exports', () => {
  const golden = readFileSync(
    new URL('../../shared/export/__fixtures__/sample-golden.md', import.meta.url),
  );

  it('brings back the exported article and its annotations exactly', () => {
    const parsed = parseArticleFile('sample-golden.md', new Uint8Array(golden));
    expect(parsed.factmark).toBeDefined();
    expect(parsed.blocks).toEqual(parsed.factmark!.article.blocks);
    expect(parsed.metadata).toEqual(parsed.factmark!.article.metadata);
    expect(parsed.metadata.source).toBe('Factmark sample article');
    const anchored = parsed.factmark!.annotations.filter((a) => a.anchor === 'anchored');
    // The sample keeps one orphan, which must come back as one too.
    expect(parsed.factmark!.annotations.map((a) => a.anchor)).toContain('orphaned');
    expect(anchored.length).toBeGreaterThan(0);
    for (const annotation of anchored) {
      expect(canonicalText(parsed.blocks).slice(annotation.start, annotation.end)).toBe(
        annotation.quote.exact,
      );
    }
  });

  it('refuses an export whose data block is damaged rather than lose its annotations', () => {
    const damaged = '---\ntitle: T\nfactmark:\n  format: factmark-markdown/1\n---\n# T\n\nBody.';
    expect(refusal(() => parseArticleFile('damaged.md', utf8(damaged)))).toMatch(
      /^damaged\.md is a Factmark export that cannot be read: /,
    );
  });
});

describe('parseArticleFile refusals name the file', () => {
  it('refuses other extensions before reading the bytes', () => {
    expect(refusal(() => parseArticleFile('report.pdf', utf8('%PDF-1.7')))).toBe(
      'report.pdf: Factmark imports .txt, .md and .html files',
    );
    expect(refusal(() => parseArticleFile('README', utf8('text')))).toBe(
      'README: Factmark imports .txt, .md and .html files',
    );
  });

  it('refuses invalid UTF-8 with the exact byte offset', () => {
    // The file's only bad byte is 0xE9 (Latin-1 "é") at offset 168, followed by a space.
    expect(fixture('invalid-utf8.txt')[168]).toBe(0xe9);
    expect(refusal(() => parseArticleFile('invalid-utf8.txt', fixture('invalid-utf8.txt')))).toBe(
      'invalid-utf8.txt is not valid UTF-8 (byte 168)',
    );
  });

  it('refuses binary and oversized files', () => {
    expect(refusal(() => parseArticleFile('x.html', new Uint8Array([0x3c, 0, 0x3e])))).toBe(
      'x.html looks like a binary file, not an article',
    );
    const big = new Uint8Array(21 * 1024 * 1024).fill(0x20);
    expect(refusal(() => parseArticleFile('big.md', big))).toBe(
      'big.md is 21.0 MB; Factmark imports files up to 20 MB',
    );
  });

  it('refuses files with no article text in any format', () => {
    expect(refusal(() => parseArticleFile('blank.txt', utf8(' \r\n\t\n')))).toBe(
      'blank.txt has no article text',
    );
    expect(refusal(() => parseArticleFile('rule.md', utf8('---\n---\n\n***\n')))).toBe(
      'rule.md has no article text',
    );
    const scriptOnly =
      '<html><head><title>T</title></head><body><script>x()</script></body></html>';
    expect(refusal(() => parseArticleFile('script.html', utf8(scriptOnly)))).toBe(
      'script.html has no article text',
    );
  });
});

describe('parseArticleText for pasted text', () => {
  it('normalises once (BOM, CRLF, NFC) and reads it with the plain-text rules', () => {
    const { metadata, blocks } = parseArticleText(
      '\uFEFFCafe\u0301 closes\r\nBy Ana Ruiz | 3 May 2024\r\n\r\nThe café closed.',
    );
    expect(metadata).toEqual({
      title: 'Café closes',
      author: 'Ana Ruiz',
      published: '2024-05-03',
      source: 'Pasted article',
    });
    expect(blocks).toEqual([
      { kind: 'headline', text: 'Café closes' },
      { kind: 'byline', text: 'By Ana Ruiz | 3 May 2024' },
      { kind: 'paragraph', text: 'The café closed.' },
    ]);
  });

  it('refuses empty and blank text under the name it is given', () => {
    expect(refusal(() => parseArticleText(''))).toBe('Pasted article is empty');
    expect(refusal(() => parseArticleText('  \n\n ', 'Clipboard text'))).toBe(
      'Clipboard text has no article text',
    );
  });
});
