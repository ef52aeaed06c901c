import Ajv from 'ajv';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Annotation } from '../annotation/annotation-model';
import { defaultTaxonomy } from '../annotation/verdicts';
import { canonicalText, type Block } from '../article/article-model';
import type { ArticleExportInput } from './export-input';
import schema from './schemas/w3c-annotation-collection.schema.json';
import { exportInputArbitrary } from './testing/arbitraries';
import { toW3cAnnotations, W3C_ANNOTATION_CONTEXT } from './w3c-annotations';

const validate = new Ajv({ allErrors: true, strict: true }).compile(schema);

function annotation(id: string, text: string, exact: string, fields: Partial<Annotation> = {}) {
  const start = text.indexOf(exact);
  if (start < 0) throw new Error(`${exact} not in text`);
  return {
    id,
    start,
    end: start + exact.length,
    quote: { exact, prefix: text.slice(Math.max(0, start - 5), start), suffix: '' },
    verdictId: null,
    status: 'done',
    summary: '',
    note: '',
    labels: [],
    evidence: [],
    anchor: 'anchored',
    createdAt: '2024-01-01T00:00:00.000Z',
    updatedAt: '2024-01-02T00:00:00.000Z',
    ...fields,
  } satisfies Annotation;
}

function inputWith(blocks: Block[], annotations: Annotation[], url?: string): ArticleExportInput {
  return {
    article: {
      id: 'art 1',
      metadata: { title: 'T', ...(url ? { url } : {}) },
      blocks,
      addedAt: '2024-01-01T00:00:00.000Z',
    },
    annotations,
    taxonomy: defaultTaxonomy(),
    exportedAt: '2024-02-01T00:00:00.000Z',
    generator: 'Factmark test',
  };
}

describe('toW3cAnnotations', () => {
  const blocks: Block[] = [
    { kind: 'headline', text: '😀 Emoji 👍🏽 headline' },
    { kind: 'paragraph', text: 'The 𝒳 claim is here.' },
  ];
  const text = canonicalText(blocks);

  it('counts selector offsets in code points, not UTF-16 units, after astral characters', () => {
    const input = inputWith(blocks, [annotation('a', text, 'claim')]);
    const collection = toW3cAnnotations(input);
    const target = collection.first!.items[0]!.target;
    const position = target.selector[1];
    const codePoints = Array.from(text);
    // "😀", "👍", "🏽" and "𝒳" are each one code point but two UTF-16 units.
    expect(position.start).toBe(text.indexOf('claim') - 4);
    expect(codePoints.slice(position.start, position.end).join('')).toBe('claim');
    expect(target.selector[0]).toEqual({
      type: 'TextQuoteSelector',
      exact: 'claim',
      prefix: 'e 𝒳 ',
    });
  });

  it('writes the note, labels, verdict and evidence as bodies with their purposes', () => {
    const input = inputWith(
      blocks,
      [
        annotation('a', text, 'Emoji', {
          verdictId: 'false',
          note: '**Wrong**, see [this](https://example.org).',
          labels: ['health', 'stats'],
          evidence: [
            { id: 'e', url: 'https://example.org/a b', title: ' Report ', stance: 'refutes' },
          ],
        }),
      ],
      'https://news.example/story',
    );
    const item = toW3cAnnotations(input).first!.items[0]!;
    expect(item.target.source).toBe('https://news.example/story');
    expect(item.body).toEqual([
      {
        type: 'TextualBody',
        value: '**Wrong**, see [this](https://example.org).',
        format: 'text/markdown',
        purpose: 'commenting',
      },
      { type: 'TextualBody', value: 'health', purpose: 'tagging' },
      { type: 'TextualBody', value: 'stats', purpose: 'tagging' },
      { type: 'TextualBody', value: 'False', purpose: 'assessing' },
      {
        type: 'SpecificResource',
        purpose: 'linking',
        label: 'refutes',
        source: { id: 'https://example.org/a%20b', label: 'Report' },
      },
    ]);
    expect(validate(toW3cAnnotations(input)), JSON.stringify(validate.errors)).toBe(true);
  });

  it('names the collection, its page and its annotations, and leaves out unreviewed on request', () => {
    const input = inputWith(blocks, [
      annotation('a', text, 'Emoji'),
      annotation('b', text, 'claim', { status: 'unreviewed' }),
    ]);
    const all = toW3cAnnotations(input);
    expect(all['@context']).toBe(W3C_ANNOTATION_CONTEXT);
    expect(all.type).toBe('AnnotationCollection');
    expect(all.total).toBe(2);
    expect(all.first!.items.map((item) => item.id)).toEqual([
      'urn:factmark:annotation:a',
      'urn:factmark:annotation:b',
    ]);
    expect(all.first!.items[0]!.target.source).toBe('urn:factmark:article:art%201');
    const reviewed = toW3cAnnotations(input, { includeUnreviewed: false });
    expect(reviewed.total).toBe(1);
    expect(toW3cAnnotations(inputWith(blocks, [])).first).toBeUndefined();
  });

  it('the schema rejects what the model forbids (so validation means something)', () => {
    const good = toW3cAnnotations(inputWith(blocks, [annotation('a', text, 'Emoji')]));
    const broken = structuredClone(good) as unknown as {
      first: { items: { target: { selector: { start?: number }[] }; body?: unknown }[] };
    };
    broken.first.items[0]!.target.selector[1]!.start = -1;
    expect(validate(broken)).toBe(false);
    const noValue = structuredClone(good) as unknown as { first: { items: { body?: unknown }[] } };
    noValue.first.items[0]!.body = [{ type: 'TextualBody', purpose: 'commenting' }];
    expect(validate(noValue)).toBe(false);
    expect(validate({ ...good, '@context': 'https://schema.org' })).toBe(false);
  });

  it('is valid W3C JSON-LD for any article and annotations, with code point offsets', () => {
    fc.assert(
      fc.property(exportInputArbitrary, (input) => {
        const collection = toW3cAnnotations(input);
        expect(validate(collection), JSON.stringify(validate.errors)).toBe(true);
        const codePoints = Array.from(canonicalText(input.article.blocks));
        for (const [index, item] of (collection.first?.items ?? []).entries()) {
          const source = input.annotations[index]!;
          const [quote, position] = item.target.selector;
          expect(position.end).toBeGreaterThan(position.start);
          expect(codePoints.slice(position.start, position.end).join('')).toBe(
            canonicalText(input.article.blocks).slice(source.start, source.end),
          );
          expect(quote.exact).toBe(source.quote.exact);
        }
      }),
      { numRuns: 200 },
    );
  });
});
