import fc from 'fast-check';
import type { Nodes, RootContent } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { defaultHandlers, toMarkdown as serializeMdast } from 'mdast-util-to-markdown';
import { describe, expect, it } from 'vitest';
import { canonicalText, isAnnotatable, placeBlocks } from '../article/article-model';
import type { ArticleExportInput } from './export-input';
import { markdownBody, oneLine, toMarkdown } from './markdown-export';
import { parseFactmarkMarkdown } from './parse-factmark-markdown';
import { exportInputArbitrary, nastyString } from './testing/arbitraries';
import {
  exportBody,
  footnoteDefinitions,
  footnoteReferences,
  parseMarkdown,
  readRuns,
  runsText,
  textOnly,
} from './testing/read-export';

const RUNS = Number(process.env.FACTMARK_PROPERTY_RUNS ?? 300);
/** Generous, so FACTMARK_PROPERTY_RUNS can be raised for a long soak. */
const TIMEOUT = Math.max(20_000, RUNS * 200);

/** The exported blocks (chrome left out), in order. */
function exportedBlocks(input: ArticleExportInput) {
  return placeBlocks(input.article.blocks).filter((block) => isAnnotatable(block.kind));
}

/** Ids of the annotations that cover each UTF-16 index of the block, found the slow way. */
function coveringIds(input: ArticleExportInput, at: number): string[] {
  return input.annotations
    .filter((a) => a.anchor !== 'orphaned' && a.start <= at && at < a.end)
    .map((a) => a.id)
    .sort();
}

describe('footnotes-style Markdown, for any text and notes', () => {
  it(
    'gives back every block, marks exactly the annotated text, resolves every reference',
    () => {
      fc.assert(
        fc.property(exportInputArbitrary, (input) => {
          const markdown = toMarkdown(input);
          const imported = parseFactmarkMarkdown(markdown);
          expect(imported).not.toBeNull();
          // Footnote n belongs to the n-th annotation of the data block.
          const idByFootnote = new Map(imported!.annotations.map((a, i) => [String(i + 1), a.id]));
          const body = exportBody(markdown);
          const tree = parseMarkdown(body, true);
          const blocks = exportedBlocks(input);
          const nodes = tree.children.slice(0, blocks.length);

          blocks.forEach((block, index) => {
            const node = nodes[index] as RootContent;
            expect(node.type).toBe(block.kind === 'headline' ? 'heading' : 'paragraph');
            const runs = readRuns(node);
            // (a) The block's text comes back exactly.
            expect(runsText(runs)).toBe(block.text);
            // Every character is marked by exactly the annotations covering it, once.
            let at = block.start;
            for (const run of runs) {
              const ids = run.refs.map((ref) => idByFootnote.get(ref)).sort();
              expect(new Set(run.refs).size).toBe(run.refs.length);
              // A vertical tab cannot sit at the edge of a mark (see blockPhrasing): it is the
              // one character a claim covers that may be left unmarked.
              if (run.refs.length > 0) expect(run.marked || /^\v+$/.test(run.text)).toBe(true);
              else expect(run.marked).toBe(false);
              for (let i = 0; i < run.text.length; i++) {
                if (run.text[i] !== '\v') expect(ids).toEqual(coveringIds(input, at + i));
              }
              at += run.text.length;
            }
          });

          // (b) Every reference resolves, and every included claim has a referenced footnote.
          const definitions = footnoteDefinitions(tree);
          const references = footnoteReferences(tree);
          for (const reference of references) expect(definitions.has(reference)).toBe(true);
          for (const label of idByFootnote.keys()) expect(references).toContain(label);
          expect(imported!.annotations).toHaveLength(input.annotations.length);

          // Without the mark extension, a GFM reader sees the marks as literal `==`.
          const plainTree = parseMarkdown(body, false);
          blocks.forEach((block, index) => {
            const marked = readRuns(tree.children[index] as RootContent)
              .map((run) => (run.marked ? `==${run.text}==` : run.text))
              .join('');
            expect(runsText(readRuns(plainTree.children[index] as RootContent))).toBe(marked);
          });
          expect(footnoteReferences(plainTree)).toEqual(references);
        }),
        { numRuns: RUNS },
      );
    },
    TIMEOUT,
  );

  it(
    'gives back every note exactly, and shows it as Markdown inside its own footnote',
    () => {
      fc.assert(
        fc.property(exportInputArbitrary, (input) => {
          const markdown = toMarkdown(input);
          const imported = parseFactmarkMarkdown(markdown)!;
          // (c) Notes come back exactly.
          const notes = new Map(input.annotations.map((a) => [a.id, a.note]));
          for (const annotation of imported.annotations) {
            expect(annotation.note).toBe(notes.get(annotation.id));
          }
          // A note's own text never escapes its footnote: each footnote holds the verdict line,
          // then the note's text (as Markdown renders it), then the evidence list.
          const tree = parseMarkdown(exportBody(markdown), true);
          // Nothing from a note (or anywhere) is ever HTML to a renderer.
          const types = (node: Nodes): string[] => [
            node.type,
            ...('children' in node ? node.children.flatMap(types) : []),
          ];
          expect(types(tree)).not.toContain('html');
          const definitions = footnoteDefinitions(tree);
          imported.annotations.forEach((annotation, index) => {
            const definition = definitions.get(String(index + 1));
            expect(definition).toBeDefined();
            const [head, ...rest] = definition!.children;
            expect(head?.type).toBe('paragraph');
            // The evidence, when there is any, is the last two nodes: "Evidence:" and its list.
            const noteNodes = annotation.evidence.length > 0 ? rest.slice(0, -2) : rest;
            if (annotation.evidence.length > 0) {
              expect(toString(rest[rest.length - 2]!)).toBe('Evidence:');
              const list = rest[rest.length - 1]!;
              expect(list.type === 'list' && list.children.length).toBe(annotation.evidence.length);
            }
            // The note's own footnotes are written after the claim's, wherever they were.
            const withoutFootnotes = (nodes: readonly RootContent[]): string =>
              nodes
                .map((node) =>
                  node.type === 'footnoteDefinition'
                    ? ''
                    : 'children' in node
                      ? withoutFootnotes(node.children)
                      : toString(node),
                )
                .join('');
            const flat = (text: string) => text.replace(/\s+/g, '');
            expect(flat(withoutFootnotes(noteNodes))).toBe(
              flat(withoutFootnotes(parseMarkdown(annotation.note, true).children)),
            );
          });
        }),
        { numRuns: RUNS },
      );
    },
    TIMEOUT,
  );

  it(
    'exports the same file again after an import (all but exported_at)',
    () => {
      fc.assert(
        fc.property(
          exportInputArbitrary,
          fc.boolean(),
          fc.boolean(),
          (input, unreviewed, table) => {
            const options = { includeUnreviewed: unreviewed, includeClaimsTable: table };
            const first = toMarkdown(input, options);
            const imported = parseFactmarkMarkdown(first)!;
            const again = toMarkdown(
              {
                article: imported.article,
                annotations: imported.annotations,
                taxonomy: { presetId: 'imported', verdicts: imported.taxonomyVerdicts },
                exportedAt: '2030-01-01T00:00:00.000Z',
                generator: input.generator,
              },
              options,
            );
            const withoutDate = (text: string) => text.replace(/^exported_at: .*$/m, '');
            expect(withoutDate(again)).toBe(withoutDate(first));
            expect(again).not.toBe(first);
          },
        ),
        { numRuns: RUNS },
      );
    },
    TIMEOUT,
  );
});

describe('CriticMarkup-style Markdown, for any text and notes', () => {
  const CRITIC = /\{==([\s\S]*?)==\}|\{>>([\s\S]*?)<<\}/g;

  /** The claims covering each run of a block, outermost (longest, then first, then id) first. */
  function naiveSegments(input: ArticleExportInput, block: { start: number; end: number }) {
    const byId = new Map(input.annotations.map((a) => [a.id, a]));
    const segments: { text: string; ids: string[] }[] = [];
    const text = canonicalText(input.article.blocks);
    for (let at = block.start; at < block.end; at++) {
      const ids = coveringIds(input, at).sort((x, y) => {
        const a = byId.get(x)!;
        const b = byId.get(y)!;
        return b.end - b.start - (a.end - a.start) || a.start - b.start || (x < y ? -1 : 1);
      });
      const last = segments[segments.length - 1];
      if (last && last.ids.join('\u0000') === ids.join('\u0000')) last.text += text[at];
      else segments.push({ text: text[at] as string, ids });
    }
    return segments;
  }

  function comment(input: ArticleExportInput, id: string): string {
    const annotation = input.annotations.find((a) => a.id === id)!;
    const verdict = input.taxonomy.verdicts.find((v) => v.id === annotation.verdictId);
    const note = annotation.note.replace(/\s+/g, ' ').trim();
    const label = verdict ? verdict.label : 'No verdict';
    return note === '' ? label : `${label} — ${note}`;
  }

  it(
    'reads back exactly, both with the markup as text and with it stripped',
    () => {
      fc.assert(
        fc.property(exportInputArbitrary, (input) => {
          const markdown = toMarkdown(input, { style: 'criticmarkup' });
          const body = exportBody(markdown);
          const blocks = exportedBlocks(input);
          const segmentsByBlock = blocks.map((block) => naiveSegments(input, block));

          // A CriticMarkup processor (reading the source) finds one highlight per marked run,
          // one comment per claim on it and per claim not found in the text, and nothing else.
          const matches = [...body.matchAll(CRITIC)];
          const marked = segmentsByBlock.flat().filter((segment) => segment.ids.length > 0);
          const placed = new Set(marked.flatMap((segment) => segment.ids));
          expect(matches.filter((match) => match[1] !== undefined)).toHaveLength(marked.length);
          expect(matches.filter((match) => match[2] !== undefined)).toHaveLength(
            marked.reduce((sum, segment) => sum + segment.ids.length, 0) +
              input.annotations.filter((a) => !placed.has(a.id)).length,
          );

          // Stripped of the markup (as "accept all" would), the body gives back every block.
          const stripped = parseMarkdown(
            body.replace(CRITIC, (_match, highlighted: string | undefined) => highlighted ?? ''),
            false,
          );
          // Kept as text (a GFM reader that knows no CriticMarkup), it shows the markup exactly.
          const raw = parseMarkdown(body, false);
          blocks.forEach((block, index) => {
            expect(textOnly(stripped.children[index] as RootContent)).toBe(block.text);
            const expected = (segmentsByBlock[index] ?? [])
              .map((segment) =>
                segment.ids.length === 0
                  ? segment.text
                  : `{==${segment.text}==}` +
                    segment.ids.map((id) => `{>>${comment(input, id)}<<}`).join(''),
              )
              .join('');
            expect(textOnly(raw.children[index] as RootContent)).toBe(expected);
          });
          expect(parseFactmarkMarkdown(markdown)?.annotations).toHaveLength(
            input.annotations.length,
          );
        }),
        { numRuns: RUNS },
      );
    },
    TIMEOUT,
  );
});

describe('one-line display text', () => {
  it('collapses whitespace as a replace and trim of every string would', () => {
    const spaced = fc
      .array(fc.constantFrom('a', ' ', '  ', '\n', '\t', '\u00a0', '\ufeff', '\u2028', 'é', '😀'), {
        maxLength: 10,
      })
      .map((parts) => parts.join(''));
    fc.assert(
      fc.property(fc.oneof(spaced, nastyString(), fc.string({ unit: 'binary' })), (text) => {
        expect(oneLine(text)).toBe(text.replace(/\s+/g, ' ').trim());
      }),
      { numRuns: 5000 },
    );
  });
});

describe('the serializer shortcuts (escaper patterns filtered, single-node paragraphs)', () => {
  it(
    'write every export byte for byte as the plain serializer does',
    () => {
      fc.assert(
        fc.property(
          exportInputArbitrary,
          fc.constantFrom('footnotes' as const, 'criticmarkup' as const),
          fc.boolean(),
          (input, style, includeClaimsTable) => {
            const { tree, serializer } = markdownBody(input, { style, includeClaimsTable });
            // The default root handler installs no shortcut.
            const plain = {
              ...serializer,
              handlers: { ...serializer.handlers, root: defaultHandlers.root },
            };
            expect(serializeMdast(tree, serializer)).toBe(serializeMdast(tree, plain));
          },
        ),
        { numRuns: RUNS },
      );
    },
    TIMEOUT,
  );
});
