// Tests may read fixtures from disk; the shared code under test never does.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { normalizeArticleText } from '../article/normalize-text';
import { sampleExportInput } from './__fixtures__/sample-export';
import { toMarkdown } from './markdown-export';
import { parseFactmarkMarkdown, readFactmarkMarkdown } from './parse-factmark-markdown';

const input = sampleExportInput(
  normalizeArticleText(
    readFileSync(new URL('../../../resources/sample-article.txt', import.meta.url), 'utf8'),
  ),
);

describe('parseFactmarkMarkdown', () => {
  it('recreates the article, every annotation and the verdicts they use', () => {
    const imported = parseFactmarkMarkdown(toMarkdown(input))!;
    expect(imported.article).toEqual(input.article);
    const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : 1);
    expect([...imported.annotations].sort(byId)).toEqual([...input.annotations].sort(byId));
    const used = new Set(input.annotations.map((a) => a.verdictId));
    expect(imported.taxonomyVerdicts).toEqual(
      input.taxonomy.verdicts.filter((v) => used.has(v.id)),
    );
  });

  it('exports the same file again from what it imported, but for exported_at', () => {
    const first = toMarkdown(input, { includeClaimsTable: true });
    const imported = parseFactmarkMarkdown(first)!;
    const again = toMarkdown(
      {
        article: imported.article,
        annotations: imported.annotations,
        taxonomy: { presetId: 'other', verdicts: imported.taxonomyVerdicts },
        exportedAt: '2031-01-01T00:00:00.000Z',
        generator: input.generator,
      },
      { includeClaimsTable: true },
    );
    expect(again.replace(/^exported_at: .*$/m, '')).toBe(first.replace(/^exported_at: .*$/m, ''));
    expect(again).toContain('exported_at: "2031-01-01T00:00:00.000Z"');
  });

  it('still reads a file whose line ends an editor turned into CRLF', () => {
    const crlf = toMarkdown(input).replace(/\n/g, '\r\n');
    expect(parseFactmarkMarkdown(crlf)?.annotations).toHaveLength(input.annotations.length);
  });

  it('says why a file is not a Factmark export', () => {
    const markdown = toMarkdown(input);
    const cases: [string, RegExp][] = [
      ['# Just Markdown\n', /no YAML front matter/],
      ['---\ntitle: [unclosed\n---\n', /not valid YAML/],
      ['---\ntitle: Someone else’s file\n---\nBody\n', /no factmark: data block/],
      [markdown.replace('format: factmark-markdown/1', 'format: factmark-markdown/9'), /format/],
      [markdown.replace(/^( {6}status: )done$/m, '$1finished'), /status/],
      [markdown.replace(/^( {6}start: )\d+$/m, '$1-4'), /start/],
    ];
    for (const [text, reason] of cases) {
      const reading = readFactmarkMarkdown(text);
      expect(reading.ok).toBe(false);
      if (!reading.ok) expect(reading.error).toMatch(reason);
      expect(parseFactmarkMarkdown(text)).toBeNull();
    }
  });
});
