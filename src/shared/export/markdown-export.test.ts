// Tests may read fixtures from disk; the shared code under test never does.
import { readFileSync, writeFileSync } from 'node:fs';
import type { RootContent } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { parse as parseYaml } from 'yaml';
import { describe, expect, it } from 'vitest';
import type { Annotation } from '../annotation/annotation-model';
import { buildTextQuote } from '../anchoring/text-quote';
import { defaultTaxonomy } from '../annotation/verdicts';
import { canonicalText, type Block } from '../article/article-model';
import { normalizeArticleText } from '../article/normalize-text';
import { MARKDOWN_HEAVY_NOTE, sampleExportInput } from './__fixtures__/sample-export';
import type { ArticleExportInput } from './export-input';
import { toCriticMarkup, toMarkdown, UNPLACED_CLAIMS_HEADING } from './markdown-export';
import { parseFactmarkMarkdown } from './parse-factmark-markdown';
import {
  exportBody,
  footnoteDefinitions,
  footnoteReferences,
  parseMarkdown,
  readRuns,
  runsText,
} from './testing/read-export';

const sampleText = normalizeArticleText(
  readFileSync(new URL('../../../resources/sample-article.txt', import.meta.url), 'utf8'),
);
const GOLDEN = new URL('./__fixtures__/sample-golden.md', import.meta.url);

/** An input over the given blocks; annotations are placed on the n-th occurrence of a quote. */
function inputOf(
  blocks: Block[],
  claims: { id: string; exact: string; occurrence?: number; fields?: Partial<Annotation> }[],
): ArticleExportInput {
  const text = canonicalText(blocks);
  const annotations = claims.map(({ id, exact, occurrence = 0, fields = {} }): Annotation => {
    let start = -1;
    for (let seen = 0; seen <= occurrence; seen++) start = text.indexOf(exact, start + 1);
    if (start < 0) throw new Error(`${exact} not found`);
    return {
      id,
      start,
      end: start + exact.length,
      quote: buildTextQuote(text, start, start + exact.length),
      verdictId: 'false',
      status: 'done',
      summary: `Summary of ${id}`,
      note: '',
      labels: [],
      evidence: [],
      anchor: 'anchored',
      createdAt: '2024-01-01T00:00:00.000Z',
      updatedAt: '2024-01-01T00:00:00.000Z',
      ...fields,
    };
  });
  return {
    article: { id: 'x', metadata: { title: 'Title' }, blocks, addedAt: '2024-01-01T00:00:00.000Z' },
    annotations,
    taxonomy: defaultTaxonomy(),
    exportedAt: '2024-01-02T00:00:00.000Z',
    generator: 'test',
  };
}

/** The body's top-level nodes, read with the `==mark==` extension. */
function bodyNodes(markdown: string): RootContent[] {
  return parseMarkdown(exportBody(markdown), true).children;
}

describe('toMarkdown (footnotes) on the sample article', () => {
  const input = sampleExportInput(sampleText);

  it('matches the golden file', () => {
    const markdown = toMarkdown(input, { includeClaimsTable: true });
    if (process.env.UPDATE_GOLDEN === '1') writeFileSync(GOLDEN, markdown);
    expect(markdown).toBe(readFileSync(GOLDEN, 'utf8'));
  });

  it('numbers footnotes by first appearance and marks overlaps once, with every reference', () => {
    const nodes = bodyNodes(toMarkdown(input));
    const paragraph = nodes.find((node) =>
      toString(node).startsWith('Iran’s Supreme Leader referred'),
    )!;
    const marked = readRuns(paragraph).filter((run) => run.marked);
    expect(marked.map((run) => [run.text, run.refs])).toEqual([
      ['a speech made by ', ['4']],
      ['US General Wesley Clark', ['4', '5']],
      [' at the height of the so-called “War on Terror” in 2003', ['4']],
      [
        'plans to attack seven Muslim countries (Iraq, Lebanon, Syria, Libya, Somalia, Sudan, and ',
        ['6'],
      ],
      ['Iran)', ['6', '7']],
      [', but had failed to accomplish their goals in Syria, Iraq, and Lebanon', ['7']],
    ]);
    const tree = parseMarkdown(exportBody(toMarkdown(input)), true);
    const firstSeen = [...new Set(footnoteReferences(tree))];
    expect(firstSeen).toEqual(['1', '2', '3', '4', '5', '6', '7', '8']);
  });

  it('leaves chrome out and lists claims no longer found in the text', () => {
    const markdown = toMarkdown(input);
    expect(markdown).not.toMatch(/^Most Popular$/m);
    const nodes = bodyNodes(markdown);
    const heading = nodes.findIndex((node) => toString(node) === UNPLACED_CLAIMS_HEADING);
    expect(heading).toBeGreaterThan(0);
    expect(toString(nodes[heading + 1]!)).toBe('“a sentence that is no longer there” ');
  });

  it('writes each footnote as verdict, status and summary, then the note, then evidence', () => {
    const tree = parseMarkdown(exportBody(toMarkdown(input)), true);
    const definition = footnoteDefinitions(tree).get('4')!;
    expect(definition.children.map((node) => node.type)).toEqual([
      'paragraph',
      'paragraph',
      'paragraph',
      'list',
    ]);
    expect(toString(definition.children[2]!)).toBe('Evidence:');
    expect(toString(definition.children[0]!)).toBe(
      'Accurate (done) — Clark gave a speech in 2003 about US war plans',
    );
    const evidence = definition.children[3]!;
    expect(evidence.type === 'list' && evidence.children[0]!.children[0]).toMatchObject({
      type: 'paragraph',
      children: [
        {
          type: 'link',
          url: 'https://www.democracynow.org/2007/3/2/gen_wesley_clark_weighs_presidential_bid',
        },
        { type: 'text', value: ' — refutes' },
      ],
    });
  });

  it('keeps a note full of Markdown inside its footnote, its own footnotes relabelled', () => {
    const markdown = toMarkdown(input);
    const tree = parseMarkdown(exportBody(markdown), true);
    const definitions = footnoteDefinitions(tree);
    const note = definitions.get('6')!;
    expect(note.children.map((node) => node.type)).toEqual([
      'paragraph',
      'paragraph',
      'heading',
      'blockquote',
      'list',
      'list',
      'table',
      'code',
      'paragraph',
      'paragraph',
      'list',
    ]);
    // The note's `[^1]:` is its own footnote, never the claim footnote 1.
    expect(toString(definitions.get('1')!)).toMatch(/^Opinion/);
    expect(toString(definitions.get('6-1')!)).toBe('not a footnote of ours');
    // HTML in a note is shown, never run.
    expect(toString(note.children[8]!)).toContain('<script>alert("x")</script>');
    expect(parseFactmarkMarkdown(markdown)!.annotations.find((a) => a.id === 'a-seven')!.note).toBe(
      MARKDOWN_HEAVY_NOTE,
    );
  });

  it('counts claims per verdict in front matter that parses as YAML', () => {
    const frontMatter = parseYaml(toMarkdown(input).split('\n---\n')[0]!.slice(4));
    expect(frontMatter).toMatchObject({
      title: 'Iran’s Supreme Leader rejects talks with US',
      author: 'News Desk',
      published: '2022-11-27',
      source: 'Factmark sample article',
      exported_at: '2024-05-02T09:30:00.000Z',
      generator: 'Factmark 0.1.0',
      claims: {
        total: 8,
        verdicts: {
          Opinion: 1,
          Accurate: 1,
          'Mostly accurate': 1,
          Misleading: 1,
          False: 2,
          Unsupported: 1,
        },
        no_verdict: 1,
      },
    });
  });

  it('leaves unreviewed claims out on request', () => {
    const markdown = toMarkdown(input, { includeUnreviewed: false });
    expect(markdown).not.toContain('==“tribute”==');
    expect(parseFactmarkMarkdown(markdown)!.annotations.map((a) => a.status)).not.toContain(
      'unreviewed',
    );
    expect(markdown).toMatch(/^ {2}no_verdict: 0$/m);
  });

  it('does not depend on the order annotations are stored in', () => {
    const reversed = { ...input, annotations: [...input.annotations].reverse() };
    expect(toMarkdown(reversed)).toBe(toMarkdown(input));
  });
});

describe('toMarkdown (footnotes) escaping', () => {
  it('never lets article text open or close a mark or call a footnote', () => {
    const blocks: Block[] = [
      { kind: 'headline', text: '# ==not a mark== [^1]' },
      { kind: 'paragraph', text: 'a ==b== c, x=y, [^1]: d\n> e\n1. f\nwww.example.org.' },
    ];
    const input = inputOf(blocks, [{ id: 'a', exact: '==b==' }]);
    const nodes = bodyNodes(toMarkdown(input));
    expect(readRuns(nodes[0]!).some((run) => run.marked)).toBe(false);
    expect(runsText(readRuns(nodes[0]!))).toBe(blocks[0]!.text);
    const runs = readRuns(nodes[1]!);
    expect(runs.filter((run) => run.marked).map((run) => run.text)).toEqual(['==b==']);
    expect(runsText(runs)).toBe(blocks[1]!.text);
  });

  it('keeps a note that would end its footnote inside it', () => {
    const note = 'First\n\n[^1]: hijack\n\nUnindented paragraph\n---\n# Heading\n\n    code';
    const input = inputOf(
      [{ kind: 'paragraph', text: 'One claim. Two claim.' }],
      [
        { id: 'a', exact: 'One claim', fields: { note } },
        { id: 'b', exact: 'Two claim', fields: { note: 'Second note' } },
      ],
    );
    const markdown = toMarkdown(input);
    const nodes = bodyNodes(markdown);
    expect(nodes.map((node) => node.type)).toEqual([
      'paragraph',
      'footnoteDefinition',
      'footnoteDefinition',
      'footnoteDefinition',
    ]);
    const [, first, hoisted, second] = nodes;
    expect(toString(first!)).toContain('Unindented paragraph');
    expect(toString(first!)).toContain('Heading');
    expect(first).toMatchObject({ identifier: '1' });
    expect(hoisted).toMatchObject({ identifier: '1-1' });
    expect(toString(second!)).toBe('False (done) — Summary of bSecond note');
    expect(parseFactmarkMarkdown(markdown)!.annotations[0]!.note).toBe(note);
  });

  it('marks a claim that spans blocks in each block it touches', () => {
    const input = inputOf(
      [
        { kind: 'paragraph', text: 'First part' },
        { kind: 'paragraph', text: 'second part' },
      ],
      [{ id: 'a', exact: 'part\n\nsecond' }],
    );
    const nodes = bodyNodes(toMarkdown(input));
    expect(readRuns(nodes[0]!)).toEqual([
      { marked: false, text: 'First ', refs: [] },
      { marked: true, text: 'part', refs: ['1'] },
    ]);
    expect(readRuns(nodes[1]!)[0]).toEqual({ marked: true, text: 'second', refs: ['1'] });
  });
});

describe('toCriticMarkup', () => {
  const CRITIC = /\{==([\s\S]*?)==\}|\{>>([\s\S]*?)<<\}/g;

  it('writes {==text==}{>>Verdict — note<<} per run, overlaps cut as in footnotes', () => {
    const input = inputOf(
      [{ kind: 'paragraph', text: 'Alpha beta gamma delta' }],
      [
        { id: 'a', exact: 'Alpha beta gamma', fields: { note: 'Outer\n\nnote' } },
        { id: 'b', exact: 'beta gamma delta', fields: { verdictId: null } },
      ],
    );
    const body = exportBody(toCriticMarkup(input));
    expect(body.trim()).toBe(
      '{==Alpha ==}{>>False — Outer note<<}{==beta gamma==}{>>False — Outer note<<}' +
        '{>>No verdict<<}{== delta==}{>>No verdict<<}',
    );
  });

  it('escapes markup-like text and notes so they cannot end a highlight or comment', () => {
    const text = 'x {>> y <<} z ==} w {== v ~> u';
    const input = inputOf(
      [{ kind: 'paragraph', text }],
      [{ id: 'a', exact: 'y <<} z ==}', fields: { note: 'note with <<} and ==} and {>>' } }],
    );
    const body = exportBody(toCriticMarkup(input));
    const matches = [...body.matchAll(CRITIC)];
    expect(matches.map((match) => (match[1] === undefined ? 'comment' : 'highlight'))).toEqual([
      'highlight',
      'comment',
    ]);
    const stripped = parseMarkdown(
      body.replace(CRITIC, (_m, h: string | undefined) => h ?? ''),
      false,
    );
    expect(toString(stripped.children[0]!)).toBe(text);
    expect(toString(parseMarkdown(body, false).children[0]!)).toContain(
      '{>>False — note with <<} and ==} and {>><<}',
    );
  });

  it('carries the same data block as the footnotes style', () => {
    const input = sampleExportInput(sampleText);
    expect(parseFactmarkMarkdown(toCriticMarkup(input))).toEqual(
      parseFactmarkMarkdown(toMarkdown(input)),
    );
  });
});
