import type { Annotation } from '../../annotation/annotation-model';
import { buildTextQuote } from '../../anchoring/text-quote';
import { defaultTaxonomy } from '../../annotation/verdicts';
import { canonicalText, type Block } from '../../article/article-model';
import type { ArticleExportInput } from '../export-input';
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
}

const WORDS = [
  'the',
  'minister',
  'said',
  'Iran’s',
  'forces',
  '“tribute”',
  'in',
  '2003,',
  'seven',
  'countries',
  '(IRGC)',
  'would',
  'be',
  'sent',
  'to',
  'border',
  'regions',
  '—',
  'not',
  'by',
  'US.',
  'officials',
  'claimed',
  'that',
  'a_b',
  '*stars*',
  '[notes]',
  'x=y',
  'www.example.org',
  '😀',
];

/** 20,000 words in 200 paragraphs and 1,000 annotations, many overlapping, notes of all kinds. */
export function largeInputForProfile(): ArticleExportInput {
  const next = random(42);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)] as T;
  const blocks: Block[] = [{ kind: 'headline', text: 'A long article' }];
  for (let p = 0; p < 200; p++) {
    const words = Array.from({ length: 100 }, () => pick(WORDS));
    blocks.push({ kind: 'paragraph', text: words.join(' ') });
  }
  const text = canonicalText(blocks);
  const notes = [
    '',
    'Checked against the ministry’s own figures.',
    '**Wrong.** See [the report](https://example.org/report) and `table 3`.\n\n- one\n- two',
  ];
  const annotations: Annotation[] = Array.from({ length: 1000 }, (_, index) => {
    const start = Math.floor(next() * (text.length - 400));
    const end = start + 10 + Math.floor(next() * 300);
    return {
      id: `a${index}`,
      start,
      end,
      quote: buildTextQuote(text, start, end),
      verdictId: pick([null, 'false', 'accurate', 'misleading', 'opinion']),
      status: pick(['unreviewed', 'in-progress', 'done'] as const),
      summary: `Claim number ${index}`,
      note: pick(notes),
      labels: index % 3 === 0 ? ['economy'] : [],
      evidence:
        index % 2 === 0
          ? [
              {
                id: `e${index}`,
                url: `https://example.org/${index}`,
                title: 'Source',
                stance: 'refutes',
              },
            ]
          : [],
      anchor: 'anchored',
      createdAt: '2024-01-01T00:00:00.000Z',
      updatedAt: '2024-01-01T00:00:00.000Z',
    };
  });
  return {
    article: {
      id: 'long',
      metadata: { title: 'A long article' },
      blocks,
      addedAt: '2024-01-01T00:00:00.000Z',
    },
    annotations,
    taxonomy: defaultTaxonomy(),
    exportedAt: '2024-01-02T00:00:00.000Z',
    generator: 'test',
  };
}

/** Best of a few runs, in milliseconds (the first run also pays for warming up). */
